// The synthetic school as a OneRoster bundle: deterministic, well-formed CSV, references that
// hold together, and the same pupils and termly scores as the CTF of the same spec.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "generator/school_generator.hpp"
#include "model/upn.hpp"

namespace {
using sm::generator::Phase;
using sm::generator::SchoolSpec;
using Bundle = std::map<std::string, std::string>;
using Row = std::vector<std::string>;

SchoolSpec spec_for(Phase phase) {
  SchoolSpec spec;
  spec.phase = phase;
  spec.pupils = phase == Phase::primary ? 420 : 2000;
  return spec;
}

// Generated once per phase: every test reads the same two schools.
const Bundle& bundle_of(Phase phase) {
  static const Bundle secondary = sm::generator::generate_oneroster(spec_for(Phase::secondary));
  static const Bundle primary = sm::generator::generate_oneroster(spec_for(Phase::primary));
  return phase == Phase::primary ? primary : secondary;
}

const pugi::xml_document& ctf_of(Phase phase) {
  auto load = [](Phase p) {
    auto doc = std::make_unique<pugi::xml_document>();
    const std::string xml = sm::generator::generate_ctf(spec_for(p));
    REQUIRE(doc->load_buffer(xml.data(), xml.size()));
    return doc;
  };
  static const auto secondary = load(Phase::secondary);
  static const auto primary = load(Phase::primary);
  return phase == Phase::primary ? *primary : *secondary;
}

// A tiny RFC 4180 reader for the test only: rows end at CRLF outside quotes; "" is a quote.
std::vector<Row> parse_csv(const std::string& text) {
  std::vector<Row> rows;
  Row row(1);
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"')
        row.back() += c;
      else if (i + 1 < text.size() && text[i + 1] == '"')
        row.back() += text[++i];
      else
        quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.push_back(std::move(row));
      row.assign(1, std::string());
      ++i;
    } else {
      row.back() += c;
    }
  }
  CHECK_FALSE(quoted);
  CHECK(row == Row(1));  // the last row ends with CRLF too
  return rows;
}

struct Table {
  Row header;
  std::vector<Row> rows;

  std::size_t column(const std::string& name) const {
    const auto at = std::find(header.begin(), header.end(), name);
    REQUIRE(at != header.end());
    return static_cast<std::size_t>(at - header.begin());
  }
  // Every row's value in `name`, in file order.
  std::vector<std::string> values(const std::string& name) const {
    const std::size_t at = column(name);
    std::vector<std::string> out;
    for (const Row& r : rows) out.push_back(r.at(at));
    return out;
  }
};

Table table_of(Phase phase, const std::string& file) {
  const Bundle& bundle = bundle_of(phase);
  const auto it = bundle.find(file);
  REQUIRE(it != bundle.end());
  auto rows = parse_csv(it->second);
  REQUIRE_FALSE(rows.empty());
  Table table{rows.front(), {}};
  table.rows.assign(rows.begin() + 1, rows.end());
  return table;
}

std::vector<pugi::xml_node> pupils_of(const pugi::xml_document& doc) {
  std::vector<pugi::xml_node> pupils;
  for (auto pupil : doc.child("CTfile").child("CTFpupilData").children("Pupil")) pupils.push_back(pupil);
  return pupils;
}

// UPN -> the rows of a file about that pupil, keyed by another column's value.
std::map<std::string, std::string> column_by(const Table& t, const std::string& key, const std::string& value) {
  std::map<std::string, std::string> out;
  const std::size_t k = t.column(key);
  const std::size_t v = t.column(value);
  for (const Row& r : t.rows) out[r.at(k)] = r.at(v);
  return out;
}

std::string current_sen_status(pugi::xml_node pupil) {
  std::string latest;
  std::string status = "N";
  for (auto sen : pupil.child("SENhistory").children("SEN")) {
    if (std::string(sen.child_value("StartDate")) < latest) continue;
    latest = sen.child_value("StartDate");
    status = sen.child_value("SENprovision");
  }
  return status;
}

const std::vector<std::string> kFiles{
    "academicSessions.csv", "classes.csv", "demographics.csv", "enrollments.csv", "lineItems.csv",
    "manifest.csv",         "orgs.csv",    "results.csv",      "roles.csv",       "users.csv"};

}  // namespace

