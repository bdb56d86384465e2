#include "store/audit.hpp"

#include <chrono>

#include "model/dates.hpp"
#include "store/relaxed_sync.hpp"

namespace sm::store {

std::string utc_timestamp() { return model::format_utc(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())); }

void audit(Database& db, std::string_view actor, std::string_view action, std::string_view upn) {
  RelaxedSync relaxed(db);  // a read's audit row is not a staff edit: no fsync per page view
  auto& stmt = db.cached("INSERT INTO audit_log (at, actor, action, upn) VALUES (?1, ?2, ?3, ?4)");
  stmt.bind(1, utc_timestamp()).bind(2, actor).bind(3, action);
  if (upn.empty()) stmt.bind_null(4); else stmt.bind(4, upn);
  stmt.run();
}

}  // namespace sm::store
