#include <boost/json/array.hpp>
#include <set>

#include "wonde/wonde_json.hpp"
#include "wonde/wonde_records.hpp"

namespace sm::wonde {
namespace json = boost::json;

namespace {
// An included member of a class is an object with an id; some replies give the bare id.
std::string member_id(const json::value& entry) {
  if (const auto* o = entry.if_object()) return text(*o, "id");
  if (entry.is_string()) return std::string(entry.get_string());
  return {};
}

// The name of an included object ("subject":{"data":{"name":...}}), or empty.
std::string included_name(const json::object& object, std::string_view key) {
  const auto* included = included_object(object, key);
  if (!included) return {};
  auto name = text(*included, "name");
  return name.empty() ? text(*included, "title") : name;
}
}  // namespace

void read_employees(const std::vector<json::object>& employees, const std::string& school_id, live::LiveRead& out) {
  std::set<std::string> seen;
  for (const auto& e : employees) {
    auto id = text(e, "id");
    if (id.empty()) {
      out.problems.push_back(
          record_problem("employees/", "", "id", "", "a member of staff without a Wonde id cannot be matched"));
      continue;
    }
    if (!seen.insert(id).second) continue;  // listed twice: the same person
    model::RosterUser user;
    user.sourced_id = id;
    user.role = model::RosterRole::teacher;
    user.given_name = text(e, "forename");
    user.family_name = text(e, "surname");
    user.identifier = text(e, "mis_id");
    user.org_sourced_id = school_id;
    if (const auto* contact = included_object(e, "contact_details"))
      if (const auto* emails = included_object(*contact, "emails")) user.email = text(*emails, "email");
    out.roster.users.push_back(std::move(user));
  }
  out.details["staff"] += seen.size();
}

void read_classes(const std::vector<json::object>& classes, const std::string& school_id, live::LiveRead& out) {
  std::set<std::string> seen;
  std::size_t enrollments = 0;
  for (const auto& c : classes) {
    auto id = text(c, "id");
    if (id.empty()) {
      out.problems.push_back(record_problem("classes/", "", "id", "", "a class without a Wonde id cannot be matched"));
      continue;
    }
    if (!seen.insert(id).second) continue;
    model::RosterClass klass;
    klass.sourced_id = id;
    klass.title = text(c, "name");
    if (klass.title.empty()) klass.title = text(c, "description");
    klass.class_code = text(c, "code");
    if (klass.class_code.empty()) klass.class_code = text(c, "mis_id");
    klass.school_sourced_id = school_id;
    klass.subjects = included_name(c, "subject");
    out.roster.classes.push_back(std::move(klass));

    auto enrol = [&](const char* key, model::RosterRole role) {
      const auto* members = included_array(c, key);
      if (!members) return;
      std::set<std::string> ids;
      for (const auto& entry : *members) {
        auto user = member_id(entry);
        if (user.empty()) {
          out.problems.push_back(record_problem("classes/", id, std::string(key) + ".data[].id", "",
                                                "a class member without a Wonde id cannot be enrolled"));
          continue;
        }
        if (!ids.insert(user).second) continue;
        model::RosterEnrollment e;
        e.sourced_id.append(id).append(":").append(user);
        e.class_sourced_id = id;
        e.user_sourced_id = user;
        e.role = role;
        out.roster.enrollments.push_back(std::move(e));
        ++enrollments;
      }
    };
    enrol("students", model::RosterRole::student);
    enrol("employees", model::RosterRole::teacher);
  }
  out.details["classes"] += seen.size();
  out.details["enrollments"] += enrollments;
}

void read_results(const std::vector<json::object>& results, const PupilIndex& pupils, live::LiveRead& out) {
  std::size_t read = 0;
  for (const auto& r : results) {
    auto id = text(r, "id");
    auto student = text(r, "student");
    if (student.empty())
      if (const auto* s = included_object(r, "student")) student = text(*s, "id");
    auto value = text(r, "result");
    if (value.empty()) value = text(r, "value");
    auto subject = included_name(r, "aspect");
    if (student.empty() || value.empty() || subject.empty()) {
      out.warnings.push_back(record_problem("assessment/results/", id,
                                            student.empty() ? "student"
                                            : value.empty() ? "result"
                                                            : "aspect.data.name",
                                            "", "a result needs a student, a value and its aspect's name: left out"));
      continue;
    }
    auto pupil = pupils.find(student);
    if (pupil == pupils.end()) continue;  // a pupil not in this read (or refused): nothing to attach to
    model::AssessmentResult result;
    result.subject = subject;
    result.component = included_name(r, "result_set");
    result.result = value;
    for (auto key : {"collection_date", "date", "created_at"})
      if (const auto* when = member(r, key))
        if (auto parsed = parse_php_date(*when)) {
          result.result_date = parsed->date;
          result.year = model::academic_year_of(parsed->date);
          break;
        }
    auto& record = out.pupils[pupil->second];
    record.carries.assessments = true;
    record.assessments.push_back(std::move(result));
    ++read;
  }
  out.details["assessment_results"] += read;
}

void read_deletions(const std::vector<json::object>& deletions, live::LiveRead& out) {
  std::set<std::string> left(out.left_mis_ids.begin(), out.left_mis_ids.end());
  for (const auto& d : deletions) {
    auto type = text(d, "type");
    if (!type.empty() && type != "student") continue;
    // A deleted record can come back: a restored one has not left.
    if (const auto* restored = member(d, "restored"); restored && restored->is_bool() && restored->get_bool()) continue;
    auto id = text(d, "mis_id");
    if (id.empty()) id = text(d, "id");
    if (id.empty()) {
      out.warnings.push_back(
          record_problem("deletions/", "", "id", "", "a deletion without an id names nobody: left out"));
      continue;
    }
    if (left.insert(id).second) out.left_mis_ids.push_back(id);
  }
  out.details["left"] = out.left_mis_ids.size();
}

}  // namespace sm::wonde
