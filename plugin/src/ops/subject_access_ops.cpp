// pupil.export: a subject access request's answer, everything senmap holds about one pupil: every row
// of every table about them (store/pupil_rows: found from the schema, so nothing added later is
// missed), the rows naming them by UPN, and the audit trail of who read or changed their record.
#include <sqlite3.h>

#include <boost/json.hpp>
#include <memory>

#include "ops/operation.hpp"
#include "store/audit.hpp"
#include "store/pupil_rows.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// The pupil a query's ?1 names: their row id, or their UPN for the tables that name them by it.
struct Key {
  std::int64_t id = 0;
  const std::string* upn = nullptr;
};

// Every row a query returns, as objects by column name, values as SQLite typed them (the store's
// Statement reads columns by position; an export needs their names).
json::array rows_of(store::Database& db, const std::string& sql, Key key) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
    store::throw_sqlite(db.handle(), "reading a pupil's rows");
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (key.upn)
    sqlite3_bind_text(raw, 1, key.upn->c_str(), static_cast<int>(key.upn->size()), SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64(raw, 1, key.id);
  json::array out;
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    json::object row;
    for (int c = 0; c < sqlite3_column_count(raw); ++c) {
      const char* name = sqlite3_column_name(raw, c);
      switch (sqlite3_column_type(raw, c)) {
        case SQLITE_INTEGER:
          row[name] = sqlite3_column_int64(raw, c);
          break;
        case SQLITE_FLOAT:
          row[name] = sqlite3_column_double(raw, c);
          break;
        case SQLITE_NULL:
          row[name] = nullptr;
          break;
        default: {
          auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, c));
          row[name] = std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(raw, c)));
        }
      }
    }
    out.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) store::throw_sqlite(db.handle(), "reading a pupil's rows");
  return out;
}

json::value export_pupil(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto id = pupil_id_of(context.db, upn, false);
  json::object tables;
  for (const auto& [table, where] : store::pupil_tables(context.db)) {
    auto rows = rows_of(context.db, ("SELECT * FROM " + table).append(" WHERE ").append(where), {id, nullptr});
    if (!rows.empty()) tables[table] = std::move(rows);
  }
  for (const auto& table : store::upn_tables()) {
    auto rows = rows_of(context.db, "SELECT * FROM " + table + " WHERE upn = ?1", {0, &upn});
    if (!rows.empty()) tables[table] = std::move(rows);
  }
  auto& audit = context.db.audit_file();
  json::object trail{
      {"reads_and_changes",
       rows_of(audit, "SELECT at, actor, action FROM audit_log WHERE upn = ?1 ORDER BY id", {0, &upn})},
      {"api_requests", rows_of(audit,
                               "SELECT at, actor, method, route, operation, status, outcome FROM api_access_log "
                               "WHERE upn = ?1 ORDER BY id",
                               {0, &upn})}};
  return json::object{{"upn", upn},
                      {"exported_at", store::utc_timestamp()},
                      {"tables", std::move(tables)},
                      {"audit_trail", std::move(trail)}};
}

}  // namespace

void add_subject_access_operations(std::vector<Operation>& out) {
  out.push_back({"pupil.export",
                 "Everything senmap holds about one pupil, for a subject access request: every row of every table "
                 "about them and the audit trail of who read or changed their record",
                 false,
                 {{"upn", FieldType::string, true, "the pupil's UPN (a pupil who has left too)"}},
                 export_pupil,
                 "pupil.export"});
}

}  // namespace sm::ops
