#include "store/settings.hpp"

#include <map>

namespace sm::store {
namespace {

using Rows = std::map<std::string, std::pair<std::string, std::string>>;  // key -> (value, source)

std::string join(const std::vector<std::string>& years) {
  std::string out;
  for (const auto& y : years) out += (out.empty() ? "" : ",") + y;
  return out;
}

std::string month_day(unsigned month, unsigned day) {
  char text[8];
  std::snprintf(text, sizeof text, "%02u-%02u", month, day);
  return text;
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
}

Rows rows_of(const model::ClockRules& rules) {
  Rows rows;
  each_duration(rules, [&](const char* key, const model::Duration& d) { rows[key] = {d.describe(), d.source}; });
  rows["clock.phase_transfer_by"] = {month_day(rules.phase_transfer_month, rules.phase_transfer_day), rules.phase_transfer_source};
  rows["clock.transfer_years"] = {join(rules.transfer_years), rules.transfer_years_source};
  return rows;
}

Rows stored(Database& db) {
  Rows rows;
  auto s = db.prepare("SELECT key, value, source FROM setting WHERE key LIKE 'clock.%'");
  while (s.step()) rows[s.text(0)] = {s.text(1), s.text(2)};
  return rows;
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
  if (const auto* row = find("clock.phase_transfer_by")) {
    unsigned month = 0, day = 0;
    if (std::sscanf(row->first.c_str(), "%2u-%2u", &month, &day) == 2 && month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      rules.phase_transfer_month = month;
      rules.phase_transfer_day = day;
      rules.phase_transfer_source = row->second;
    }
  }
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
  auto wanted = rows_of(rules);
  if (stored(db) == wanted) return;
  Transaction tx(db);
  db.exec("DELETE FROM setting WHERE key LIKE 'clock.%'");
  for (const auto& [key, row] : wanted) {
    auto s = db.prepare("INSERT INTO setting (key, value, source) VALUES (?1, ?2, ?3)");
    s.bind(1, key).bind(2, row.first).bind(3, row.second).run();
  }
  tx.commit();
}

}  // namespace sm::store
