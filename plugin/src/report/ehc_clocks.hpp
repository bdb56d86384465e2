// The statutory clock of every open EHC request and plan in a school, for the SENCO's dashboard:
// where each stands (awaiting the LA's decision, being assessed, plan issued) and the next date
// the law sets, with days left or overdue. The dates come from model::ehc_deadlines.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/statutory_clock.hpp"
#include "store/database.hpp"

namespace sm::report {

struct EhcClock {
  std::int64_t plan_id = 0;
  std::string upn, forename, surname, nc_year;
  std::string stage;      // "awaiting the LA's decision", "being assessed", "plan issued"
  std::string next_key;   // the deadline's key in ehcp.get's "deadlines"
  std::string next_what;  // "LA decision whether to assess", "Annual review meeting", ...
  model::Date due{};
  std::string rule;   // "6 weeks from the request (SEND Regs 2014 regs. 4-5)"
  int days_left = 0;  // negative: overdue by that many days
};

// Open requests and plans (not ceased, refused or left), the most pressing first.
std::vector<EhcClock> load_ehc_clocks(store::Database& db, const model::ClockRules& clock, model::Date today,
                                      std::optional<std::int64_t> school_id = std::nullopt);

// A pupil the MIS holds as having an EHC plan (status E on `today`) with no issued plan recorded:
// no clock runs for it until its dates are (ehcp.record_existing).
struct PlanDatesMissing {
  std::int64_t pupil_id = 0;
  std::string upn, forename, surname, nc_year;
  std::string status_since;  // YYYY-MM-DD: when the MIS's latest run of status E began
};
std::vector<PlanDatesMissing> ehc_dates_missing(store::Database& db, model::Date today,
                                                std::optional<std::int64_t> school_id = std::nullopt);

}  // namespace sm::report
