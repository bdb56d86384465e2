// backup.create, backup.restore and audit.archive: the database and its audit file copied, put back
// and trimmed by the school's IT technician (senmap backup, restore, audit archive). Like staff roles
// and tokens they are the server's own command line's alone (http/access.cpp: local_only). Each is
// audited: a backup is a copy of every pupil's SEN record.
#include <boost/json.hpp>

#include "model/dates.hpp"
#include "ops/operation.hpp"
#include "store/audit.hpp"
#include "store/backup.hpp"
#include "sync/sync_lock.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

json::object copy_json(const store::BackupCopy& copy) {
  return {{"database", copy.database.string()},    {"audit_file", copy.audit.string()},
          {"database_bytes", copy.database_bytes}, {"audit_file_bytes", copy.audit_bytes},
          {"schema_version", copy.schema_version}, {"audit_schema_version", copy.audit_schema_version}};
}

const std::filesystem::path& database_file(Context& context) {
  const auto& path = context.db.path();
  if (path.empty() || path == ":memory:") throw InvalidRequest("", "an in-memory database has no file to back up");
  return path;
}

json::value backup_create(Context& context, const json::object& r) {
  const auto& database = database_file(context);
  auto copy = store::backup_database(database, text_field(r, "out"));
  return copy_json(copy);
}

json::value backup_restore(Context& context, const json::object& r) {
  const auto& database = database_file(context);
  // The nightly sync must not write between the two files' restores; a running server may go on
  // reading (it sees the restored data at its next read).
  sync::SyncLock lock(database);
  if (!lock.held()) throw InvalidRequest("", lock.refusal() + ": restore when it has finished");
  auto copy = store::restore_database(text_field(r, "from"), database);
  auto out = copy_json(copy);
  out["restored_into"] = database.string();
  return out;
}

json::value audit_archive(Context& context, const json::object& r) {
  auto before = date_field(r, "before");
  if (before > context.today) throw InvalidRequest("before", "must not be after today");
  auto archived = store::archive_audit(context.db, model::format_date(before), text_field(r, "out"));
  return json::object{{"file", archived.file.string()},
                      {"before", model::format_date(before)},
                      {"audit_rows_moved", archived.audit_rows},
                      {"access_rows_moved", archived.access_rows},
                      {"audit_rows_left", archived.audit_rows_left},
                      {"access_rows_left", archived.access_rows_left}};
}

}  // namespace

void add_backup_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"backup.create",
                 "A consistent copy of the database and its audit file, taken while syncs and the server run: "
                 "OUT/senmap.db and OUT/senmap-audit.db, owner-only, each integrity-checked",
                 false,
                 {{"out", F::string, true, "a new or empty folder for the copy"}},
                 backup_create});
  out.push_back({"backup.restore",
                 "Puts a backup (a folder made by backup.create) in place of the database and its audit file, "
                 "after checking both (integrity, schema version); refused while a sync runs",
                 false,
                 {{"from", F::string, true, "the backup folder, holding senmap.db and senmap-audit.db"}},
                 backup_restore});
  out.push_back({"audit.archive",
                 "Moves the audit and access log rows from before a date into a separate file the school keeps "
                 "under its retention schedule (appended to if it exists); every row ends in exactly one of them",
                 false,
                 {{"before", F::date, true, "rows from before this day move (YYYY-MM-DD)"},
                  {"out", F::string, true, "the archive file (SQLite), created owner-only"}},
                 audit_archive});
}

}  // namespace sm::ops
