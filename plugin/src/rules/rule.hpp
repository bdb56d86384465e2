// Flag rules: each a stable id, a severity and a finder that reads the store and returns the
// pupils (and, where a pupil can be flagged twice, the thing: a placement, a cycle) that meet it,
// each with an explanation that shows its evidence. Thresholds come from the config.
#pragma once
#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <set>
#include <string>
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

struct RuleContext {
  store::Database& db;
  model::Date today;
  const Thresholds& thresholds;
  const model::ClockRules& clock;
};

struct Rule {
  std::string id;        // stable: MIS writeback and a school's settings refer to it
  std::string severity;  // high | medium | low
  std::string title;
  std::function<std::vector<Finding>(RuleContext&)> find;
};

// Every rule, in a fixed order.
const std::vector<Rule>& all_rules();

// Registration, one file per area.
void add_review_rules(std::vector<Rule>& out);
void add_ehc_rules(std::vector<Rule>& out);
void add_attendance_rules(std::vector<Rule>& out);
void add_provision_rules(std::vector<Rule>& out);
void add_register_rules(std::vector<Rule>& out);

// Pupils on the SEN register today (K or E) by id, with their status: most rules start here.
std::map<std::int64_t, std::string> register_today(store::Database& db, model::Date today);
std::string one_decimal(double value);

}  // namespace sm::rules
