#include "writeback/writeback_run.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>

#include "model/dates.hpp"
#include "writeback/arbor_configured.hpp"
#include "writeback/csv_target.hpp"

namespace sm::writeback {

namespace {
// A target that could not be built (its password file unreadable, its flags field missing):
// every item it would carry fails with the reason, so the outbox shows what to fix.
class UnbuiltTarget : public Target {
 public:
  explicit UnbuiltTarget(std::string why) : why_(std::move(why)) {}
  bool holds(const OutboxItem&) override { throw std::runtime_error(why_); }
  Delivery deliver(const OutboxItem&) override { return {false, why_, std::nullopt, false}; }

 private:
  std::string why_;
};
}  // namespace

std::map<std::string, std::unique_ptr<Target>> configured_targets(store::Database& db) {
  std::map<std::string, std::unique_ptr<Target>> out;
  auto s = db.prepare("SELECT name, kind, COALESCE(path, '') FROM writeback_target");
  std::vector<std::tuple<std::string, std::string, std::string>> rows;
  while (s.step()) rows.emplace_back(s.text(0), s.text(1), s.text(2));
  for (const auto& [name, kind, path] : rows) {
    if (kind == "csv")
      out[name] = std::make_unique<CsvTarget>(path);
    else if (kind == "arbor") {
      try {
        out[name] = configured_arbor_target(db, path);  // path: its settings (JSON)
      } catch (const std::exception& e) {
        out[name] = std::make_unique<UnbuiltTarget>(e.what());
      }
    }
  }
  return out;
}

namespace {

std::string seconds_text(std::chrono::steady_clock::duration d) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", std::chrono::duration<double>(d).count());
  return text;
}

// One attempt: check what the target holds, deliver if it does not. Whatever the target throws
// is a failed attempt; no answer in time means it may have applied the item.
Delivery attempt(Target& target, const OutboxItem& item, bool& there) {
  try {
    there = target.holds(item);
    return there ? Delivery{true, "", std::nullopt, false} : target.deliver(item);
  } catch (const NoAnswer& e) {
    return {false, std::string(e.what()) + " (the MIS may have applied it: the next attempt checks first)",
            std::nullopt, true};
  } catch (const std::exception& e) {  // a throwing target is a failing target
    return {false, e.what(), std::nullopt, false};
  }
}

}  // namespace

std::map<std::string, TargetRun> run_writeback(store::Database& db,
                                               std::map<std::string, std::unique_ptr<Target>>& targets,
                                               std::chrono::sys_seconds now, const RetryPolicy& policy,
                                               std::mt19937_64& random) {
  using clock = std::chrono::steady_clock;
  const auto run_ends = clock::now() + policy.run_budget;
  std::map<std::string, TargetRun> runs;
  auto stamp = model::format_utc(now);
  for (auto& [name, target] : targets) {
    auto& run = runs[name];
    std::vector<OutboxItem> due;
    for (auto& item : list_outbox(db, "pending"))
      if (item.target == name) {
        if (item.next_attempt_at <= stamp)
          due.push_back(std::move(item));
        else
          ++run.waiting;
      }
    for (std::size_t i = 0; i < due.size(); ++i) {
      const auto& item = due[i];
      if (!run.stopped_why.empty() || clock::now() >= run_ends) {
        if (run.stopped_why.empty())
          run.stopped_why = "the run's time (" + seconds_text(policy.run_budget) + ") was spent";
        run.deferred = static_cast<int>(due.size() - i);
        break;
      }
      bool there = false;
      auto started = clock::now();
      Delivery result = attempt(*target, item, there);
      auto took = clock::now() - started;
      if (took > policy.slow_answer)
        run.stopped_why = "the target took " + seconds_text(took) + " to answer (slower than " +
                          seconds_text(policy.slow_answer) + "): the rest wait for the next run";
      store::Transaction tx(db);
      if (there || result.ok) {
        db.prepare("UPDATE outbox SET status = 'delivered', delivered_at = ?2, attempts = attempts + 1 WHERE id = ?1")
            .bind(1, item.id)
            .bind(2, stamp)
            .run();
        ++(there ? run.already_there : run.delivered);
      } else if (item.attempts + 1 >= policy.max_attempts) {
        db.prepare("UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ?2 WHERE id = ?1")
            .bind(1, item.id)
            .bind(2, result.error + " (gave up after " + std::to_string(item.attempts + 1) + " attempts)")
            .run();
        ++run.dead;
      } else {
        // Full jitter: a random wait up to the capped exponential, never less than Retry-After.
        double ceiling = std::min<double>(policy.cap_seconds, policy.base_seconds * std::pow(2.0, item.attempts));
        auto wait = static_cast<long>(std::uniform_real_distribution<double>(0, ceiling)(random));
        if (result.retry_after_seconds) wait = std::max<long>(wait, *result.retry_after_seconds);
        db.prepare("UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3 WHERE id = ?1")
            .bind(1, item.id)
            .bind(2, result.error)
            .bind(3, model::format_utc(now + std::chrono::seconds{wait}))
            .run();
        ++run.failed;
      }
      tx.commit();
    }
  }
  return runs;
}

boost::json::value writeback_json(const std::map<std::string, TargetRun>& runs) {
  boost::json::object out;
  for (const auto& [name, r] : runs)
    out[name] = {
        {"delivered", r.delivered},
        {"already_there", r.already_there},
        {"failed", r.failed},
        {"dead", r.dead},
        {"waiting", r.waiting},
        {"deferred", r.deferred},
        {"stopped_why", r.stopped_why.empty() ? boost::json::value(nullptr) : boost::json::value(r.stopped_why)}};
  return out;
}

}  // namespace sm::writeback
