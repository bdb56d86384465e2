// Flag rules: each a stable id, a severity and a finder that reads the store and returns the
// pupils (and, where a pupil can be flagged twice, the thing: a placement, a cycle) that meet it,
// each with an explanation that shows its evidence. Thresholds come from the config.
#pragma once
#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/dates.hpp"
#include "model/rule_settings.hpp"
#include "model/statutory_clock.hpp"
#include "store/database.hpp"

namespace sm::rules {

using model::RuleSettings;
using model::Thresholds;

struct Finding {
  std::int64_t pupil = 0;
  std::string subject;      // within the pupil: "placement 17", "" when the rule is about the pupil
  std::string explanation;  // "attendance 86.4%: 269 of 312 possible sessions since 2025-09-03"
  boost::json::object evidence;
};

// A pupil's attendance over the latest school year held (every school in it).
struct YearAttendance {
  int possible = 0, attended = 0;
  std::string since;
  double percent() const { return possible ? 100.0 * attended / possible : 100.0; }
};

// A placement of a pupil still on roll, with what the provision rules judge it on.
struct PlacementFacts {
  std::int64_t id, pupil;
  std::string provision, start, end, subject;  // end "" while running; subject: the provision's measure
  bool entered_baseline, entered_exit;
  std::int64_t planned, delivered, weeks;
  double per_week;
};

struct RuleContext {
  RuleContext(store::Database& db, model::Date today, const Thresholds& thresholds, const model::ClockRules& clock)
      : db(db), today(today), thresholds(thresholds), clock(clock) {}
  store::Database& db;
  model::Date today;
  const Thresholds& thresholds;
  const model::ClockRules& clock;
  // Read once per run, shared by the rules that need it.
  const std::map<std::int64_t, YearAttendance>& attendance();
  const std::map<std::int64_t, std::string>& on_register();  // pupils on the register today: K or E
  const std::vector<PlacementFacts>& placements();           // baseline, exit and fidelity rules

 private:
  std::optional<std::map<std::int64_t, YearAttendance>> attendance_;
  std::optional<std::vector<PlacementFacts>> placements_;
  std::optional<std::map<std::int64_t, std::string>> on_register_;
};

struct Rule {
  std::string id;        // stable: MIS writeback and a school's settings refer to it
  std::string severity;  // high | medium | low
  std::string title;
  std::function<std::vector<Finding>(RuleContext&)> find;
};

// Every rule, in a fixed order.
const std::vector<Rule>& all_rules();
// The rule with this id, or nullptr.
const Rule* find_rule(std::string_view id);

// Registration, one file per area.
void add_review_rules(std::vector<Rule>& out);
void add_ehc_rules(std::vector<Rule>& out);
void add_attendance_rules(std::vector<Rule>& out);
void add_provision_rules(std::vector<Rule>& out);
void add_register_rules(std::vector<Rule>& out);
void add_access_rules(std::vector<Rule>& out);

// Pupils on the SEN register today (K or E) by id, with their status: most rules start here.
std::map<std::int64_t, std::string> register_today(store::Database& db, model::Date today);
std::string one_decimal(double value);

}  // namespace sm::rules
