#include "store/backup.hpp"

#include <sqlite3.h>

#include <array>
#include <system_error>

#include "store/migrations.hpp"
#include "store/private_file.hpp"

namespace sm::store {
namespace fs = std::filesystem;
namespace {

constexpr std::array<const char*, 2> kAuditTables{"audit_log", "api_access_log"};

// A plain connection to one file, for the backup API (a Database would migrate what it opens).
class Connection {
 public:
  Connection(const fs::path& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw StoreError("cannot open " + path.string() + ": " + why);
    }
    sqlite3_busy_timeout(db_, 10000);
  }
  ~Connection() { sqlite3_close(db_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  sqlite3* handle() const { return db_; }
  void exec(const std::string& sql, const fs::path& file) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string why = error ? error : sqlite3_errmsg(db_);
      sqlite3_free(error);
      throw StoreError(file.string() + ": " + why);
    }
  }
  // The first column of the first row, as text ("" when none).
  std::string value(const std::string& sql, const fs::path& file) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
      throw StoreError(file.string() + ": " + sqlite3_errmsg(db_));
    std::string out;
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) throw StoreError(file.string() + ": " + sqlite3_errmsg(db_));
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

// Copies all of source's "main" into destination's in one step: one read of the source, so one
// moment of it, while other connections go on writing (WAL).
void copy_database(Connection& source, Connection& destination, const fs::path& from, const fs::path& to) {
  sqlite3_backup* backup = sqlite3_backup_init(destination.handle(), "main", source.handle(), "main");
  if (!backup)
    throw StoreError("cannot copy " + from.string() + " to " + to.string() + ": " +
                     sqlite3_errmsg(destination.handle()));
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE)
    throw StoreError("copying " + from.string() + " to " + to.string() + " failed: " + sqlite3_errstr(rc));
}

void integrity_checked(Connection& c, const fs::path& file) {
  auto result = c.value("PRAGMA integrity_check", file);
  if (result != "ok") throw StoreError(file.string() + " fails PRAGMA integrity_check: " + result);
}

std::int64_t size_of(const fs::path& file) {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  return ec ? 0 : static_cast<std::int64_t>(size);
}

BackupCopy names_in(const fs::path& dir) {
  BackupCopy copy;
  copy.database = dir / "senmap.db";
  copy.audit = Database::audit_file_path(copy.database);
  return copy;
}

}  // namespace

BackupCopy backup_database(const fs::path& database, const fs::path& dir) {
  if (!fs::exists(database)) throw StoreError("cannot back up " + database.string() + ": no such database");
  auto copy = names_in(dir);
  fs::create_directories(dir);
  for (const auto& file : {copy.database, copy.audit})
    if (fs::exists(file)) throw StoreError(file.string() + " already exists: back up into a new, empty folder");
  const auto audit = Database::audit_file_path(database);
  if (!fs::exists(audit)) Database(database, false).audit_file();  // a database never read has none yet
  try {
    Connection source(database, SQLITE_OPEN_READONLY);
    Connection source_audit(audit, SQLITE_OPEN_READONLY);
    // One moment for both: a read transaction on each is open before either is copied.
    source.exec("BEGIN", database);
    source.value("SELECT COUNT(*) FROM sqlite_schema", database);
    source_audit.exec("BEGIN", audit);
    source_audit.value("SELECT COUNT(*) FROM sqlite_schema", audit);
    for (const auto& [from, to, connection] :
         {std::tuple{database, copy.database, &source}, std::tuple{audit, copy.audit, &source_audit}}) {
      prepare_private_file(to);
      Connection destination(to, SQLITE_OPEN_READWRITE);
      copy_database(*connection, destination, from, to);
      integrity_checked(destination, to);
    }
    source.exec("COMMIT", database);
    source_audit.exec("COMMIT", audit);
  } catch (...) {
    std::error_code ec;
    fs::remove(copy.database, ec);
    fs::remove(copy.audit, ec);
    throw;
  }
  return check_backup(dir);
}

