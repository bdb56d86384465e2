// The school's own settings, kept in the store so every way in (C ABI, CLI with --db or
// --config, sync) sees the same: today the statutory clock's durations, each with its source.
#pragma once
#include "model/rule_settings.hpp"
#include "model/statutory_clock.hpp"
#include "store/database.hpp"

namespace sm::store {

// The clock as the school configured it; the Regulations' defaults for what it did not set.
model::ClockRules load_clock_rules(Database& db);

// Records every duration with its source (the config line, or the regulation). Writes only
// when something differs, so opening with a config does not write on every call.
void save_clock_rules(Database& db, const model::ClockRules& rules);

// The flag rules as the school set them: rules switched off and thresholds ([rules] in the config).
model::RuleSettings load_rule_settings(Database& db);
void save_rule_settings(Database& db, const model::RuleSettings& settings);

}  // namespace sm::store
