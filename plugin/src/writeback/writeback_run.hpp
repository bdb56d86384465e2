// A writeback run drains the outbox per target: check what the target already holds, deliver,
// and on failure retry later with capped exponential backoff and full jitter (or the target's
// Retry-After), until an item that keeps failing goes to the dead-letter list with its last error.
#pragma once
#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <random>

#include "writeback/target.hpp"

namespace sm::writeback {

struct RetryPolicy {
  int max_attempts = 8;
  int base_seconds = 60;       // the first retry waits up to a minute...
  int cap_seconds = 6 * 3600;  // ...and none waits more than six hours
  // A target slower than this to answer one item gets no more this run: the rest wait for the
  // next run (no attempt counted), so a struggling MIS is not hammered and the nightly job ends.
  std::chrono::milliseconds slow_answer{std::chrono::seconds{30}};
  // However many targets and items, a run stops sending after this long; the rest wait.
  std::chrono::milliseconds run_budget{std::chrono::minutes{15}};
};

struct TargetRun {
  int delivered = 0, already_there = 0, failed = 0, dead = 0, waiting = 0;
  int deferred = 0;         // due, but left for the next run (slow target, or the run's time spent)
  std::string stopped_why;  // why this run stopped sending to the target early, "" if it did not
};

// The targets the store names (writeback_target), built for a run.
std::map<std::string, std::unique_ptr<Target>> configured_targets(store::Database& db);

// Each item's outcome is committed on its own: a crash loses at most one acknowledgement, and
// the next run finds that item already at the target (check-then-create).
std::map<std::string, TargetRun> run_writeback(store::Database& db,
                                               std::map<std::string, std::unique_ptr<Target>>& targets,
                                               std::chrono::sys_seconds now, const RetryPolicy& policy,
                                               std::mt19937_64& random);

boost::json::value writeback_json(const std::map<std::string, TargetRun>& runs);

}  // namespace sm::writeback