BackupCopy check_backup(const fs::path& dir) {
  auto copy = names_in(dir);
  for (const auto& file : {copy.database, copy.audit})
    if (!fs::exists(file)) throw StoreError("not a senmap backup: " + file.string() + " is missing");
  Connection database(copy.database, SQLITE_OPEN_READONLY);
  Connection audit(copy.audit, SQLITE_OPEN_READONLY);
  integrity_checked(database, copy.database);
  integrity_checked(audit, copy.audit);
  copy.schema_version = std::stoi("0" + database.value("PRAGMA user_version", copy.database));
  copy.audit_schema_version = std::stoi("0" + audit.value("PRAGMA user_version", copy.audit));
  if (copy.schema_version > latest_schema_version())
    throw SchemaTooNew(copy.database.string() + " has schema version " + std::to_string(copy.schema_version) +
                       ", newer than this senmap understands (up to " + std::to_string(latest_schema_version()) +
                       "): restore it with the senmap that made it");
  copy.database_bytes = size_of(copy.database);
  copy.audit_bytes = size_of(copy.audit);
  return copy;
}

BackupCopy restore_database(const fs::path& dir, const fs::path& database) {
  auto copy = check_backup(dir);
  const auto audit = Database::audit_file_path(database);
  for (const auto& [from, to] : {std::pair{copy.database, database}, std::pair{copy.audit, audit}}) {
    prepare_private_file(to);
    Connection source(from, SQLITE_OPEN_READONLY);
    Connection destination(to, SQLITE_OPEN_READWRITE);
    copy_database(source, destination, from, to);
    integrity_checked(destination, to);
  }
  Database migrated(database, false);  // an older senmap's backup is brought up to date, as on open
  migrated.audit_file();
  return copy;
}

AuditArchive archive_audit(Database& db, const std::string& before, const fs::path& file) {
  AuditArchive out;
  out.file = file;
  auto& audit = db.audit_file();
  prepare_private_file(file);
  audit.prepare("ATTACH DATABASE ?1 AS archive").bind(1, file.string()).run();
  struct Detach {
    Database& audit;
    ~Detach() {
      try {
        audit.exec("DETACH DATABASE archive");
      } catch (...) {
      }
    }
  } detach{audit};
  auto count = [&](const std::string& sql) {
    auto s = audit.prepare(sql);
    s.bind(1, before);
    s.step();
    return s.integer(0);
  };
  Transaction transaction(audit);
  for (const char* table : kAuditTables) {
    const std::string t = table;
    // Columns and types without the keys: rows of several archives (ids may repeat after a whole
    // file was archived) sit side by side.
    audit.exec(
        ("CREATE TABLE IF NOT EXISTS archive." + t).append(" AS SELECT * FROM main.").append(t).append(" WHERE 0"));
    const auto here = count("SELECT COUNT(*) FROM main." + t + " WHERE ?1 = ?1");
    const auto archived = count("SELECT COUNT(*) FROM archive." + t + " WHERE ?1 = ?1");
    auto copy =
        audit.prepare(("INSERT INTO archive." + t).append(" SELECT * FROM main.").append(t).append(" WHERE at < ?1"));
    copy.bind(1, before).run();
    const auto moved = static_cast<std::int64_t>(audit.changes());
    auto remove = audit.prepare("DELETE FROM main." + t + " WHERE at < ?1");
    remove.bind(1, before).run();
    const auto left = count("SELECT COUNT(*) FROM main." + t + " WHERE ?1 = ?1");
    const auto now_archived = count("SELECT COUNT(*) FROM archive." + t + " WHERE ?1 = ?1");
    if (audit.changes() != moved || left + moved != here || now_archived != archived + moved)
      throw StoreError("archiving " + t + " to " + file.string() + " did not account for every row (" +
                       std::to_string(here) + " before, " + std::to_string(moved) + " moved, " + std::to_string(left) +
                       " left): nothing was moved");
    (t == "audit_log" ? out.audit_rows : out.access_rows) = moved;
    (t == "audit_log" ? out.audit_rows_left : out.access_rows_left) = left;
  }
  transaction.commit();
  return out;
}

}  // namespace sm::store
