// One pupil's audit trail for the SENCO: who read their SEN record, who changed it, and every API
// request about them with the address it came from. Reads and requests are in the audit file,
// changes in the database's change log: the newest of each, merged newest first.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace sm::http {

struct AuditLine {
  std::string at, actor;
  std::string kind;                    // read | change | request
  std::string what;                    // the action or operation; for a request "route -> status outcome"
  std::optional<std::string> address;  // a request's
};

std::vector<AuditLine> audit_trail(store::Database& db, const std::string& upn, std::size_t limit = 1000);

}  // namespace sm::http
