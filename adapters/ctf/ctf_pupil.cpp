#include "ctf/ctf_pupil.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <set>
#include <string>

#include "model/pupil_rules.hpp"
#include "model/reference_data.hpp"

namespace sm::ctf {
namespace {
using model::Date;

bool after(Date a, Date b) {
  return std::chrono::sys_days{a} > std::chrono::sys_days{b};
}

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Reads the pieces of one pupil, reporting against the element that holds each value.
class PupilReader {
 public:
  PupilReader(const CtfHeader& header, ProblemList& problems) : header_(header), problems_(problems) {}

  model::PupilRecord read(pugi::xml_node pupil) {
    read_identity(pupil);
    read_basic_details(find(pupil, "BasicDetails"));
    read_looked_after(find(pupil, "LookedAfter"));
    read_fsm(find(pupil, "FSMhistory"));
    read_sen(pupil);
    read_attendance(find(pupil, "Attendance"));
    read_assessments(find(pupil, "StageAssessments"));
    return std::move(record_);
  }

 private:
  // CTF writers emit a pupil's elements in schema order and this reader asks for them in that
  // order, so each search starts just after the previous match under the same parent: most
  // lookups then cost one comparison instead of a scan of the siblings.
  pugi::xml_node find(pugi::xml_node parent, const char* name) {
    auto matches = [name](pugi::xml_node c) {
      const char* n = c.name();
      return n[0] == name[0] && std::strcmp(n, name) == 0;
    };
    pugi::xml_node start = hint_ && hint_.parent() == parent ? hint_.next_sibling() : parent.first_child();
    for (auto c = start; c; c = c.next_sibling())
      if (matches(c)) return hint_ = c;
    for (auto c = parent.first_child(); c && c != start; c = c.next_sibling())
      if (matches(c)) return hint_ = c;
    return {};
  }

  std::string_view field(pugi::xml_node parent, const char* name) { return trimmed_value(find(parent, name)); }

  std::string required(pugi::xml_node parent, const char* name) {
    auto text = field(parent, name);
    if (text.empty()) problems_.add_missing(parent, name);
    return std::string(text);
  }

  // A date that must be present (or `optional`), valid, and not after the file was written.
  std::optional<Date> date(pugi::xml_node parent, const char* name, bool optional = false) {
    auto node = find(parent, name);
    auto text = field(parent, name);
    if (text.empty()) {
      if (!optional) problems_.add_missing(parent, name);
      return std::nullopt;
    }
    auto parsed = model::parse_date(text);
    if (!parsed) {
      problems_.add(node, text, std::string(model::kNotADate));
      return std::nullopt;
    }
    return parsed;
  }

  std::optional<Date> past_date(pugi::xml_node parent, const char* name, bool optional = false) {
    auto parsed = date(parent, name, optional);
    if (parsed && after(*parsed, header_.date)) {
      problems_.add(find(parent, name), model::format_date(*parsed), model::after_export_rule(header_.datetime));
      return std::nullopt;
    }
    return parsed;
  }

