// What a live MIS adapter hands to sync for one school: pupils (with what the source knows of
// their SEN, attendance and assessments), the school's staff, classes and enrolments as roster
// records, pupils it says have gone, and the delta cursors that cover this read. No I/O here.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/problem.hpp"
#include "model/pupil_record.hpp"
#include "oneroster/oneroster_reader.hpp"

namespace sm::live {

// What sync passes to an adapter's read.
struct ReadRequest {
  bool full = true;                            // read everything (first sync, `sync --full`, or no cursor held)
  std::map<std::string, std::string> cursors;  // endpoint -> cursor stored by the last read
  std::string today;                           // YYYY-MM-DD
};

struct LiveRead {
  std::string kind;  // xporter | wonde | arbor | host
  // A full read lists the whole roll: pupils of the school it does not list have left.
  bool full = true;
  std::string read_at;  // UTC YYYY-MM-DDTHH:MM:SS: the records' datetime, newer data wins
  // Each pupil carries `mis_id` (the MIS's own id) and its UPN where the source sent one; a
  // record whose UPN is empty is matched by the mis_id senmap holds for this source, or refused.
  std::vector<model::PupilRecord> pupils;
  // Staff, classes, enrolments and results in OneRoster's shape (bulk on a full read, delta
  // otherwise), so the roster's own rules apply: students are keyed by the MIS id.
  oneroster::RosterData roster;
  std::vector<std::string> left_mis_ids;  // pupils the source reported deleted or left
  // Pupils a host names as left by UPN, each with the day they left (empty: the day of the read).
  std::vector<std::pair<std::string, std::string>> left_upns;
  std::map<std::string, std::string> cursors;  // endpoint -> new cursor, stored with this data
  std::vector<model::Problem> problems;        // any problem refuses the source as a whole
  std::vector<model::Problem> warnings;
  std::map<std::string, std::size_t> details;  // counts per kind for the journal (no names)
};

}  // namespace sm::live
