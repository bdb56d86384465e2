// Running the rules: each finding becomes a flag with a lifecycle. A flag is raised once, seen
// again on later runs (its evidence brought up to date), and cleared with the date and the
// reason when its condition no longer holds. It is never raised again every night.
#pragma once
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace sm::rules {

struct FlagRun {
  int raised = 0, still_active = 0, cleared = 0;
  std::vector<std::string> rules_run, rules_off;
  double seconds = 0;        // the whole run: finding and storing
  double store_seconds = 0;  // of which applying the findings to the flags and the outbox
  std::vector<std::pair<std::string, double>> rule_seconds;  // each rule's finding time, for the benchmark
};

// Evaluates every rule not switched off and applies the result in one transaction.
FlagRun run_rules(store::Database& db, model::Date today, const RuleSettings& settings, const model::ClockRules& clock);

boost::json::value flag_run_json(const FlagRun& run);

}  // namespace sm::rules