  std::optional<int> integer(pugi::xml_node parent, const char* name, bool optional, int min, int max) {
    auto text = field(parent, name);
    if (text.empty()) {
      if (!optional) problems_.add_missing(parent, name);
      return std::nullopt;
    }
    auto value = parse_int(text);
    if (!value || *value < min || *value > max) {
      problems_.add(find(parent, name), text,
                    "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      return std::nullopt;
    }
    return value;
  }

  std::optional<bool> boolean(pugi::xml_node parent, const char* name) {
    auto text = field(parent, name);
    if (text.empty()) return std::nullopt;
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
    problems_.add(find(parent, name), text, "must be true or false");
    return std::nullopt;
  }

  void read_identity(pugi::xml_node pupil) {
    auto upn_node = find(pupil, "UPN");
    record_.upn = std::string(field(pupil, "UPN"));
    problems_.set_upn(record_.upn);
    if (record_.upn.empty()) {
      problems_.add_missing(pupil, "UPN");
    } else if (auto broken = model::upn_rule_broken(record_.upn)) {
      problems_.add(upn_node, record_.upn, *broken);
    }
    record_.uln = std::string(field(pupil, "UniqueLearnerNumber"));
    record_.uci = std::string(field(pupil, "UCI"));
    record_.surname = required(pupil, "Surname");
    record_.forename = required(pupil, "Forename");
    if (auto dob = past_date(pupil, "DOB")) record_.dob = *dob;

    // CTF 25 writes <Sex>; CTF 24 and older write <Gender>. Accept either.
    const char* sex_name = find(pupil, "Sex") ? "Sex" : "Gender";
    auto sex = field(pupil, sex_name);
    if (sex.empty()) {
      problems_.add_missing(pupil, "Sex", "required element <Sex> (or <Gender> before CTF 25) is missing");
    } else if (auto broken = model::sex_rule_broken(sex)) {
      problems_.add(find(pupil, sex_name), sex, *broken);
    }
    record_.sex = std::string(sex);
  }

  void read_basic_details(pugi::xml_node basic) {
    if (!basic) return;
    record_.preferred_surname = std::string(field(basic, "PreferredSurname"));
    record_.preferred_forename = std::string(field(basic, "PreferredForename"));
    record_.middle_names = std::string(field(basic, "MiddleNames"));
    record_.ethnicity = std::string(field(basic, "Ethnicity"));
    record_.enrol_status = std::string(field(basic, "EnrolStatus"));
    record_.medical_flag = boolean(basic, "MedicalFlag");
    auto year = field(basic, "NCyearActual");
    if (auto broken = model::nc_year_rule_broken(year)) problems_.add(find(basic, "NCyearActual"), year, *broken);
    record_.nc_year = std::string(year);
    for (auto type : find(basic, "Languages").children("Type")) {
      if (field(type, "LanguageType") == "F") record_.first_language = std::string(field(type, "Language"));
    }
  }

  void read_looked_after(pugi::xml_node node) {
    if (!node) return;
    record_.looked_after = boolean(node, "InCare").value_or(false);
    record_.care_authority = std::string(field(node, "CareAuthority"));
  }

  void read_fsm(pugi::xml_node history) {
    for (auto instance : history.children("FSMinstance")) {
      auto start = past_date(instance, "FSMstartDate");
      auto end = date(instance, "FSMendDate", true);
      if (start && end && after(*start, *end))
        problems_.add(find(instance, "FSMendDate"), model::format_date(*end), std::string(model::kFsmEndsBeforeStart));
      if (start) record_.fsm.push_back({*start, end, std::string(field(instance, "UKcountry"))});
    }
  }

  void read_sen(pugi::xml_node pupil) {
    auto history = find(pupil, "SENhistory");
    if (!history) return;
    record_.has_sen_history = true;
    std::set<std::chrono::sys_days> starts;
    for (auto sen : history.children("SEN")) {
      auto start = past_date(sen, "StartDate");
      auto code = field(sen, "SENprovision");
      const auto* provision = model::find_sen_provision(code);
      if (code.empty()) {
        problems_.add_missing(sen, "SENprovision");
      } else if (auto broken = model::sen_provision_rule_broken(code, start)) {
        problems_.add(find(sen, "SENprovision"), code, *broken);
      }
      if (start && !starts.insert(std::chrono::sys_days{*start}).second)
        problems_.add(find(sen, "StartDate"), model::format_date(*start), std::string(model::kSenStartsTwice));
      if (start && provision) record_.sen_status.push_back({*start, std::string(code)});
    }
    std::sort(record_.sen_status.begin(), record_.sen_status.end(), [](const auto& a, const auto& b) {
      return std::chrono::sys_days{a.start} < std::chrono::sys_days{b.start};
    });

    // SENneeds sits beside the SEN elements; some writers nest it inside SEN.
    std::vector<pugi::xml_node> needs;
    for (auto need : find(history, "SENneeds").children("SENneed")) needs.push_back(need);
    for (auto sen : history.children("SEN"))
      for (auto need : find(sen, "SENneeds").children("SENneed")) needs.push_back(need);
    std::set<int> ranks;
    std::string current = record_.sen_status.empty() ? "" : record_.sen_status.back().provision;
    for (auto need : needs) read_need(need, current, ranks);
  }

  void read_need(pugi::xml_node need, const std::string& current_status, std::set<int>& ranks) {
    model::SenNeed out;
    out.type = std::string(field(need, "SENtype"));
    const auto* type = model::find_sen_type(out.type);
    if (out.type.empty()) {
      problems_.add_missing(need, "SENtype");
    } else if (auto broken = model::sen_type_rule_broken(out.type, header_.date, !field(need, "NeedEndDate").empty())) {
      problems_.add(find(need, "SENtype"), out.type, *broken);
    }
    auto rank = integer(need, "SENtypeRank", false, 1, 99);
    out.start = past_date(need, "NeedStartDate", true);
    out.end = date(need, "NeedEndDate", true);
    if (out.start && out.end && after(*out.start, *out.end))
      problems_.add(find(need, "NeedEndDate"), model::format_date(*out.end), std::string(model::kNeedEndsBeforeStart));
    bool active = !out.end || !after(header_.date, *out.end);
    if (rank && active && !ranks.insert(*rank).second)
      problems_.add(find(need, "SENtypeRank"), std::to_string(*rank), std::string(model::kRankTwice));
    if (out.type == "NSA" && active)
      if (auto broken = model::nsa_rule_broken(current_status)) problems_.add(find(need, "SENtype"), out.type, *broken);
    if (rank && type) {
      out.rank = *rank;
      record_.needs.push_back(std::move(out));
    }
  }

  void read_attendance(pugi::xml_node attendance) {
    for (auto year_data : attendance.children("YearData")) {
      model::AttendanceYear year;
      year.year = integer(year_data, "Year", false, 1990, 2100).value_or(0);
      year.lea = std::string(field(year_data, "LEA"));
      year.estab = std::string(field(year_data, "Estab"));
      year.school_name = std::string(field(year_data, "SchoolName"));
      year.sessions_possible = integer(year_data, "SessionsPossible", true, 0, 1000);
      year.sessions_authorised = integer(year_data, "SessionsAuthorised", true, 0, 1000);
      year.sessions_attended = integer(year_data, "SessionsAttended", true, 0, 1000);
      year.sessions_unauthorised = integer(year_data, "SessionsUnauthorised", true, 0, 1000);
      // Marks sit in <AttendSessions>; some writers put them straight in <YearData>.
      auto holder = find(year_data, "AttendSessions") ? find(year_data, "AttendSessions") : year_data;
      auto marks = field(holder, "AttendanceMarks");
      if (!marks.empty()) {
        year.marks_start = date(holder, "AttendanceStartDate");
        check_marks(find(holder, "AttendanceMarks"), marks);
        year.marks = std::string(marks);
      }
      record_.attendance.push_back(std::move(year));
    }
  }

  void check_marks(pugi::xml_node node, std::string_view marks) {
    // One report per marks string: the rest is likely the same mistake.
    if (auto i = model::first_unknown_mark(marks))
      problems_.add(node, std::string(1, marks[*i]), model::unknown_mark_rule(*i));
  }

  void read_assessments(pugi::xml_node assessments) {
    for (auto stage : assessments.children("KeyStage")) {
      std::string stage_name(field(stage, "Stage"));
      for (auto a : stage.children("StageAssessment")) {
        model::AssessmentResult result;
        result.stage = stage_name;
        result.locale = std::string(field(a, "Locale"));
        result.year = integer(a, "Year", true, 1990, 2100);
        result.subject = required(a, "Subject");
        result.method = std::string(field(a, "Method"));
        result.component = std::string(field(a, "Component"));
        result.result_status = std::string(field(a, "ResultStatus"));
        result.result_qualifier = std::string(field(a, "ResultQualifier"));
        result.result = required(a, "Result");
        result.result_date = past_date(a, "ResultDate", true);
        record_.assessments.push_back(std::move(result));
      }
    }
  }

  const CtfHeader& header_;
  ProblemList& problems_;
  pugi::xml_node hint_;
  model::PupilRecord record_;
};
}  // namespace

model::PupilRecord read_pupil(pugi::xml_node pupil, const CtfHeader& header, ProblemList& problems) {
  return PupilReader(header, problems).read(pupil);
}

}  // namespace sm::ctf
