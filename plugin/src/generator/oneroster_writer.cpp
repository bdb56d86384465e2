// The synthetic school as a OneRoster 1.2 CSV bundle: the school, its year and terms, pupils
// and staff, classes and who is in them, and the termly reading and maths scores as gradebook
// results. Built from the same SyntheticSchool as the CTF, so the two agree pupil for pupil.
#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>

#include "generator/school_builder.hpp"
#include "generator/school_roster.hpp"

namespace sm::generator {
namespace {
using model::format_date;

// One CSV file as OneRoster wants it: RFC 4180, CRLF line ends, a field quoted only when it
// holds a comma, a quote or a line break.
class CsvFile {
 public:
  CsvFile(std::initializer_list<std::string_view> header, std::string stamp = {})
      : columns_(header.size()), stamp_(std::move(stamp)) {
    add(header);
  }

  void add(std::initializer_list<std::string_view> fields) {
    if (fields.size() != columns_) throw std::logic_error("CSV row does not match its header");
    bool first = true;
    for (std::string_view field : fields) {
      if (!first) text_ += ',';
      first = false;
      append(field);
    }
    text_ += "\r\n";
  }

  // A data row: sourcedId, status and dateLastModified, then the file's own fields.
  void record(std::string_view sourced_id, std::initializer_list<std::string_view> fields) {
    if (fields.size() + 3 != columns_) throw std::logic_error("CSV record does not match its header");
    append(sourced_id);
    text_ += ",active,";
    text_ += stamp_;
    for (std::string_view field : fields) {
      text_ += ',';
      append(field);
    }
    text_ += "\r\n";
  }

  std::string take() { return std::move(text_); }

 private:
  void append(std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
      text_ += field;
      return;
    }
    text_ += '"';
    for (char c : field) {
      if (c == '"') text_ += '"';
      text_ += c;
    }
    text_ += '"';
  }

