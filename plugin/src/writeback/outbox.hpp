// The outbox: what must reach the MIS (a flag raised or cleared, a note, a change of SEN status
// or needs agreed at a review) is queued in the same
// transaction that created it, one item per configured writeback target, with an idempotency
// key so a retry can never make a duplicate.
#pragma once
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "store/database.hpp"

namespace sm::writeback {

// Queues `payload` for every writeback target. Must run inside the caller's transaction.
// `key` identifies the event (e.g. "flag-17-raised"); the item's idempotency key adds the target.
void queue(store::Database& db, const std::string& kind, const std::string& key, const std::string& upn,
           const boost::json::object& payload, const std::string& now);

struct OutboxItem {
  std::int64_t id = 0;
  std::string target, idempotency_key, kind, upn, payload, status, created_at, next_attempt_at;
  int attempts = 0;
  std::optional<std::string> last_error, delivered_at;
};

// The targets the config names (name, kind, path): replaces what the store held.
void set_targets(store::Database& db, const std::vector<std::tuple<std::string, std::string, std::string>>& targets);

// The embedding MIS registered itself as a target (kept until it is registered under another kind).
void register_host_target(store::Database& db, const std::string& name);

// Items of one status ("pending", "delivered", "dead") or all (empty), oldest first.
std::vector<OutboxItem> list_outbox(store::Database& db, const std::string& status = {});

}  // namespace sm::writeback
