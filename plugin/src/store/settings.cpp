#include "store/settings.hpp"

#include <cstdio>
#include <map>
#include <type_traits>

#include "model/number_text.hpp"

namespace sm::store {
namespace {

using Rows = std::map<std::string, std::pair<std::string, std::string>>;  // key -> (value, source)

std::string join(const std::vector<std::string>& years) {
  std::string out;
  for (const auto& y : years) out += (out.empty() ? "" : ",") + y;
  return out;
}

// The durations by their setting key: one list for saving and loading.
template <typename Rules, typename Visit>
void each_duration(Rules& rules, Visit visit) {
  visit("clock.assessment_decision", rules.assessment_decision);
  visit("clock.final_plan", rules.final_plan);
  visit("clock.annual_review", rules.annual_review);
  visit("clock.review_invitations", rules.review_invitations);
  visit("clock.review_report", rules.review_report);
  visit("clock.la_review_decision", rules.la_review_decision);
  visit("clock.amendment_response", rules.amendment_response);
  visit("clock.amended_plan", rules.amended_plan);
  visit("clock.access_approval", rules.access_approval);
}

template <typename Rules, typename Visit>
void each_day_of_year(Rules& rules, Visit visit) {
  visit("clock.phase_transfer_by", rules.phase_transfer_by);
  visit("clock.post16_transfer_by", rules.post16_transfer_by);
}

Rows rows_of(const model::ClockRules& rules) {
  Rows rows;
  each_duration(rules, [&](const char* key, const model::Duration& d) { rows[key] = {d.describe(), d.source}; });
  each_day_of_year(rules, [&](const char* key, const model::DayOfYear& d) {
    rows[key] = {model::format_day_of_year(d), d.source};
  });
  if (rules.access_applications_by)
    rows["clock.access_applications_by"] = {model::format_day_of_year(*rules.access_applications_by),
                                            rules.access_applications_by->source};
  rows["clock.transfer_years"] = {join(rules.transfer_years), rules.transfer_years_source};
  return rows;
}

Rows stored(Database& db, const char* prefix = "clock.") {
  Rows rows;
  auto s = db.prepare("SELECT key, value, source FROM setting WHERE key LIKE ?1");
  s.bind(1, std::string(prefix) + "%");
  while (s.step()) rows[s.text(0)] = {s.text(1), s.text(2)};
  return rows;
}

// Replaces every setting under `prefix` when any differs (one transaction).
void replace(Database& db, const char* prefix, const Rows& wanted) {
  if (stored(db, prefix) == wanted) return;
  Transaction tx(db);
  db.prepare("DELETE FROM setting WHERE key LIKE ?1").bind(1, std::string(prefix) + "%").run();
  for (const auto& [key, row] : wanted) {
    auto s = db.prepare("INSERT INTO setting (key, value, source) VALUES (?1, ?2, ?3)");
    s.bind(1, key).bind(2, row.first).bind(3, row.second).run();
  }
  tx.commit();
}

// Exactly the number the config gave, never 1.23457e+06 (%g kept six digits and used exponents).
std::string number_text(double v) {
  return model::round_trip_decimal(v);
}

}  // namespace

model::ClockRules load_clock_rules(Database& db) {
  model::ClockRules rules;
  auto rows = stored(db);
  auto find = [&](const char* key) -> const std::pair<std::string, std::string>* {
    auto it = rows.find(key);
    return it == rows.end() ? nullptr : &it->second;
  };
  // A value that no longer parses (written by a newer senmap?) keeps the default: the clock
  // must always answer, and the config check refuses bad values before they are stored.
  each_duration(rules, [&](const char* key, model::Duration& d) {
    if (const auto* row = find(key))
      if (auto parsed = model::parse_duration(row->first, row->second)) d = *parsed;
  });
  each_day_of_year(rules, [&](const char* key, model::DayOfYear& d) {
    if (const auto* row = find(key))
      if (auto parsed = model::parse_day_of_year(row->first, row->second)) d = *parsed;
  });
  if (const auto* row = find("clock.access_applications_by"))
    rules.access_applications_by = model::parse_day_of_year(row->first, row->second);
  if (const auto* row = find("clock.transfer_years")) {
    rules.transfer_years.clear();
    for (std::size_t at = 0; at <= row->first.size();) {
      auto comma = std::min(row->first.find(',', at), row->first.size());
      if (comma > at) rules.transfer_years.push_back(row->first.substr(at, comma - at));
      at = comma + 1;
    }
    rules.transfer_years_source = row->second;
  }
  return rules;
}

void save_clock_rules(Database& db, const model::ClockRules& rules) {
  replace(db, "clock.", rows_of(rules));
}

model::RuleSettings load_rule_settings(Database& db) {
  model::RuleSettings settings;
  auto rows = stored(db, "rules.");
  model::each_threshold(settings.thresholds, [&](const char* key, auto& value) {
    auto it = rows.find(std::string("rules.") + key);
    if (it == rows.end()) return;
    double parsed = 0;
    if (std::sscanf(it->second.first.c_str(), "%lf", &parsed) == 1)
      value = static_cast<std::remove_reference_t<decltype(value)>>(parsed);
  });
  if (auto it = rows.find("rules.off"); it != rows.end()) {
    settings.off.clear();  // the list as saved: the defaults with what the school switched on or off
    const auto& list = it->second.first;
    for (std::size_t at = 0; at <= list.size();) {
      auto comma = std::min(list.find(',', at), list.size());
      if (comma > at) settings.off.insert(list.substr(at, comma - at));
      at = comma + 1;
    }
  }
  return settings;
}

void save_rule_settings(Database& db, const model::RuleSettings& settings) {
  Rows wanted;
  model::each_threshold(settings.thresholds, [&](const char* key, const auto& value) {
    wanted[std::string("rules.") + key] = {number_text(value), "config"};
  });
  std::string off;
  for (const auto& id : settings.off) off += (off.empty() ? "" : ",") + id;
  wanted["rules.off"] = {off, "config"};
  replace(db, "rules.", wanted);
}

}  // namespace sm::store
