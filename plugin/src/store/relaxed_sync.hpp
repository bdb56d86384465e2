// Imports relax fsync to WAL's NORMAL (still atomic and safe if the process dies; only a power cut
// can lose the last commits before a checkpoint) and put FULL back afterwards: staff edits stay
// FULL. (The audit file is NORMAL throughout: Database::audit_file.) SQLite allows the change only outside a
// transaction, so inside one (a sync's source run) this does nothing: the outer run has already relaxed it.
#pragma once
#include "store/database.hpp"

namespace sm::store {

class RelaxedSync {
 public:
  explicit RelaxedSync(Database& db) : db_(db), active_(sqlite3_get_autocommit(db.handle()) != 0) {
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
  Database& db_;
  bool active_;
};

}  // namespace sm::store
