// Wonde's records in senmap's shape: students as PupilRecords (and roster users), employees as
// staff, classes with their members as roster classes and enrolments. No I/O here.
#pragma once
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "live/live_read.hpp"

namespace sm::wonde {

// A Wonde `sen_status` as a census SEN provision code (N, K or E), or nullopt when it is not
// recognisable: an unknown status changes nothing, and is never read as "no SEN".
std::optional<std::string> sen_provision_of(std::string_view sen_status);

// `current_nc_year` as a census NC year (N1, N2, R, 1-14, X), or nullopt.
std::optional<std::string> nc_year_of(std::string_view year);

// Wonde student id -> index in LiveRead::pupils.
using PupilIndex = std::map<std::string, std::size_t>;

// Appends the usable students to out.pupils and out.roster.users; problems and warnings name
// the record and field. `today` dates a SEN status Wonde gives without one.
PupilIndex read_students(const std::vector<boost::json::object>& students, const std::string& school_id,
                         model::Date today, live::LiveRead& out);

void read_employees(const std::vector<boost::json::object>& employees, const std::string& school_id,
                    live::LiveRead& out);

// Classes (with `students` and `employees` included) as roster classes and enrolments keyed by
// the Wonde ids of the students and staff.
void read_classes(const std::vector<boost::json::object>& classes, const std::string& school_id, live::LiveRead& out);

// Marksheet results (with `aspect` and `result_set` included) added to the pupils they belong to.
void read_results(const std::vector<boost::json::object>& results, const PupilIndex& pupils, live::LiveRead& out);

// Deleted students' ids (their mis_id where given, else the Wonde id) into out.left_mis_ids.
void read_deletions(const std::vector<boost::json::object>& deletions, live::LiveRead& out);

}  // namespace sm::wonde
