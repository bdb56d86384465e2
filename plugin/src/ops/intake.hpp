// The intake view: a CTF from a pupil's previous school read, not stored, and its pupils sorted by
// how soon the SENCO must act on them.
#pragma once
#include <boost/json/fwd.hpp>
#include <string>

#include "ops/operation.hpp"

namespace sm::ops {

// {"file","from_school":{"la","estab","name"},"to_school":{...},"file_date","counts":{"ehc_plan",
// "sen_support","flags_sent","nothing_sent"},"pupils":[{"upn","forename","surname","dob","nc_year",
// "urgency":1-4,"why","sen_status","sen_since","needs":[{"code","rank"}],"flags":[{"flag","text"}],
// "attendance_percent","on_roll_here"}],"problems":[{"file","line","path","upn","value","rule",
// "record"}]}. Urgency: 1 an EHC plan, 2 SEN support (the most recent first), 3 the previous
// school's other flags (former SEN, looked after, medical, persistent absence), 4 nothing sent.
// A pupil the file gets wrong is left out and named in "problems"; a file that is not a CTF has
// no pupils and its problem.
boost::json::value read_intake(Context& context, const std::string& path);

}  // namespace sm::ops
