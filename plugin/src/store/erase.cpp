#include "store/erase.hpp"

#include "store/pupil_rows.hpp"

namespace sm::store {

ErasedPupil erase_pupil(Database& db, std::int64_t pupil_id, const std::string& upn) {
  ErasedPupil out;
  for (const auto& table : upn_tables()) {
    auto remove = db.prepare("DELETE FROM " + table + " WHERE upn = ?1");
    remove.bind(1, upn);
    remove.run();
    if (db.changes() > 0) out.rows[table] += db.changes();
  }
  for (const auto& [table, where] : pupil_tables(db)) {
    auto remove = db.prepare(("DELETE FROM " + table).append(" WHERE ").append(where));
    remove.bind(1, pupil_id);
    remove.run();
    if (db.changes() > 0) out.rows[table] += db.changes();
  }
  auto& audit = db.audit_file();
  for (const char* table : {"audit_log", "api_access_log"}) {
    auto s = audit.prepare(std::string("SELECT COUNT(*) FROM ") + table + " WHERE upn = ?1");
    s.bind(1, upn);
    s.step();
    out.audit_rows_kept += s.integer(0);
  }
  return out;
}

}  // namespace sm::store