TEST_CASE("oneroster: the same spec gives the same bundle and another seed gives another", "[unit]") {
  SchoolSpec spec = spec_for(Phase::secondary);
  const Bundle first = sm::generator::generate_oneroster(spec);
  CHECK(first == bundle_of(Phase::secondary));
  std::vector<std::string> names;
  for (const auto& [name, text] : first) names.push_back(name);
  CHECK(names == kFiles);
  spec.seed = 2;
  CHECK(sm::generator::generate_oneroster(spec) != first);
  spec.pupils = 0;
  CHECK_THROWS_AS(sm::generator::generate_oneroster(spec), std::invalid_argument);
}

TEST_CASE("oneroster: every file is CRLF CSV with as many fields in each row as in its header", "[unit]") {
  for (Phase phase : {Phase::secondary, Phase::primary}) {
    const std::string stamp =
        std::string(ctf_of(phase).child("CTfile").child("Header").child_value("DateTime")) + ".000Z";
    for (const auto& [name, text] : bundle_of(phase)) {
      INFO(name);
      CHECK(text.rfind("\xEF\xBB\xBF", 0) == std::string::npos);
      CHECK(text.size() >= 2);
      CHECK(text.substr(text.size() - 2) == "\r\n");
      std::size_t bare_line_feeds = 0;
      for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1))
        bare_line_feeds += text[at - 1] != '\r';
      CHECK(bare_line_feeds == 0);
      const Table t = table_of(phase, name);
      CHECK(t.rows.size() > 0);
      // Counted, not checked row by row: one broken writer would otherwise print 10,000 failures.
      std::size_t misshapen = 0, bad_prefix = 0, duplicate_ids = 0;
      std::set<std::string> ids;
      for (const Row& row : t.rows) {
        misshapen += row.size() != t.header.size();
        if (name == "manifest.csv" || row.size() < 3) continue;
        duplicate_ids += !ids.insert(row[0]).second;
        bad_prefix += row[0].empty() || row[1] != "active" || row[2] != stamp;
      }
      CHECK(misshapen == 0);
      CHECK(duplicate_ids == 0);
      CHECK(bad_prefix == 0);
      if (name == "manifest.csv") continue;
      REQUIRE(t.header.size() > 3);
      CHECK(Row(t.header.begin(), t.header.begin() + 3) == Row{"sourcedId", "status", "dateLastModified"});
    }
  }
}

TEST_CASE("oneroster: the manifest lists exactly the files the bundle holds", "[unit]") {
  const Table manifest = table_of(Phase::secondary, "manifest.csv");
  CHECK(manifest.header == Row{"propertyName", "value"});
  const auto props = column_by(manifest, "propertyName", "value");
  CHECK(props.at("manifest.version") == "1.0");
  CHECK(props.at("oneroster.version") == "1.2");
  CHECK(props.at("source.systemCode") == "senmap");
  int bulk = 0;
  for (const auto& [key, value] : props) {
    if (key.rfind("file.", 0) != 0) continue;
    const bool held = bundle_of(Phase::secondary).count(key.substr(5) + ".csv") == 1;
    CHECK(value == (held ? "bulk" : "absent"));
    bulk += value == "bulk";
  }
  CHECK(bulk == 9);
  CHECK(props.size() == 25);
}

