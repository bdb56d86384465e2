// One live MIS source (Xporter, Wonde, Arbor) of one school into the store: read over HTTPS
// first, outside any transaction, then applied in one transaction together with the delta
// cursors it covers, or not at all.
#pragma once
#include <string>

#include "config/sync_config.hpp"
#include "store/database.hpp"
#include "sync/ctf_import.hpp"

namespace sm::sync {

struct LiveImportOptions {
  bool full = false;  // read everything again (`sync --full`) and reconcile
  std::string today;  // YYYY-MM-DD
};

// The report's `problems` say why a read was refused (strict) or which records were left out
// (lenient). Throws std::runtime_error (the service, the network, the secret) with a message
// a technician can act on and no secret in it; nothing is stored then.
ImportReport import_live(store::Database& db, const config::School& school, const config::Source& source,
                         const LiveImportOptions& options);

}  // namespace sm::sync
