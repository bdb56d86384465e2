#include <algorithm>
#include <boost/json/array.hpp>
#include <cctype>
#include <set>

#include "model/upn.hpp"
#include "wonde/wonde_json.hpp"
#include "wonde/wonde_records.hpp"

namespace sm::wonde {
namespace json = boost::json;

namespace {
const std::string kStudents = "students/";

// Upper case with runs of spaces, underscores and hyphens folded to one space, ends trimmed.
std::string folded(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool gap = c == ' ' || c == '_' || c == '-' || c == '\t';
    if (gap) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A DfE code-list value (ethnicity "WBRI", language "ENG"): kept only when it looks like one,
// so a description in a code's place never reaches the census fields.
std::string code_or_empty(const std::string& value) {
  bool ok = value.size() >= 3 && value.size() <= 4 &&
            std::all_of(value.begin(), value.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return ok ? value : std::string();
}

class StudentReader {
 public:
  StudentReader(const std::string& school_id, model::Date today, live::LiveRead& out)
      : school_id_(school_id), today_(today), out_(out) {}

  PupilIndex read(const std::vector<json::object>& students) {
    for (const auto& s : students) read_one(s);
    if (unknown_sen_ > 0)
      out_.warnings.push_back(record_problem(
          kStudents, "", "extended_details.sen_status", "",
          std::to_string(unknown_sen_) + " pupil(s) came without a recognisable SEN status: their status is left as " +
              "it was (check the school granted senmap the SEN scope in Wonde)"));
    out_.details["pupils"] += index_.size();
    out_.details["sen_status_unknown"] += unknown_sen_;
    return std::move(index_);
  }

 private:
  void problem(const std::string& id, const std::string& field, const std::string& value, const std::string& rule,
               const std::string& upn = {}) {
    out_.problems.push_back(record_problem(kStudents, id, field, value, rule));
    out_.problems.back().upn = upn;
  }
  void warning(const std::string& id, const std::string& field, const std::string& value, const std::string& rule) {
    out_.warnings.push_back(record_problem(kStudents, id, field, value, rule));
  }

  void read_one(const json::object& s) {
    auto id = text(s, "id");
    if (id.empty()) {
      problem("", "id", "", "a student without a Wonde id cannot be matched or updated");
      return;
    }
    const auto problems_before = out_.problems.size();
    model::PupilRecord p;
    p.mis_id = text(s, "mis_id");
    if (p.mis_id.empty()) p.mis_id = id;
    // Census names are the legal ones; Wonde's forename/surname are the names the school uses.
    p.preferred_surname = text(s, "surname");
    p.preferred_forename = text(s, "forename");
    p.surname = text(s, "legal_surname");
    p.forename = text(s, "legal_forename");
    if (p.surname.empty()) p.surname = p.preferred_surname;
    if (p.forename.empty()) p.forename = p.preferred_forename;
    p.middle_names = text(s, "middle_names");
    if (p.surname.empty()) problem(id, "surname", "", "a pupil needs a surname (is the names scope granted?)");
    if (p.forename.empty()) problem(id, "forename", "", "a pupil needs a forename (is the names scope granted?)");
    read_birth(s, id, p);
    read_gender(s, id, p);
    read_education(s, id, p);
    read_extended(s, id, p);
    p.carries.needs = false;  // Wonde has no SEN need types: those stay with CTF or Xporter
    p.carries.fsm = false;    // a yes/no without dates cannot end or start an FSM period
    p.carries.attendance = false;
    p.carries.assessments = false;  // read_results turns it on for the pupils it reads
    if (!ids_.insert(id).second)
      problem(id, "id", id, "the same Wonde student is listed twice");
    else if (!mis_ids_.insert(p.mis_id).second)
      problem(id, "mis_id", p.mis_id, "two Wonde students share this mis_id: pupils could not be told apart");
    for (auto i = problems_before; i < out_.problems.size(); ++i) out_.problems[i].upn = p.upn;
    if (out_.problems.size() != problems_before) return;
    index_.emplace(id, out_.pupils.size());
    add_roster_user(id, p);
    out_.pupils.push_back(std::move(p));
  }

  void read_birth(const json::object& s, const std::string& id, model::PupilRecord& p) {
    const auto* dob = member(s, "date_of_birth");
    if (!dob) {
      problem(id, "date_of_birth", "", "a pupil needs a date of birth (is the date of birth scope granted?)");
      return;
    }
    // A date of birth may carry Europe/London: the calendar day is what counts, not the instant.
    auto parsed = parse_php_date(*dob);
    if (!parsed) {
      problem(id, "date_of_birth.date", dob->is_object() ? text(dob->get_object(), "date") : text(s, "date_of_birth"),
              "not a date (expected {\"date\":\"YYYY-MM-DD HH:MM:SS[.ffffff]\",...})");
    } else if (std::chrono::sys_days{parsed->date} > std::chrono::sys_days{today_}) {
      problem(id, "date_of_birth.date", model::format_date(parsed->date), "date of birth is after today");
    } else {
      p.dob = parsed->date;
    }
  }

  void read_gender(const json::object& s, const std::string& id, model::PupilRecord& p) {
    auto gender = folded(text(s, "gender"));
    if (gender == "FEMALE" || gender == "F") {
      p.sex = "F";
    } else if (gender == "MALE" || gender == "M") {
      p.sex = "M";
    } else {
      problem(id, "gender", text(s, "gender"),
              gender.empty() ? "a pupil needs a gender, FEMALE or MALE (is the gender scope granted?)"
                             : "must be FEMALE or MALE (the census sex of the pupil)");
    }
  }

  void read_education(const json::object& s, const std::string& id, model::PupilRecord& p) {
    const auto* education = included_object(s, "education_details");
    if (!education) return;
    // The UPN is not among Wonde's confirmed fields: take it only when it is a valid one, and
    // never make one up; sync then matches by mis_id or refuses the pupil.
    auto upn = folded(text(*education, "upn"));
    if (!upn.empty()) {
      if (model::upn_is_valid(upn)) {
        p.upn = upn;
      } else {
        warning(id, "education_details.upn", upn,
                "not a valid UPN (check letter or format): left out, pupil matched by mis_id");
      }
    }
    auto year = text(*education, "current_nc_year");
    if (!year.empty()) {
      if (auto nc = nc_year_of(year)) {
        p.nc_year = *nc;
      } else {
        warning(id, "education_details.current_nc_year", year,
                "not a National Curriculum year (N1, N2, R, 1-14, X): left out");
      }
    }
  }

  void read_extended(const json::object& s, const std::string& id, model::PupilRecord& p) {
    const auto* extended = included_object(s, "extended_details");
    p.carries.sen_status = false;
    if (!extended) {
      ++unknown_sen_;
      return;
    }
    auto status = text(*extended, "sen_status");
    auto code = sen_provision_of(status);
    if (code) {
      p.carries.sen_status = true;
      p.carries.sen_status_history = false;  // Wonde gives the status, not when it began
      p.has_sen_history = true;
      p.sen_status.push_back({today_, *code});
    } else {
      ++unknown_sen_;
      if (!status.empty())
        warning(id, "extended_details.sen_status", status,
                "SEN status not recognised (expected N, K, E or their names): status left as it was");
    }
    if (const auto* care = member(*extended, "in_lea_care"); care && care->is_bool()) p.looked_after = care->get_bool();
    p.ethnicity = code_or_empty(folded(text(*extended, "ethnicity")));
    p.first_language = code_or_empty(folded(text(*extended, "first_language")));
  }

  void add_roster_user(const std::string& id, const model::PupilRecord& p) {
    model::RosterUser user;
    user.sourced_id = id;
    user.role = model::RosterRole::student;
    user.given_name = p.forename;
    user.family_name = p.surname;
    user.preferred_given_name = p.preferred_forename;
    user.identifier = p.mis_id;
    user.upn = p.upn;
    user.org_sourced_id = school_id_;
    user.birth_date = p.dob;
    user.sex = p.sex;
    out_.roster.users.push_back(std::move(user));
  }

  const std::string& school_id_;
  model::Date today_;
  live::LiveRead& out_;
  PupilIndex index_;
  std::set<std::string> ids_, mis_ids_;
  std::size_t unknown_sen_ = 0;
};
}  // namespace

std::optional<std::string> sen_provision_of(std::string_view sen_status) {
  auto s = folded(sen_status);
  static const std::set<std::string> kNone{"N", "NO SEN", "NONE", "NO SPECIAL EDUCATIONAL NEEDS", "NOT SEN"};
  static const std::set<std::string> kSupport{"K", "SEN SUPPORT", "SUPPORT", "SEN SUPPORT K",
                                              // Before 2014 School Action and Action Plus; K replaced both.
                                              "A", "P", "SCHOOL ACTION", "SCHOOL ACTION PLUS"};
  static const std::set<std::string> kPlan{"E",
                                           "EHC PLAN",
                                           "EHCP",
                                           "EHC",
                                           "EDUCATION, HEALTH AND CARE PLAN",
                                           "EDUCATION HEALTH AND CARE PLAN",
                                           "S",
                                           "STATEMENT",
                                           "STATEMENT OF SEN",
                                           "STATEMENTED"};
  if (kNone.contains(s)) return "N";
  if (kSupport.contains(s)) return "K";
  if (kPlan.contains(s)) return "E";
  return std::nullopt;
}

std::optional<std::string> nc_year_of(std::string_view year) {
  auto s = folded(year);
  for (std::string_view prefix : {"NATIONAL CURRICULUM YEAR ", "NC YEAR ", "YEAR ", "YR ", "Y"})
    if (s.size() > prefix.size() && s.starts_with(prefix)) {
      s = s.substr(prefix.size());
      break;
    }
  if (s == "RECEPTION") s = "R";
  if (s == "NURSERY 1") s = "N1";
  if (s == "NURSERY 2") s = "N2";
  static const std::set<std::string> kYears{"N1", "N2", "R", "1",  "2",  "3",  "4",  "5",  "6",
                                            "7",  "8",  "9", "10", "11", "12", "13", "14", "X"};
  if (kYears.contains(s)) return s;
  return std::nullopt;
}

PupilIndex read_students(const std::vector<json::object>& students, const std::string& school_id, model::Date today,
                         live::LiveRead& out) {
  return StudentReader(school_id, today, out).read(students);
}

}  // namespace sm::wonde
