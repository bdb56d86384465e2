// The audit log: who read or changed which pupil's SEN record. Never holds SEN content. It lies
// in the audit file beside the database (Database::audit_file).
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace sm::store {

// Records one access. `upn` is empty for reads of many pupils at once (e.g. the register).
// Written at once, or, while an AuditBatch is open on the connection, with the batch.
void audit(Database& db, std::string_view actor, std::string_view action, std::string_view upn = {});

// Current UTC time as YYYY-MM-DDTHH:MM:SSZ.
std::string utc_timestamp();

struct AuditRow {
  std::string at, actor, action, upn;  // upn empty for a read of many pupils
};

// One request's audit rows, gathered while it runs and written by write() in one transaction of
// the audit file together with the request's access-log row: one commit per request, not one per
// row. Rows still held when the batch ends (a request cut short by an error) are written then.
struct AuditBatch {
  explicit AuditBatch(Database& db);
  ~AuditBatch();
  AuditBatch(const AuditBatch&) = delete;
  AuditBatch& operator=(const AuditBatch&) = delete;

  // Writes the rows, then runs `also` on the audit file in the same transaction.
  void write(const std::function<void(Database& audit_file)>& also = {});

  Database& db;
  std::vector<AuditRow> rows;
};

}  // namespace sm::store
