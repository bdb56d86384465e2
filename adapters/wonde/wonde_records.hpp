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
#include "live/session_marks.hpp"

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

// Session marks (attendance/session/) taken one record at a time as the pages arrive (a school's
// year is hundreds of thousands of records: none is kept as JSON), then added to the pupils as a
// year of marks each. A record names its student (`student`, or `student_id` as the writeback
// writes it), `date`, `session` (AM or PM) and its code: an id resolved through attendance-codes/
// (`id` -> `code`), or the code included. A record that cannot be read is left unmarked and
// reported once per kind of fault, with a count.
class AttendanceReader {
 public:
  AttendanceReader(const std::vector<boost::json::object>& codes, const PupilIndex& pupils, const live::LiveRead& read);
  void take(const boost::json::object& record);
  // The marks of register year `year` onto out's pupils (live::add_session_marks); returns the marks used.
  std::size_t finish(int year, live::LiveRead& out);

 private:
  struct Fault {
    std::size_t count = 0;
    model::Problem problem;
  };
  void note(const std::string& id, const std::string& field, const std::string& value, const std::string& rule);

  const PupilIndex& pupils_;
  const live::LiveRead& read_;
  std::map<std::string, std::string> codes_;  // Wonde id -> code
  std::vector<live::SessionMark> marks_;
  std::map<std::string, Fault> faults_;
  std::size_t unmatched_ = 0;
};

// Deleted students' ids (their mis_id where given, else the Wonde id) into out.left_mis_ids.
void read_deletions(const std::vector<boost::json::object>& deletions, live::LiveRead& out);

}  // namespace sm::wonde