TEST_CASE("oneroster: the students are the CTF's pupils, with the same UPN, birthday and sex", "[unit]") {
  for (Phase phase : {Phase::secondary, Phase::primary}) {
    const Table users = table_of(phase, "users.csv");
    const auto roles = column_by(table_of(phase, "roles.csv"), "userSourcedId", "role");
    const auto birth = column_by(table_of(phase, "demographics.csv"), "sourcedId", "birthDate");
    const auto sex = column_by(table_of(phase, "demographics.csv"), "sourcedId", "sex");
    std::map<std::string, const Row*> students;  // UPN -> users row
    std::set<std::string> usernames;
    const std::size_t id = users.column("sourcedId"), identifier = users.column("identifier");
    for (const Row& row : users.rows) {
      CHECK(usernames.insert(row[users.column("username")]).second);
      REQUIRE(roles.count(row[id]) == 1);
      if (roles.at(row[id]) != "student") continue;
      const std::string& upn = row[identifier];
      INFO(upn);
      CHECK(sm::model::upn_is_valid(upn));
      CHECK(row[id] == "stu-" + upn);
      CHECK(row[users.column("userIds")] == "{UPN:" + upn + "}");
      CHECK(students.emplace(upn, &row).second);
    }
    const auto pupils = pupils_of(ctf_of(phase));
    CHECK(students.size() == pupils.size());
    for (auto pupil : pupils) {
      const std::string upn = pupil.child_value("UPN");
      INFO(upn);
      REQUIRE(students.count(upn) == 1);
      const Row& row = *students.at(upn);
      CHECK(row[users.column("givenName")] == pupil.child_value("Forename"));
      CHECK(row[users.column("familyName")] == pupil.child_value("Surname"));
      CHECK(birth.at("stu-" + upn) == pupil.child_value("DOB"));
      CHECK(sex.at("stu-" + upn) == (std::string(pupil.child_value("Sex")) == "M" ? "male" : "female"));
      const std::string year = pupil.child("BasicDetails").child_value("NCyearActual");
      CHECK(row[users.column("grades")] == (year == "R" ? "KG" : (year.size() == 1 ? "0" : "") + year));
    }
  }
}

TEST_CASE("oneroster: enrollments hold together and every pupil is in a class", "[unit]") {
  for (Phase phase : {Phase::secondary, Phase::primary}) {
    const Table classes = table_of(phase, "classes.csv");
    const Table enrollments = table_of(phase, "enrollments.csv");
    const auto roles = column_by(table_of(phase, "roles.csv"), "userSourcedId", "role");
    const auto class_type = column_by(classes, "sourcedId", "classType");
    std::map<std::string, int> primary_teachers;
    std::map<std::string, std::set<std::string>> classes_of;  // user -> classes
    const std::size_t cls = enrollments.column("classSourcedId"), user = enrollments.column("userSourcedId"),
                      role = enrollments.column("role"), primary = enrollments.column("primary"),
                      begin = enrollments.column("beginDate"), end = enrollments.column("endDate");
    for (const Row& row : enrollments.rows) {
      INFO(row[0]);
      REQUIRE(class_type.count(row[cls]) == 1);
      REQUIRE(roles.count(row[user]) == 1);
      CHECK(roles.at(row[user]) == row[role]);
      CHECK(classes_of[row[user]].insert(row[cls]).second);
      if (row[primary] == "true") {
        CHECK(row[role] == "teacher");
        ++primary_teachers[row[cls]];
      }
      CHECK(row[begin].size() == 10);
      CHECK((row[end].empty() || row[end] >= row[begin]));
    }
    for (const auto& [id, type] : class_type) {
      INFO(id);
      CHECK(primary_teachers[id] == 1);
    }
    for (const auto& [id, r] : roles)
      if (r == "student") CHECK(!classes_of[id].empty());
    if (phase == Phase::secondary) {
      // A tutor group and one set in each of English, Maths and Science.
      const auto subject = column_by(classes, "sourcedId", "subjects");
      for (const auto& [id, r] : roles) {
        if (r != "student") continue;
        std::map<std::string, int> kinds;
        for (const std::string& c : classes_of[id]) ++kinds[subject.at(c).empty() ? class_type.at(c) : subject.at(c)];
        CHECK(kinds == std::map<std::string, int>{{"English", 1}, {"Maths", 1}, {"Science", 1}, {"homeroom", 1}});
      }
    }
  }
}

