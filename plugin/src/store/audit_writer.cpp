#include "store/audit_writer.hpp"

#include <iostream>

namespace sm::store {
namespace {

void insert_access(Database& audit_file, const AccessRow& row) {
  auto& s = audit_file.cached(
      "INSERT INTO api_access_log (at, actor, address, method, route, operation, upn, object, status, outcome) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
  s.bind(1, row.at).bind(2, row.actor).bind(3, row.address).bind(4, row.method).bind(5, row.route);
  auto optional = [&](int i, const std::string& v) { v.empty() ? s.bind_null(i) : s.bind(i, v); };
  optional(6, row.operation);
  optional(7, row.upn);
  optional(8, row.object);
  s.bind(9, static_cast<std::int64_t>(row.status)).bind(10, row.outcome).run();
}

void insert_rows(Database& audit_file, const RequestLog& log) {
  for (const auto& row : log.audit) insert_audit_row(audit_file, row);
  if (log.access) insert_access(audit_file, *log.access);
}

std::unique_ptr<Database> open_with_audit_file(const std::filesystem::path& database) {
  auto db = std::make_unique<Database>(database, false);
  db->audit_file();  // opened (created, migrated) before the thread starts: a bad one fails at start
  return db;
}

}  // namespace

AuditWriter::AuditWriter(const std::filesystem::path& database)
    : db_(open_with_audit_file(database)), thread_([this] { run(); }) {}

AuditWriter::~AuditWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void AuditWriter::submit(RequestLog log, std::function<void(bool)> written) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(log), std::move(written)});
  }
  wake_.notify_one();
}

void AuditWriter::run() {
  std::vector<Pending> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything written
      batch.swap(queue_);
    }
    bool written = false;
    for (int attempt = 1; !written && attempt <= 2; ++attempt) {  // once more after a passing failure
      try {
        auto& file = db_->audit_file();
        Transaction tx(file);
        for (const auto& p : batch) insert_rows(file, p.log);
        tx.commit();
        written = true;
      } catch (const std::exception& e) {
        // The store's own words (SQLite's): never a row, which names who read which pupil.
        std::cerr << "senmap serve: the audit file could not be written (attempt " << attempt << "): " << e.what()
                  << "\n";
      }
    }
    for (auto& p : batch) p.written(written);
    batch.clear();
  }
}

}  // namespace sm::store
