// Arbor's staff, classes (academic units) and memberships (enrolments of students, leads of
// staff) as OneRoster records. Internal to the Arbor reader.
#pragma once
#include <map>
#include <string>

#include "arbor/arbor_api.hpp"
#include "live/live_read.hpp"

namespace sm::arbor {

// Staff user ids are "staff-<id>" (students keep their Arbor student id); enrolment ids are
// "enrolment-<id>" and "lead-<id>" so the two kinds of membership never share one.
void read_roster(ArborApi& api, bool delta, const std::map<std::string, std::string>& held, live::LiveRead& out);

// The pupils already read, as roster students (sourced id = Arbor student id, UPN filled).
void add_student_users(live::LiveRead& out);

}  // namespace sm::arbor
