// Backups, restores and the audit archive, with SQLite's online backup API: a copy is taken while a
// sync or a server writes, and a restore lands under connections already open (a running server
// sees the restored data at its next read, as it would a sync's).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "store/database.hpp"

namespace sm::store {

// One copy of a database and its audit file, as it lies in a backup folder.
struct BackupCopy {
  std::filesystem::path database;  // DIR/senmap.db
  std::filesystem::path audit;     // DIR/senmap-audit.db
  std::int64_t database_bytes = 0;
  std::int64_t audit_bytes = 0;
  int schema_version = 0;        // the database's PRAGMA user_version
  int audit_schema_version = 0;  // the audit file's
};

// Copies `database` and its audit file into `dir` as senmap.db and senmap-audit.db, owner-only, both
// as of one moment (read transactions on both are open before either is copied), each then passing
// PRAGMA integrity_check. Refuses a folder that already holds either file. Throws StoreError naming
// the file and what went wrong; a copy that fails is removed.
BackupCopy backup_database(const std::filesystem::path& database, const std::filesystem::path& dir);

// Checks the backup in `dir`: both files present, PRAGMA integrity_check "ok" on each, schema
// versions this senmap understands (throws SchemaTooNew for a newer senmap's backup). Reads only.
BackupCopy check_backup(const std::filesystem::path& dir);

// Puts the checked backup in `dir` in place of `database` and its audit file (each in one
// transaction of the backup API), then brings the restored schema up to date. The caller holds the
// sync lock. Returns what was restored.
BackupCopy restore_database(const std::filesystem::path& dir, const std::filesystem::path& database);

// What an audit archive moved.
struct AuditArchive {
  std::filesystem::path file;
  std::int64_t audit_rows = 0;   // audit_log rows moved (reads and changes of SEN records)
  std::int64_t access_rows = 0;  // api_access_log rows moved (API requests)
  std::int64_t audit_rows_left = 0;
  std::int64_t access_rows_left = 0;
};

// Moves the audit file's rows from before `before` (YYYY-MM-DD) into `file` (an SQLite file the
// school keeps under its retention schedule: created owner-only, or appended to), in one
// transaction over both files: every row is in exactly one of them afterwards, which is checked by
// counting before the commit (a mismatch rolls everything back and throws StoreError).
AuditArchive archive_audit(Database& db, const std::string& before, const std::filesystem::path& file);

}  // namespace sm::store
