#include "store/database.hpp"

#include <vector>

#include "store/migrations.hpp"
#include "store/storage_error_text.hpp"

namespace sm::store {

// Idle statements by their SQL. Bounded: SQL built with values in it would otherwise pile up.
struct StatementPool {
  static constexpr std::size_t kMaxIdle = 512;
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> idle;
  std::size_t count = 0;

  sqlite3_stmt* take(std::string_view sql) {
    auto it = idle.find(std::string(sql));
    if (it == idle.end() || it->second.empty()) return nullptr;
    auto* stmt = it->second.back();
    it->second.pop_back();
    --count;
    return stmt;
  }
  // False when full: the caller finalizes the statement instead.
  bool give_back(sqlite3_stmt* stmt) {
    if (count >= kMaxIdle) return false;
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    idle[sqlite3_sql(stmt)].push_back(stmt);
    ++count;
    return true;
  }
  ~StatementPool() {
    for (auto& [sql, list] : idle)
      for (auto* stmt : list) sqlite3_finalize(stmt);
  }
};

void throw_sqlite(sqlite3* db, std::string_view what) {
  throw StoreError(storage_error_text(db, what));
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
    throw_sqlite(db, "preparing a query");
}

Statement::Statement(sqlite3* db, std::string_view sql, const std::shared_ptr<StatementPool>& pool)
    : db_(db), pool_(pool) {
  stmt_ = pool->take(sql);
  if (stmt_) return;
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) !=
      SQLITE_OK) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    throw_sqlite(db, "preparing a query");
  }
  // Pooled under the text SQLite keeps (without a trailing ';' or spaces): other text is not pooled.
  if (std::string_view(sqlite3_sql(stmt_)) != sql) pool_.reset();
}

Statement::~Statement() {
  if (!stmt_) return;
  auto pool = pool_.lock();
  if (!pool || !pool->give_back(stmt_)) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_), pool_(std::move(other.pool_)) {
  other.stmt_ = nullptr;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    throw_sqlite(db_, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) throw_sqlite(db_, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind(int index, const std::optional<int>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_borrowed(int index, std::string_view text) {
  if (text.empty()) return bind_null(index);
  if (sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC) != SQLITE_OK)
    throw_sqlite(db_, "binding a value");
  return *this;
}

Statement& Statement::bind_real(int index, double value) {
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) throw_sqlite(db_, "binding a value");
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) throw_sqlite(db_, "binding a value");
  return *this;
}

Statement& Statement::bind_blob(int index, const void* data, int size) {
  if (sqlite3_bind_blob(stmt_, index, data, size, SQLITE_TRANSIENT) != SQLITE_OK) throw_sqlite(db_, "binding a value");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite(db_, "running a query");
}

void Statement::run() {
  step();
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::optional<std::int64_t> Statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Database::Database(const std::filesystem::path& path, bool create) : Database(path, create, Kind::database) {}

Database::Database(const std::filesystem::path& path, bool create, Kind kind)
    : pool_(std::make_shared<StatementPool>()), path_(path) {
  std::error_code ignored;
  const bool in_memory = path.empty() || path == ":memory:";
  const bool is_new = create && !in_memory && !std::filesystem::exists(path, ignored);
  // One connection per handle, used by one thread at a time (senmap.h says so): no mutexes.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    int system_errno = db_ ? sqlite3_system_errno(db_) : 0;
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(open_error_text(path, system_errno, message));
  }
  try {
    // Special category data about children: a new database is readable by its owner only
    // (SQLite gives the -wal and -shm files the same permissions).
    if (is_new)
      std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    sqlite3_busy_timeout(db_, 5000);
    sqlite3_extended_result_codes(db_, 1);
    exec("PRAGMA journal_mode = WAL");
    if (kind == Kind::audit_file) {
      // Rows of reads and requests, not staff edits: atomic and safe if the process dies, and no
      // fsync per request (only a power cut can lose the last few before a checkpoint).
      exec("PRAGMA synchronous = NORMAL");
      migrate_audit_file(*this);
    } else {
      exec("PRAGMA foreign_keys = ON");
      // Staff edits must survive a power cut; imports relax this inside their own run.
      exec("PRAGMA synchronous = FULL");
      // A school's whole import fits in one transaction's cache (a 2,000-pupil school is ~3 MB),
      // so SQLite need not spill dirty pages to the WAL part way through.
      exec("PRAGMA cache_size = -16384");
      migrate(*this);
    }
  } catch (...) {
    cache_.clear();
    pool_.reset();  // its statements are finalized before the connection closes
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

Database::~Database() {
  audit_file_.reset();
  cache_.clear();  // statements are finalized before the connection closes
  pool_.reset();
  sqlite3_close(db_);
}

void Database::reset_cached() {
  for (auto& [sql, statement] : cache_) statement->reset();
}

Statement& Database::cached(const std::string& sql) {
  auto& slot = cache_[sql];
  if (!slot)
    slot = std::make_unique<Statement>(db_, sql);
  else
    slot->reset();
  return *slot;
}

void Database::exec(std::string_view sql) {
  std::string owned(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    sqlite3_free(message);  // the same words as the connection's own message, which names the file
    throw StoreError(storage_error_text(db_, ""));
  }
}

int Database::schema_version() {
  auto stmt = prepare("PRAGMA user_version");
  stmt.step();
  return static_cast<int>(stmt.integer(0));
}

std::uint32_t Database::data_version() {
  // The pager reads the version when a read begins: the pragma begins one (or joins the snapshot's).
  auto& pragma = cached("PRAGMA main.data_version");
  pragma.step();
  pragma.reset();
  unsigned int version = 0;
  if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_DATA_VERSION, &version) != SQLITE_OK)
    throw_sqlite(db_, "reading the data version");
  return version;
}

std::filesystem::path Database::audit_file_path(const std::filesystem::path& database) {
  if (database.empty() || database == ":memory:") return ":memory:";
  auto name = database.stem().string() + "-audit" + database.extension().string();
  return database.parent_path() / name;
}

Database& Database::audit_file() {
  if (!audit_file_) audit_file_.reset(new Database(audit_file_path(path_), true, Kind::audit_file));
  return *audit_file_;
}

Transaction::Transaction(Database& db) : db_(db) {
  if (sqlite3_get_autocommit(db_.handle())) {
    db_.exec("BEGIN IMMEDIATE");
  } else {
    static thread_local unsigned counter = 0;
    savepoint_ = "senmap_" + std::to_string(++counter);
    db_.exec("SAVEPOINT " + savepoint_);
  }
}

Transaction::~Transaction() {
  if (done_) return;
  db_.reset_cached();
  if (savepoint_.empty()) {
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  } else {
    auto undo = "ROLLBACK TO " + savepoint_ + "; RELEASE " + savepoint_;
    sqlite3_exec(db_.handle(), undo.c_str(), nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  db_.reset_cached();
  db_.exec(savepoint_.empty() ? std::string("COMMIT") : "RELEASE " + savepoint_);
  done_ = true;
}

ReadSnapshot::ReadSnapshot(Database& db) : db_(db), active_(sqlite3_get_autocommit(db.handle()) != 0) {
  if (active_) db_.exec("BEGIN");
}

ReadSnapshot::~ReadSnapshot() {
  if (!active_) return;
  db_.reset_cached();
  sqlite3_exec(db_.handle(), "COMMIT", nullptr, nullptr, nullptr);
}

}  // namespace sm::store
