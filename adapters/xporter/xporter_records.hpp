// Xporter's JSON rows into senmap's records: students into pupils, SEN need and provision
// history onto them, staff and groups into roster records. No I/O.
#pragma once
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "live/live_read.hpp"
#include "live/session_marks.hpp"

namespace sm::xporter {

// The rows of one named dataset, gathered from every page.
using Rows = std::vector<boost::json::object>;

// "2012-09-04T00:00:00" -> the date; empty or unreadable -> nullopt.
std::optional<model::Date> xporter_date(const boost::json::value* value);
std::string text_of(const boost::json::object& row, std::string_view key);

// Students (and their SEN rows) into pupils; a student without a UPN is a problem naming the
// MIS id and the UPN scope, never a pupil keyed by nothing.
void add_pupils(const Rows& students, const Rows& need_history, const Rows& provision_history, live::LiveRead& out);

// One AttendanceMarks row (StudentMis_Id, Date, Session AM/PM, Mark) as a session mark, or
// nullopt when it has no date or its mark is not one character. The reader hands each row here as
// its page arrives, and the year's marks to live::add_session_marks.
std::optional<live::SessionMark> session_mark(const boost::json::object& row);

// AssessmentResults onto the pupils (key stage, subject, method, component, result, date).
void add_assessments(const Rows& results, live::LiveRead& out);

// Staff and groups (with StaffMembers and StudentMembers) into roster users, classes, enrolments.
void add_roster(const Rows& students, const Rows& staff, const Rows& groups, live::LiveRead& out);

// Staff and groups are read whole on every read and applied as bulk files, which rewrites every
// class member. Keeps a fingerprint of the staff, classes and enrolments add_roster made as the
// cursor "roster"; on a delta whose fingerprint equals `held` (the last applied read's), drops
// them and marks classes and enrolments as an empty delta, so an unchanged roster is not
// rewritten. Students' own user records are always kept.
void keep_roster_only_if_changed(live::LiveRead& out, const std::string& held);

}  // namespace sm::xporter
