// The SEN register: every pupil whose current status is SEN support (K) or an EHC plan (E).
#pragma once
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/dates.hpp"
#include "store/database.hpp"

namespace sm::report {

struct RegisterNeed {
  std::string code;
  int rank = 0;
};

struct RegisterEntry {
  std::string upn, surname, forename, nc_year;
  std::string status;               // K or E
  std::string status_since;         // start of the current, unbroken period of this status
  std::vector<RegisterNeed> needs;  // current needs by rank
};

struct RosterCounts {
  int roll = 0;
  std::vector<std::pair<std::string, int>> roll_by_year;  // NC year -> pupils
};

// Needs are current when they have no end date or end after `as_of`. With `class_id` (the
// school_class row), only that class's pupils: a class map need not read the whole school.
std::vector<RegisterEntry> load_register(store::Database& db, model::Date as_of,
                                         std::optional<std::int64_t> class_id = std::nullopt);
RosterCounts load_roll(store::Database& db);
// NC years in school order (N1, N2, R, 1, 2 ... 13, then X and unknown) rather than as text.
int year_order(const std::string& year);

// The CLI/C ABI shape: [{"upn","surname","forename","status","status_since","needs":[{"code","rank"}],...}]
boost::json::value register_json(const std::vector<RegisterEntry>& entries);

// Counts and % of roll by status, primary need and year group, beside the national figures.
boost::json::value register_summary_json(const std::vector<RegisterEntry>& entries, const RosterCounts& roll);

}  // namespace sm::report
