#include <algorithm>
#include <cctype>

#include "wonde/wonde_json.hpp"
#include "wonde/wonde_records.hpp"

namespace sm::wonde {
namespace json = boost::json;

namespace {
// An id given bare ("student":"A123") or as an included object ("student":{"data":{"id":...}}).
std::string id_of(const json::object& record, std::string_view key) {
  if (const auto* included = included_object(record, key)) return text(*included, "id");
  return text(record, key);
}
}  // namespace

AttendanceReader::AttendanceReader(const std::vector<json::object>& codes, const PupilIndex& pupils,
                                   const live::LiveRead& read)
    : pupils_(pupils), read_(read) {
  for (const auto& c : codes) {
    auto id = text(c, "id");
    if (!id.empty()) codes_[id] = text(c, "code");
  }
}

void AttendanceReader::take(const json::object& record) {
  // The writeback names `student_id` and `attendance_code_id`; a list's records are read either way.
  auto student = id_of(record, "student");
  if (student.empty()) student = text(record, "student_id");
  auto pupil = pupils_.find(student);
  if (pupil == pupils_.end()) {
    ++unmatched_;  // a pupil this read does not list (a leaver): their marks are not this roll's
    return;
  }
  const auto* date = member(record, "date");
  auto day = date ? parse_php_date(*date) : std::nullopt;
  auto session = text(record, "session");
  std::transform(session.begin(), session.end(), session.begin(), [](unsigned char c) { return std::toupper(c); });
  if (!day || (session != "AM" && session != "PM")) {
    note(text(record, "id"), !day ? "date" : "session", !day ? "" : session,
         "a session mark needs a date and a session (AM or PM): left unmarked");
    return;
  }
  std::string code;
  if (const auto* included = included_object(record, "attendance_code")) {
    code = text(*included, "code");
  } else {
    auto code_id = text(record, "attendance_code");
    if (code_id.empty()) code_id = text(record, "attendance_code_id");
    auto known = codes_.find(code_id);
    if (known == codes_.end()) {
      note(text(record, "id"), "attendance_code", code_id,
           "an attendance code attendance-codes/ does not list: its sessions are left unmarked");
      return;
    }
    code = known->second;
  }
  if (code.size() != 1) {
    note(text(record, "id"), "attendance_code", code,
         "not a one-character DfE attendance code: its sessions are left unmarked");
    return;
  }
  marks_.push_back({read_.pupils[pupil->second].mis_id, day->date, session == "PM", code[0]});
}

void AttendanceReader::note(const std::string& id, const std::string& field, const std::string& value,
                            const std::string& rule) {
  // One warning per kind of fault, with its count: a year of marks could otherwise bring thousands.
  auto key = field + "\n" + value;
  auto& seen = faults_[key];
  if (seen.count++ == 0) seen.problem = record_problem("attendance/session/", id, field, value, rule);
}

std::size_t AttendanceReader::finish(int year, live::LiveRead& out) {
  for (auto& [key, fault] : faults_) {
    if (fault.count > 1) fault.problem.rule += " (" + std::to_string(fault.count) + " marks like it)";
    out.warnings.push_back(std::move(fault.problem));
  }
  faults_.clear();
  if (unmatched_) out.details["attendance_marks_unmatched"] = unmatched_;
  return live::add_session_marks(marks_, year, out);
}

}  // namespace sm::wonde
