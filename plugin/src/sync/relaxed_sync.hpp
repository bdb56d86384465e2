// Imports relax fsync to WAL's NORMAL (still atomic; durable at the next checkpoint) and put
// FULL back afterwards. SQLite allows the change only outside a transaction, so inside one
// (a sync's source run) this does nothing: the outer run has already relaxed it.
#pragma once
#include "store/database.hpp"

namespace sm::sync {

class RelaxedSync {
 public:
  explicit RelaxedSync(store::Database& db) : db_(db), active_(sqlite3_get_autocommit(db.handle()) != 0) {
    if (active_) db_.exec("PRAGMA synchronous = NORMAL");
  }
  ~RelaxedSync() {
    if (!active_) return;
    try {
      db_.exec("PRAGMA synchronous = FULL");
    } catch (...) {
    }
  }
  RelaxedSync(const RelaxedSync&) = delete;
  RelaxedSync& operator=(const RelaxedSync&) = delete;

 private:
  store::Database& db_;
  bool active_;
};

}  // namespace sm::sync