TEST_CASE("oneroster: results are the CTF's termly scores, pupil for pupil", "[unit]") {
  for (Phase phase : {Phase::secondary, Phase::primary}) {
    const Table results = table_of(phase, "results.csv");
    const Table line_items = table_of(phase, "lineItems.csv");
    const auto item_title = column_by(line_items, "sourcedId", "title");
    const auto item_class = column_by(line_items, "sourcedId", "classSourcedId");
    std::set<std::pair<std::string, std::string>> enrolled;  // (class, user)
    const Table enrollments = table_of(phase, "enrollments.csv");
    for (const Row& row : enrollments.rows)
      enrolled.emplace(row[enrollments.column("classSourcedId")], row[enrollments.column("userSourcedId")]);

    // student -> (subject, date) -> score or letter
    std::map<std::string, std::map<std::pair<std::string, std::string>, std::string>> in_bundle;
    for (const Row& row : results.rows) {
      const std::string& item = row[results.column("lineItemSourcedId")];
      const std::string& student = row[results.column("studentSourcedId")];
      REQUIRE(item_title.count(item) == 1);
      CHECK(enrolled.count({item_class.at(item), student}) == 1);
      const std::string subject = item_title.at(item).find("reading") != std::string::npos ? "RDG" : "MAT";
      const std::string& status = row[results.column("scoreStatus")];
      const std::string& score = row[results.column("score")];
      const std::string& comment = row[results.column("comment")];
      CHECK((status == "fully graded" ? !score.empty() && comment.empty()
                                      : status == "exempt" && score.empty() && (comment == "A" || comment == "B")));
      in_bundle[student][{subject, row[results.column("scoreDate")]}] = score.empty() ? comment : score;
    }

    const pugi::xml_document& ctf = ctf_of(phase);
    const std::string year = ctf.child("CTfile").child("Header").child("SourceSchool").child_value("AcademicYear");
    const auto pupils = pupils_of(ctf);
    int letters = 0;
    for (std::size_t i = 0; i < pupils.size(); i += 7) {  // a sample of pupils across the alphabet
      const std::string upn = pupils[i].child_value("UPN");
      INFO(upn);
      std::map<std::pair<std::string, std::string>, std::string> termly;
      for (auto stage : pupils[i].child("StageAssessments").children("KeyStage"))
        for (auto a : stage.children("StageAssessment"))
          if (std::string(a.child_value("Component")) == "SS" && year == a.child_value("Year")) {
            termly[{a.child_value("Subject"), a.child_value("ResultDate")}] = a.child_value("Result");
            letters += std::string(a.child_value("Result")).size() == 1;
          }
      CHECK(in_bundle["stu-" + upn] == termly);
    }
    if (phase == Phase::secondary) CHECK(letters > 0);  // the sample reaches the A/B case
  }
}

TEST_CASE("oneroster: staff have unique initials, one role each, and sets run by attainment", "[unit]") {
  const Table users = table_of(Phase::secondary, "users.csv");
  const auto roles = column_by(table_of(Phase::secondary, "roles.csv"), "userSourcedId", "role");
  std::set<std::string> codes;
  std::map<std::string, int> counts;
  for (const Row& row : users.rows) {
    const std::string& id = row[users.column("sourcedId")];
    ++counts[roles.at(id)];
    if (id.rfind("stf-", 0) != 0) continue;
    const std::string& code = row[users.column("identifier")];
    CHECK(code.size() == 3);
    CHECK(codes.insert(code).second);
    CHECK(row[users.column("grades")].empty());
    CHECK(row[users.column("email")] == row[users.column("username")] + "@example.org");
  }
  CHECK(counts["student"] == 2000);
  CHECK(counts["teacher"] >= 110);  // about one teacher per 16 pupils
  CHECK(counts["teacher"] <= 140);
  CHECK(counts["aide"] > 0);

  // Pupils with SEN cluster in the lower sets, as in real schools.
  std::map<std::string, std::string> status;
  for (auto pupil : pupils_of(ctf_of(Phase::secondary))) status[pupil.child_value("UPN")] = current_sen_status(pupil);
  const Table enrollments = table_of(Phase::secondary, "enrollments.csv");
  int top[2] = {0, 0}, bottom[2] = {0, 0};  // {pupils, with SEN}
  for (const Row& row : enrollments.rows) {
    const std::string& cls = row[enrollments.column("classSourcedId")];
    const std::string& user = row[enrollments.column("userSourcedId")];
    if (user.rfind("stu-", 0) != 0 || cls.find("En") == std::string::npos) continue;
    const int set = std::stoi(cls.substr(cls.find("En") + 2));
    int* tally = set <= 3 ? top : set >= 13 ? bottom : nullptr;
    if (!tally) continue;
    ++tally[0];
    tally[1] += status.at(user.substr(4)) != "N";
  }
  REQUIRE(top[0] > 0);
  REQUIRE(bottom[0] > 0);
  CHECK(bottom[1] * top[0] > 3 * top[1] * bottom[0]);
}
