// The Arbor writeback target of a school whose `kind = "arbor"` source has `writeback = true`,
// built from the settings the store keeps for it. The store keeps the target's settings (never its password: only where
// the password lives; sync/sync_run.cpp writes them) and a writeback run builds the HTTPS client
// and the target from them.
#pragma once
#include <memory>
#include <string>

#include "store/database.hpp"
#include "writeback/target.hpp"

namespace sm::writeback {

// Builds the target from the settings kept in writeback_target.path (JSON: la, estab, url, user,
// application_id, password_file or password_env, ca_file, flags_field, timeouts); throws std::runtime_error (e.g. the
// password file others can read) naming what to fix, which the writeback run reports for that target.
std::unique_ptr<Target> configured_arbor_target(store::Database& db, const std::string& settings_json);

}  // namespace sm::writeback
