#include "store/audit.hpp"

#include <chrono>

#include "model/dates.hpp"

namespace sm::store {

void insert_audit_row(Database& audit_file, const AuditRow& row) {
  auto& stmt = audit_file.cached("INSERT INTO audit_log (at, actor, action, upn) VALUES (?1, ?2, ?3, ?4)");
  stmt.bind(1, row.at).bind(2, row.actor).bind(3, row.action);
  if (row.upn.empty())
    stmt.bind_null(4);
  else
    stmt.bind(4, row.upn);
  stmt.run();
}

std::string utc_timestamp() {
  return model::format_utc(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

void audit(Database& db, std::string_view actor, std::string_view action, std::string_view upn) {
  AuditRow row{utc_timestamp(), std::string(actor), std::string(action), std::string(upn)};
  if (auto* batch = db.audit_batch()) {
    batch->rows.push_back(std::move(row));
    return;
  }
  insert_audit_row(db.audit_file(), row);
}

AuditBatch::AuditBatch(Database& database) : db(database), outer_(database.batch_) {
  db.batch_ = this;
}

AuditBatch::~AuditBatch() {
  db.batch_ = outer_;
  if (rows.empty()) return;
  try {
    auto& file = db.audit_file();
    Transaction tx(file);
    for (const auto& row : rows) insert_audit_row(file, row);
    tx.commit();
  } catch (...) {  // a destructor must not throw; the request's own error is already being reported
  }
}

}  // namespace sm::store
