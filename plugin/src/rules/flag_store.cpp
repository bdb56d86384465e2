#include "rules/flag_store.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <tuple>

#include "report/pupil_lookups.hpp"
#include "store/audit.hpp"
#include "writeback/outbox.hpp"

namespace sm::rules {
namespace json = boost::json;
using report::upn_of;

FlagRun run_rules(store::Database& db, model::Date today, const RuleSettings& settings,
                  const model::ClockRules& clock) {
  auto started = std::chrono::steady_clock::now();
  FlagRun run;
  RuleContext context{db, today, settings.thresholds, clock};
  struct Found {
    const Rule* rule;
    Finding finding;
  };
  std::vector<Found> found;
  {
    store::ReadSnapshot snapshot(db);  // every rule reads the same moment
    for (const auto& rule : all_rules()) {
      if (settings.off.count(rule.id)) {
        run.rules_off.push_back(rule.id);
        continue;
      }
      run.rules_run.push_back(rule.id);
      auto rule_started = std::chrono::steady_clock::now();
      for (auto& f : rule.find(context)) found.push_back({&rule, std::move(f)});
      run.rule_seconds.emplace_back(
          rule.id, std::chrono::duration<double>(std::chrono::steady_clock::now() - rule_started).count());
    }
  }
  auto storing = std::chrono::steady_clock::now();

  auto day = model::format_date(today);
  auto now = store::utc_timestamp();
  store::Transaction tx(db);
  // The flags active before this run, by (rule, pupil, subject), with what they said.
  struct Held {
    std::int64_t id;
    std::string explanation, evidence, severity;
  };
  std::map<std::tuple<std::string, std::int64_t, std::string>, Held> active;
  auto s = db.prepare(
      "SELECT id, rule, pupil_id, subject, explanation, evidence, severity FROM flag WHERE cleared_on IS NULL");
  while (s.step()) active[{s.text(1), s.integer(2), s.text(3)}] = {s.integer(0), s.text(4), s.text(5), s.text(6)};
  for (const auto& [rule, f] : found) {
    auto key = std::make_tuple(rule->id, f.pupil, f.subject);
    auto evidence = json::serialize(f.evidence);
    if (auto it = active.find(key); it != active.end()) {
      // Brought up to date only when its evidence moved (most nights most flags say the same).
      const auto& held = it->second;
      if (held.explanation != f.explanation || held.evidence != evidence || held.severity != rule->severity) {
        auto& update = db.cached("UPDATE flag SET explanation = ?2, evidence = ?3, severity = ?4 WHERE id = ?1");
        update.bind(1, held.id).bind(2, f.explanation).bind(3, evidence).bind(4, rule->severity).run();
      }
      active.erase(it);
      ++run.still_active;
    } else {
      auto& insert = db.cached(
          "INSERT INTO flag (rule, pupil_id, subject, severity, raised_on, last_seen_on, explanation, evidence) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7)");
      insert.bind(1, rule->id).bind(2, f.pupil).bind(3, f.subject).bind(4, rule->severity).bind(5, day);
      insert.bind(6, f.explanation).bind(7, evidence).run();
      auto id = db.last_insert_id();
      // The MIS hears of it in the same transaction: a flag is never raised without its writeback.
      writeback::queue(db, "flag_raised", "flag-" + std::to_string(id) + "-raised", upn_of(db, f.pupil),
                       {{"flag_id", id},
                        {"rule", rule->id},
                        {"title", rule->title},
                        {"severity", rule->severity},
                        {"date", day},
                        {"explanation", f.explanation},
                        {"evidence", f.evidence}},
                       now);
      ++run.raised;
    }
  }
  // What is left no longer holds: cleared, saying why.
  for (const auto& [key, held] : active) {
    auto id = held.id;
    const auto& rule = std::get<0>(key);
    std::string why = settings.off.count(rule) ? "the rule was switched off" : "the condition no longer holds";
    auto& left = db.cached("SELECT left_on FROM pupil WHERE id = ?1");
    left.bind(1, std::get<1>(key));
    if (left.step() && !left.is_null(0)) why = "the pupil left the roll on " + left.text(0);
    left.reset();
    auto& clear = db.cached("UPDATE flag SET cleared_on = ?2, cleared_why = ?3 WHERE id = ?1");
    clear.bind(1, id).bind(2, day).bind(3, why).run();
    writeback::queue(db, "flag_cleared", "flag-" + std::to_string(id) + "-cleared", upn_of(db, std::get<1>(key)),
                     {{"flag_id", id}, {"rule", rule}, {"date", day}, {"why", why}}, now);
    ++run.cleared;
  }
  // Every flag still active was seen today: one statement, not one a flag.
  db.prepare("UPDATE flag SET last_seen_on = ?1 WHERE cleared_on IS NULL AND last_seen_on < ?1").bind(1, day).run();
  tx.commit();
  run.store_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - storing).count();
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return run;
}

json::value flag_run_json(const FlagRun& run) {
  json::array ran, off;
  for (const auto& r : run.rules_run) ran.push_back(json::value(r));
  for (const auto& r : run.rules_off) off.push_back(json::value(r));
  return json::object{{"raised", run.raised},
                      {"still_active", run.still_active},
                      {"cleared", run.cleared},
                      {"rules_run", std::move(ran)},
                      {"rules_off", std::move(off)}};
}

}  // namespace sm::rules