  std::size_t columns_;
  std::string stamp_;
  std::string text_;
};

// A termly test: index = 2 * term + subject, subject 0 reading and 1 maths.
constexpr std::array<std::string_view, 2> kTestSubjects{"RDG", "MAT"};
constexpr std::array<std::string_view, 2> kTestNames{"reading", "maths"};
constexpr std::size_t kTermlyTests = 6;

std::string capitalised(std::string_view word) {
  std::string out(word);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// OneRoster grades: two digits for a National Curriculum year, KG for Reception.
std::string grade_of(int nc_year) {
  if (nc_year == 0) return "KG";
  return std::to_string(nc_year + 100).substr(1);
}

class BundleWriter {
 public:
  BundleWriter(const SyntheticSchool& school, const SchoolRoster& roster)
      : school_(school), roster_(roster), year_(std::to_string(school.calendar.academic_year)) {
    // The CTF header's DateTime in OneRoster's form, kept as written so both files carry one stamp.
    stamp_ = export_date_time(school) + ".000Z";
    org_id_ = "org-" + school.spec.la + school.spec.estab;
    year_id_ = "year-" + year_;
    for (std::size_t t = 0; t < 3; ++t)
      term_ids_[t] = "term-" + year_ + "-" + std::string(school.calendar.terms[t].name);
    all_terms_ = term_ids_[0] + "," + term_ids_[1] + "," + term_ids_[2];
    for (std::size_t i = 0; i < school.pupils.size(); ++i) register_order_.push_back(i);
    std::sort(register_order_.begin(), register_order_.end(), [&](std::size_t a, std::size_t b) {
      const SyntheticPupil& x = school.pupils[a];
      const SyntheticPupil& y = school.pupils[b];
      return std::tie(x.surname, x.forename, x.upn) < std::tie(y.surname, y.forename, y.upn);
    });
    plan_pupils();
  }

  std::map<std::string, std::string> write() {
    std::map<std::string, std::string> bundle;
    bundle["manifest.csv"] = manifest();
    bundle["orgs.csv"] = orgs();
    bundle["academicSessions.csv"] = academic_sessions();
    bundle["users.csv"] = users();
    bundle["roles.csv"] = roles();
    bundle["demographics.csv"] = demographics();
    bundle["classes.csv"] = classes();
    write_enrollments(bundle["enrollments.csv"]);
    write_gradebook(bundle["lineItems.csv"], bundle["results.csv"]);
    return bundle;
  }

 private:
  // Identifiers, usernames, dates on roll and test results of every pupil, worked out once.
  void plan_pupils() {
    const auto& cal = school_.calendar;
    const int first_year = school_.spec.phase == Phase::primary ? 0 : 7;
    std::set<std::string> usernames;
    pupil_ids_.resize(school_.pupils.size());
    usernames_.resize(school_.pupils.size());
    leaving_.resize(school_.pupils.size());
    tests_.resize(school_.pupils.size());
    for (std::size_t i : register_order_) {
      const SyntheticPupil& p = school_.pupils[i];
      pupil_ids_[i] = "stu-" + p.upn;
      // forename.surname and the two digits of the year they joined: oliver.smith23.
      const int intake = cal.academic_year - (p.nc_year - first_year);
      const std::string base =
          login_letters(p.forename) + "." + login_letters(p.surname) + std::to_string(intake % 100 + 100).substr(1);
      std::string name = base;
      for (char suffix = 'b'; !usernames.insert(name).second; ++suffix)
        name = suffix <= 'z' ? base + suffix : base + std::to_string(suffix - 'a');
      usernames_[i] = std::move(name);
      // Year 11 leave at the end of June: the CTF marks them X (not required to attend) after.
      const std::size_t left = p.nc_year == 11 ? p.attendance.marks.find('X') : std::string::npos;
      if (left != std::string::npos && left >= 2) leaving_[i] = cal.weekdays[left / 2 - 1].date;
      for (const TestResult* r : termly_results(school_, p)) {
        const std::size_t at = cal.position_of(r->date);
        if (at >= cal.weekdays.size() || cal.weekdays[at].term < 0) continue;
        const std::size_t subject = r->subject == kTestSubjects[0] ? 0 : r->subject == kTestSubjects[1] ? 1 : 2;
        if (subject > 1) continue;
        const std::size_t test = 2 * static_cast<std::size_t>(cal.weekdays[at].term) + subject;
        tests_[i][test] = r;
        if (!test_dates_[test]) test_dates_[test] = r->date;
      }
    }
  }

  std::string manifest() const {
    CsvFile file({"propertyName", "value"});
    file.add({"manifest.version", "1.0"});
    file.add({"oneroster.version", "1.2"});
    constexpr std::array<std::pair<std::string_view, bool>, 21> kFiles{{
        {"academicSessions", true},
        {"categories", false},
        {"classes", true},
        {"classResources", false},
        {"courses", false},
        {"courseResources", false},
        {"demographics", true},
        {"enrollments", true},
        {"lineItemLearningObjectiveIds", false},
        {"lineItems", true},
        {"lineItemScoreScales", false},
        {"orgs", true},
        {"resources", false},
        {"resultLearningObjectiveIds", false},
        {"results", true},
        {"resultScoreScales", false},
        {"roles", true},
        {"scoreScales", false},
        {"userProfiles", false},
        {"userResources", false},
        {"users", true},
    }};
    for (const auto& [name, present] : kFiles) file.add({"file." + std::string(name), present ? "bulk" : "absent"});
    file.add({"source.systemName", "senmap synthetic MIS"});
    file.add({"source.systemCode", "senmap"});
    return file.take();
  }

  std::string orgs() const {
    CsvFile file({"sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"}, stamp_);
    file.record(org_id_, {school_.name, "school", school_.spec.la + school_.spec.estab, ""});
    return file.take();
  }

  std::string academic_sessions() const {
    CsvFile file({"sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId",
                  "schoolYear"},
                 stamp_);
    const auto& cal = school_.calendar;
    // OneRoster names a school year by the calendar year it ends in.
    const std::string ending = std::to_string(cal.academic_year + 1);
    file.record(year_id_, {year_ + "/" + ending.substr(2), "schoolYear", format_date(cal.first_day()),
                           format_date(cal.last_day()), "", ending});
    for (std::size_t t = 0; t < 3; ++t) {
      const SchoolTerm& term = cal.terms[t];
      const std::string title = capitalised(term.name) + " " + std::to_string(static_cast<int>(term.first_day.year()));
      file.record(term_ids_[t],
                  {title, "term", format_date(term.first_day), format_date(term.last_day), year_id_, ending});
    }
    return file.take();
  }

  std::string users() const {
    CsvFile file({"sourcedId",
                  "status",
                  "dateLastModified",
                  "enabledUser",
                  "username",
                  "userIds",
                  "givenName",
                  "familyName",
                  "middleName",
                  "identifier",
                  "email",
                  "sms",
                  "phone",
                  "agentSourcedIds",
                  "grades",
                  "password",
                  "userMasterIdentifier",
                  "resourceSourcedIds",
                  "preferredGivenName",
                  "preferredMiddleName",
                  "preferredFamilyName",
                  "primaryOrgSourcedId",
                  "pronouns"},
                 stamp_);
    for (std::size_t i : register_order_) {
      const SyntheticPupil& p = school_.pupils[i];
      // example.org/.net are reserved for documentation (RFC 2606): pupils on one, staff the other.
      file.record(pupil_ids_[i], {"true",
                                  usernames_[i],
                                  "{UPN:" + p.upn + "}",
                                  p.forename,
                                  p.surname,
                                  p.middle_names,
                                  p.upn,
                                  usernames_[i] + "@example.net",
                                  "",
                                  "",
                                  "",
                                  grade_of(p.nc_year),
                                  "",
                                  "",
                                  "",
                                  p.preferred_forename,
                                  "",
                                  p.preferred_surname,
                                  org_id_,
                                  ""});
    }
    for (std::size_t s = 0; s < roster_.staff.size(); ++s) {
      const StaffMember& m = roster_.staff[s];
      file.record(staff_id(s), {"true", m.login, "",      m.forename, m.surname, "", m.code, m.login + "@example.org",
                                "",     "",      "",      "",         "",        "", "",     "",
                                "",     "",      org_id_, ""});
    }
    return file.take();
  }

  std::string roles() const {
    CsvFile file({"sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate",
                  "endDate", "orgSourcedId", "userProfileSourcedId"},
                 stamp_);
    for (std::size_t i : register_order_)
      file.record("role-" + pupil_ids_[i], {pupil_ids_[i], "primary", "student", "", "", org_id_, ""});
    for (std::size_t s = 0; s < roster_.staff.size(); ++s)
      file.record("role-" + staff_id(s), {staff_id(s), "primary", role_of(roster_.staff[s]), "", "", org_id_, ""});
    return file.take();
  }

  std::string demographics() const {
    CsvFile file({"sourcedId", "status", "dateLastModified", "birthDate", "sex", "americanIndianOrAlaskaNative",
                  "asian", "blackOrAfricanAmerican", "nativeHawaiianOrOtherPacificIslander", "white",
                  "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity", "countryOfBirthCode",
                  "stateOfBirthAbbreviation", "cityOfBirth", "publicSchoolResidenceStatus"},
                 stamp_);
    // The US race columns stay empty: English ethnicity codes do not map onto them.
    for (std::size_t i : register_order_) {
      const SyntheticPupil& p = school_.pupils[i];
      file.record(pupil_ids_[i], {format_date(p.dob), p.sex == Sex::male ? "male" : "female", "", "", "", "", "", "",
                                  "", "", "", "", ""});
    }
    return file.take();
  }

  std::string classes() const {
    CsvFile file({"sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode",
                  "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"},
                 stamp_);
    for (const SchoolClass& c : roster_.classes) {
      const bool scheduled = c.kind == ClassKind::teaching_set;
      file.record(class_id(c), {c.title, grade_of(c.nc_year), "", c.code, scheduled ? "scheduled" : "homeroom", "",
                                org_id_, all_terms_, c.subject, "", ""});
    }
    return file.take();
  }

  void write_enrollments(std::string& out) const {
    CsvFile file({"sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId",
                  "role", "primary", "beginDate", "endDate"},
                 stamp_);
    const std::string year_start = format_date(school_.calendar.first_day());
    for (const SchoolClass& c : roster_.classes) {
      const std::string id = class_id(c);
      const std::string prefix = "enr-" + year_ + "-" + c.code + "-";
      if (c.teacher != kNoTeacher)
        file.record(prefix + staff_id(c.teacher),
                    {id, org_id_, staff_id(c.teacher), "teacher", "true", year_start, ""});
      for (std::size_t a : c.assistants)
        file.record(prefix + staff_id(a), {id, org_id_, staff_id(a), "aide", "false", year_start, ""});
      for (std::size_t i : c.pupils) {
        // In-year joiners (Z marks before their first day) begin on the day they joined.
        const std::string begin = format_date(latest_of(school_.calendar.first_day(), school_.pupils[i].on_roll_from));
        const std::string end = leaving_[i] ? format_date(*leaving_[i]) : std::string();
        file.record(prefix + pupil_ids_[i], {id, org_id_, pupil_ids_[i], "student", "false", begin, end});
      }
    }
    out = file.take();
  }

  // A line item for each termly test a class sat (reading on English sets, maths on Maths
  // sets, both on primary classes), and a result for each pupil's score in it.
  void write_gradebook(std::string& line_items_out, std::string& results_out) const {
    CsvFile line_items(
        {"sourcedId", "status", "dateLastModified", "title", "description", "assignDate", "dueDate", "classSourcedId",
         "categorySourcedId", "gradingPeriodSourcedId", "academicSessionSourcedId", "resultValueMin", "resultValueMax"},
        stamp_);
    CsvFile results({"sourcedId", "status", "dateLastModified", "lineItemSourcedId", "studentSourcedId", "scoreStatus",
                     "score", "scoreDate", "comment"},
                    stamp_);
    for (const SchoolClass& c : roster_.classes) {
      const bool reading = c.kind == ClassKind::primary_class || c.subject == "English";
      const bool maths = c.kind == ClassKind::primary_class || c.subject == "Maths";
      for (std::size_t test = 0; test < kTermlyTests; ++test) {
        const std::size_t term = test / 2;
        const std::size_t subject = test % 2;
        if (!(subject == 0 ? reading : maths) || !test_dates_[test]) continue;
        const bool sat = std::any_of(c.pupils.begin(), c.pupils.end(), [&](std::size_t i) { return tests_[i][test]; });
        if (!sat) continue;  // Year 11 have left before the summer tests
        const std::string_view name = kTestNames[subject];
        const std::string term_name(school_.calendar.terms[term].name);
        const std::string item = "li-" + year_ + "-" + c.code + "-" + term_name + "-" + std::string(name);
        const std::string date = format_date(*test_dates_[test]);
        line_items.record(item, {capitalised(term_name) + " " + std::string(name) + " standardised score",
                                 "Termly " + std::string(name) + " test: standardised score, mean 100, SD 15", date,
                                 date, class_id(c), "", term_ids_[term], term_ids_[term], "55", "145"});
        for (std::size_t i : c.pupils) {
          const TestResult* r = tests_[i][test];
          if (!r) continue;
          // A letter is no score: A absent, B working below the test. It rides in the comment.
          const bool letter = r->result == "A" || r->result == "B";
          results.record("res-" + year_ + "-" + term_name + "-" + std::string(name) + "-" + school_.pupils[i].upn,
                         {item, pupil_ids_[i], letter ? "exempt" : "fully graded", letter ? "" : r->result,
                          format_date(r->date), letter ? r->result : ""});
        }
      }
    }
    line_items_out = line_items.take();
    results_out = results.take();
  }

  std::string class_id(const SchoolClass& c) const { return "cls-" + year_ + "-" + c.code; }

  // stf-0001: padded so the ids sort as numbers do, for up to 9,999 staff.
  static std::string staff_id(std::size_t index) {
    const std::string number = std::to_string(index + 1);
    return "stf-" + std::string(number.size() < 4 ? 4 - number.size() : 0, '0') + number;
  }

  static std::string_view role_of(const StaffMember& m) { return m.role == StaffRole::teacher ? "teacher" : "aide"; }

  const SyntheticSchool& school_;
  const SchoolRoster& roster_;
  std::string year_;  // "2025"
  std::string stamp_;
  std::string org_id_;
  std::string year_id_;
  std::array<std::string, 3> term_ids_;
  std::string all_terms_;
  std::vector<std::size_t> register_order_;  // pupils by name, as the MIS lists them
  std::vector<std::string> pupil_ids_;
  std::vector<std::string> usernames_;
  std::vector<std::optional<Date>> leaving_;
  std::vector<std::array<const TestResult*, kTermlyTests>> tests_;
  std::array<std::optional<Date>, kTermlyTests> test_dates_;
};

}  // namespace

std::map<std::string, std::string> generate_oneroster(const SchoolSpec& spec) {
  const SyntheticSchool school = build_school(spec);
  const SchoolRoster roster = build_roster(school);
  return BundleWriter(school, roster).write();
}

}  // namespace sm::generator
