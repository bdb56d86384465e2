#include "writeback/outbox.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace sm::writeback {

void queue(store::Database& db, const std::string& kind, const std::string& key, const std::string& upn,
           const boost::json::object& payload, const std::string& now) {
  auto body = boost::json::serialize(payload);
  auto& targets = db.cached("SELECT name FROM writeback_target ORDER BY name");
  std::vector<std::string> names;
  while (targets.step()) names.push_back(targets.text(0));
  targets.reset();
  for (const auto& name : names) {
    auto& insert = db.cached(
        "INSERT OR IGNORE INTO outbox (target, idempotency_key, kind, upn, payload, created_at, next_attempt_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
    insert.bind(1, name).bind(2, (name + ":").append(key)).bind(3, kind).bind(4, upn).bind(5, body).bind(6, now).run();
  }
}

void set_targets(store::Database& db, const std::vector<std::tuple<std::string, std::string, std::string>>& targets) {
  std::vector<std::tuple<std::string, std::string, std::string>> held;
  // Host targets are registered by the embedding MIS through the C ABI, not by the config: they stay.
  auto s = db.prepare("SELECT name, kind, COALESCE(path, '') FROM writeback_target WHERE kind <> 'host' ORDER BY name");
  while (s.step()) held.emplace_back(s.text(0), s.text(1), s.text(2));
  auto wanted = targets;
  std::sort(wanted.begin(), wanted.end());
  if (held == wanted) return;  // opening with a config does not write every time
  store::Transaction tx(db);
  db.exec("DELETE FROM writeback_target WHERE kind <> 'host'");
  for (const auto& [name, kind, path] : wanted)
    db.prepare("INSERT INTO writeback_target (name, kind, path) VALUES (?1, ?2, ?3)")
        .bind(1, name)
        .bind(2, kind)
        .bind(3, path)
        .run();
  tx.commit();
}

void register_host_target(store::Database& db, const std::string& name) {
  auto s = db.prepare(
      "INSERT INTO writeback_target (name, kind) VALUES (?1, 'host') ON CONFLICT (name) DO UPDATE SET kind = 'host', "
      "path = NULL");
  s.bind(1, name).run();
}

std::vector<OutboxItem> list_outbox(store::Database& db, const std::string& status) {
  auto s = db.prepare(
      "SELECT id, target, idempotency_key, kind, upn, payload, status, created_at, next_attempt_at, attempts, "
      "last_error, delivered_at "
      "FROM outbox WHERE ?1 = '' OR status = ?1 ORDER BY id");
  s.bind(1, status);
  std::vector<OutboxItem> out;
  while (s.step())
    out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8),
                   static_cast<int>(s.integer(9)), s.optional_text(10), s.optional_text(11)});
  return out;
}

}  // namespace sm::writeback
