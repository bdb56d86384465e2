// RAII over SQLite: a connection, prepared statements and transactions.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sm::store {

// A storage failure (I/O, corruption, a constraint the code did not expect).
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database was written by a newer senmap: refuse rather than guess its schema.
class SchemaTooNew : public StoreError {
 public:
  using StoreError::StoreError;
};

// Statements a connection has finished with, kept prepared for the next prepare() of the same SQL:
// parsing a query cost as much as running it in the server's per-request reads.
struct StatementPool;

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  // A statement taken from (or new for) the pool: given back to it, reset, when destroyed.
  Statement(sqlite3* db, std::string_view sql, const std::shared_ptr<StatementPool>& pool);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;

  // Binds by position (1-based). Empty optionals bind NULL.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind_real(int index, double value);
  Statement& bind(int index, const std::optional<std::string>& text);
  Statement& bind(int index, const std::optional<int>& value);
  Statement& bind_null(int index);
  // Binds bytes without copying them (SQLITE_STATIC): the caller keeps them alive until the
  // statement is reset. Empty text binds NULL. For the import's hot path only.
  Statement& bind_borrowed(int index, std::string_view text);
  Statement& bind_blob(int index, const void* data, int size);

  bool step();  // true while a row is available
  void run();   // steps a statement that returns no rows, then resets it
  void reset();

  std::string text(int column) const;
  // The column's text without a copy: valid until the next step or reset (hot loops only).
  std::string_view text_view(int column) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string_view();
  }
  std::optional<std::string> optional_text(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  std::optional<std::int64_t> optional_integer(int column) const;
  bool is_null(int column) const;
  int column_count() const { return sqlite3_column_count(stmt_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::weak_ptr<StatementPool> pool_;  // empty for a statement of its own
};

struct AuditBatch;

class Database {
 public:
  // Opens (creating if asked) and brings the schema up to date.
  Database(const std::filesystem::path& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  // A statement for this SQL, reset and with no values bound: pooled, so the same SQL prepared
  // again (each request, each row) is not parsed again.
  Statement prepare(std::string_view sql) { return Statement(db_, sql, pool_); }
  // A statement prepared once per connection and reset for each use: for queries run per row
  // of an import, where parsing the SQL each time would cost more than running it.
  Statement& cached(const std::string& sql);
  // Ends any cached query left part-way (a COMMIT cannot run while a read is in progress).
  void reset_cached();
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() { return db_; }
  // The file this connection opened (":memory:" for none).
  const std::filesystem::path& path() const { return path_; }
  int schema_version();
  // The main database's data version: it moves with every commit to it, by this connection or any
  // other, even in another process (SQLITE_FCNTL_DATA_VERSION). Inside a ReadSnapshot it is the
  // snapshot's. Writes to the audit file do not move it.
  std::uint32_t data_version();

  // The audit file beside the database ("senmap.db" -> "senmap-audit.db"): the audit log of reads
  // and the access log of API requests. Kept apart because a server writes a row there for every
  // request: in the database itself each row would move its data version and empty every other
  // connection's page cache, so the second reader of a class map paid as much as the first.
  // Opened (and created, owner-only) on first use, on a connection of its own.
  Database& audit_file();
  static std::filesystem::path audit_file_path(const std::filesystem::path& database);
  // The request's audit rows, gathered to be written in one transaction with its access-log row.
  AuditBatch* audit_batch() { return batch_; }

 private:
  friend struct AuditBatch;
  enum class Kind { database, audit_file };
  Database(const std::filesystem::path& path, bool create, Kind kind);

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
  std::shared_ptr<StatementPool> pool_;
  std::filesystem::path path_;
  std::unique_ptr<Database> audit_file_;
  AuditBatch* batch_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back unless committed (exceptions, early returns).
// Inside another transaction it is a SAVEPOINT: a sync run can hold one transaction for a whole
// source while each file in it still succeeds or is refused on its own.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  std::string savepoint_;  // empty for an outermost transaction
  bool done_ = false;
};

// A read of many rows that must all be of one moment (every class map of a print run): a
// deferred BEGIN, so no write lock is taken and the nightly sync is never held up. Ends with the
// scope; inside another transaction it does nothing (that one is already a snapshot).
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& db_;
  bool active_;
};

[[noreturn]] void throw_sqlite(sqlite3* db, std::string_view what);

}  // namespace sm::store
