// The register as the SENCO's working list: one row a pupil on the register with what the page
// shows beside their name (classes, key workers, next review, open flags, current provision), and
// the filters, search and sort the page and its exports share. Read set-wise, a handful of
// queries for the whole school, so the page stays fast on a 2,000-pupil roll.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/dates.hpp"
#include "model/statutory_clock.hpp"
#include "report/pupil_groups.hpp"
#include "store/database.hpp"

namespace sm::report {

struct RegisterRow {
  PupilFacts pupil;  // status, needs, year, pupil premium, EAL, looked-after
  struct Class {
    std::string class_id, title;  // the MIS's id (sourcedId) and the class's name
  };
  std::vector<Class> classes;                 // the classes they are enrolled in today, by title
  std::vector<std::string> key_workers;       // the teaching assistants assigned to them (ta.assign), by name
  std::string next_review, next_review_what;  // the earliest review due (overdue ones included), or ""
  int open_flags = 0;                         // active flags: not snoozed, not resolved
  std::vector<std::string> flag_rules;        // the rules of those flags, each once
  bool high_flag = false;                     // one of them is high severity
  int provisions = 0;                         // placements running today
  int wave = 0;                               // the highest wave among them (0: none)
};

// What the SENCO narrows the list to. Absent fields narrow nothing.
struct RegisterQuery {
  PupilFilter filter;         // year, area of need, status, pupil premium, EAL, looked-after, school
  std::optional<int> wave;    // on a provision of this wave today (0: on no provision)
  std::string flag;           // "" any pupil; "any": with an open flag; else a rule id
  std::string search;         // part of a name or a UPN, any case
  std::string sort = "name";  // one of register_sorts()
  bool descending = false;
};

// The columns the list sorts by: name, upn, year, status, need, next_review, flags, provisions, wave.
const std::vector<std::string>& register_sorts();

struct RegisterList {
  std::vector<RegisterRow> rows;  // every pupil on the register who passes the query, sorted
  // Pupils on roll but off the register whose name or UPN matches the search, by name: the SENCO
  // finds a pupil to assess. Empty without a search.
  std::vector<PupilFacts> off_register;
};

// The register on `today` (of one school when the filter names it) under the query; at most
// `off_register_limit` pupils off it.
RegisterList load_register_list(store::Database& db, const model::ClockRules& clock, model::Date today,
                                const RegisterQuery& query, std::size_t off_register_limit = 50);

// True when the pupil's name or UPN matches the search (any case; a UPN from its start).
bool matches_search(const PupilFacts& pupil, const std::string& search);

}  // namespace sm::report
