// The synthetic school generator: deterministic, valid identifiers, and a register, attendance
// and attainment picture that looks like a real English school's.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <vector>

#include "generator/school_generator.hpp"
#include "model/dates.hpp"
#include "model/reference_data.hpp"
#include "model/upn.hpp"

namespace {
using sm::generator::Phase;
using sm::generator::SchoolSpec;

// Generated once per phase: each test reads the same 2,000-pupil school.
const std::string& school_xml(Phase phase) {
  static const std::string secondary = sm::generator::generate_ctf(SchoolSpec{});
  static const std::string primary = [] {
    SchoolSpec spec;
    spec.phase = Phase::primary;
    return sm::generator::generate_ctf(spec);
  }();
  return phase == Phase::primary ? primary : secondary;
}

void load(pugi::xml_document& doc, const std::string& xml) {
  const auto result = doc.load_buffer(xml.data(), xml.size());
  REQUIRE(result);
}

std::vector<pugi::xml_node> pupils_of(const pugi::xml_document& doc) {
  std::vector<pugi::xml_node> pupils;
  for (auto pupil : doc.child("CTfile").child("CTFpupilData").children("Pupil")) pupils.push_back(pupil);
  return pupils;
}

// The current SEN status is the provision with the latest StartDate ("N" when there is none).
std::string current_status(pugi::xml_node pupil) {
  std::string latest_date;
  std::string status = "N";
  for (auto sen : pupil.child("SENhistory").children("SEN")) {
    const std::string date = sen.child_value("StartDate");
    if (date >= latest_date) {
      latest_date = date;
      status = sen.child_value("SENprovision");
    }
  }
  return status;
}

std::string primary_need(pugi::xml_node pupil) {
  for (auto need : pupil.child("SENhistory").child("SENneeds").children("SENneed"))
    if (std::string(need.child_value("SENtypeRank")) == "1") return need.child_value("SENtype");
  return {};
}

std::string most_common(const std::map<std::string, int>& counts) {
  return std::max_element(counts.begin(), counts.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

bool is_number(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

TEST_CASE("the same spec gives the same bytes and another seed gives others", "[unit]") {
  SchoolSpec spec;
  const std::string first = sm::generator::generate_ctf(spec);
  CHECK(first == school_xml(Phase::secondary));
  CHECK(first == sm::generator::generate_ctf(spec));
  spec.seed = 2;
  CHECK(first != sm::generator::generate_ctf(spec));
  CHECK(first.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CTfile>", 0) == 0);
  CHECK(first.find('\r') == std::string::npos);
  CHECK(first.find("<!DOCTYPE") == std::string::npos);
}

TEST_CASE("the header describes a CTF 25 full export from the school", "[unit]") {
  pugi::xml_document doc;
  load(doc, school_xml(Phase::secondary));
  auto header = doc.child("CTfile").child("Header");
  CHECK(std::string(header.child_value("CTFversion")) == "25.0");
  CHECK(std::string(header.child_value("DateTime")) == "2026-07-22T16:30:00");
  CHECK(std::string(header.child_value("DocumentQualifier")) == "full");
  auto source = header.child("SourceSchool");
  CHECK(std::string(source.child_value("LEA")) == "938");
  CHECK(std::string(source.child_value("Estab")) == "4123");
  CHECK(std::string(source.child_value("URN")).size() == 6);
  CHECK(std::string(source.child_value("AcademicYear")) == "2025");
  CHECK_FALSE(std::string(source.child_value("SchoolName")).empty());
  CHECK(pupils_of(doc).size() == 2000);
}

TEST_CASE("every UPN is valid and unique", "[unit]") {
  for (Phase phase : {Phase::secondary, Phase::primary}) {
    pugi::xml_document doc;
    load(doc, school_xml(phase));
    std::set<std::string> seen;
    for (auto pupil : pupils_of(doc)) {
      const std::string upn = pupil.child_value("UPN");
      INFO(upn);
      CHECK(sm::model::upn_is_valid(upn));
      CHECK(seen.insert(upn).second);
    }
    CHECK(seen.size() == 2000);
  }
}

TEST_CASE("the register holds about 14% on SEN support and 4% with EHC plans", "[unit]") {
  for (Phase phase : {Phase::secondary, Phase::primary}) {
    pugi::xml_document doc;
    load(doc, school_xml(phase));
    std::map<std::string, int> status;
    const auto pupils = pupils_of(doc);
    for (auto pupil : pupils) ++status[current_status(pupil)];
    const double roll = static_cast<double>(pupils.size());
    CHECK(status["K"] / roll >= 0.11);
    CHECK(status["K"] / roll <= 0.17);
    CHECK(status["E"] / roll >= 0.03);
    CHECK(status["E"] / roll <= 0.05);
  }
}

TEST_CASE("needs follow the national pattern", "[unit]") {
  std::map<std::string, int> ehc_needs;
  for (Phase phase : {Phase::secondary, Phase::primary}) {
    pugi::xml_document doc;
    load(doc, school_xml(phase));
    std::map<std::string, int> support_needs;
    for (auto pupil : pupils_of(doc)) {
      const std::string status = current_status(pupil);
      if (status == "E") ++ehc_needs[primary_need(pupil)];
      if (status == "K") ++support_needs[primary_need(pupil)];
    }
    if (phase == Phase::primary) CHECK(most_common(support_needs) == "SLCN");
  }
  CHECK(most_common(ehc_needs) == "ASD");
}

TEST_CASE("SEN histories are coherent", "[unit]") {
  pugi::xml_document doc;
  load(doc, school_xml(Phase::secondary));
  const std::string exported = std::string(doc.child("CTfile").child("Header").child_value("DateTime")).substr(0, 10);
  int came_off = 0;
  for (auto pupil : pupils_of(doc)) {
    auto history = pupil.child("SENhistory");
    if (!history) continue;
    INFO(pupil.child_value("UPN"));
    for (auto sen : history.children("SEN")) CHECK(std::string(sen.child_value("StartDate")) < exported);
    const std::string status = current_status(pupil);
    const auto needs = history.child("SENneeds");
    if (status == "N") {
      CHECK_FALSE(needs);
      ++came_off;
      continue;
    }
    int ranked = 0;
    for (auto need : needs.children("SENneed")) {
      ++ranked;
      const std::string type = need.child_value("SENtype");
      CHECK(sm::model::find_sen_type(type) != nullptr);
      if (type == "NSA") CHECK(status == "K");
    }
    CHECK(ranked >= 1);
    CHECK(ranked <= 3);
  }
  CHECK(came_off > 0);
}

TEST_CASE("attendance marks skip weekends and close bank holidays and add up", "[unit]") {
  using sm::model::Date;
  pugi::xml_document doc;
  load(doc, school_xml(Phase::secondary));
  const auto end = sm::model::parse_datetime_date(doc.child("CTfile").child("Header").child_value("DateTime"));
  REQUIRE(end);
  int persistent = 0;
  double attendance_total = 0.0;
  const auto pupils = pupils_of(doc);
  for (auto pupil : pupils) {
    INFO(pupil.child_value("UPN"));
    auto year = pupil.child("Attendance").child("YearData");
    auto sessions = year.child("AttendSessions");
    const auto start = sm::model::parse_date(sessions.child_value("AttendanceStartDate"));
    REQUIRE(start);
    CHECK_FALSE(sm::model::is_weekend(*start));
    const std::string marks = sessions.child_value("AttendanceMarks");
    // Two marks for every weekday from the start date to the export date, none for weekends.
    std::size_t at = 0;
    for (Date d = *start; sm::model::days_between(d, *end) >= 0; d = sm::model::add_days(d, 1)) {
      if (sm::model::is_weekend(d)) continue;
      REQUIRE(at + 2 <= marks.size());
      if (sm::model::is_england_bank_holiday(d)) CHECK(marks.substr(at, 2) == "##");
      at += 2;
    }
    CHECK(at == marks.size());

    int possible = 0, attended = 0, authorised = 0, unauthorised = 0;
    for (char mark : marks) {
      const auto* code = sm::model::find_attendance_code(mark);
      REQUIRE(code != nullptr);
      switch (code->meaning) {
        case sm::model::AttendanceMeaning::present:
        case sm::model::AttendanceMeaning::approved_activity:
          ++possible;
          ++attended;
          break;
        case sm::model::AttendanceMeaning::authorised:
          ++possible;
          ++authorised;
          break;
        case sm::model::AttendanceMeaning::unauthorised:
          ++possible;
          ++unauthorised;
          break;
        case sm::model::AttendanceMeaning::not_possible:
          break;
      }
    }
    CHECK(std::to_string(possible) == year.child_value("SessionsPossible"));
    CHECK(std::to_string(attended) == year.child_value("SessionsAttended"));
    CHECK(std::to_string(authorised) == year.child_value("SessionsAuthorised"));
    CHECK(std::to_string(unauthorised) == year.child_value("SessionsUnauthorised"));
    REQUIRE(possible > 0);
    const double rate = static_cast<double>(attended) / possible;
    attendance_total += rate;
    if (rate < 0.9) ++persistent;
  }
  const double roll = static_cast<double>(pupils.size());
  CHECK(attendance_total / roll > 0.92);
  CHECK(attendance_total / roll < 0.96);
  CHECK(persistent / roll > 0.12);
  CHECK(persistent / roll < 0.22);
}

TEST_CASE("pupils with SEN read less well on average than pupils without", "[unit]") {
  pugi::xml_document doc;
  load(doc, school_xml(Phase::secondary));
  double with_sen = 0, without_sen = 0;
  int with_count = 0, without_count = 0, letters = 0, results = 0;
  for (auto pupil : pupils_of(doc)) {
    const bool sen = current_status(pupil) != "N";
    for (auto stage : pupil.child("StageAssessments").children("KeyStage")) {
      for (auto result : stage.children("StageAssessment")) {
        const std::string value = result.child_value("Result");
        ++results;
        if (!is_number(value)) {
          ++letters;
          continue;
        }
        if (std::string(result.child_value("Subject")) != "RDG") continue;
        const int score = std::stoi(value);
        CHECK(score >= 55);
        CHECK(score <= 145);
        (sen ? with_sen : without_sen) += score;
        ++(sen ? with_count : without_count);
      }
    }
  }
  REQUIRE(with_count > 0);
  REQUIRE(without_count > 0);
  CHECK(with_sen / with_count < without_sen / without_count - 5.0);
  CHECK(static_cast<double>(letters) / results < 0.03);
}

TEST_CASE("a spec the generator cannot honour is refused", "[unit]") {
  SchoolSpec spec;
  spec.pupils = 0;
  CHECK_THROWS_AS(sm::generator::generate_ctf(spec), std::invalid_argument);
  spec.pupils = 10;
  spec.la = "93";
  CHECK_THROWS_AS(sm::generator::generate_ctf(spec), std::invalid_argument);
  spec.la = "938";
  spec.estab = "41x3";
  CHECK_THROWS_AS(sm::generator::generate_ctf(spec), std::invalid_argument);
}
