// The audit log: who read or changed which pupil's SEN record. Never holds SEN content. It lies
// in the audit file beside the database (Database::audit_file).
#pragma once
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
void insert_audit_row(Database& audit_file, const AuditRow& row);

// One request's audit rows, gathered while it runs so that they are written with the request's
// access-log row in one commit (store/audit_writer.hpp). Rows not taken by then (a request cut
// short by an error) are written when the batch ends.
struct AuditBatch {
  explicit AuditBatch(Database& db);
  ~AuditBatch();
  AuditBatch(const AuditBatch&) = delete;
  AuditBatch& operator=(const AuditBatch&) = delete;

  Database& db;
  std::vector<AuditRow> rows;

 private:
  AuditBatch* outer_;  // a batch already open on the connection: open again when this one ends
};

}  // namespace sm::store
