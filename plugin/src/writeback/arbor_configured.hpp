// The Arbor writeback target as the config describes it: a school's `kind = "arbor"` source
// with `writeback = true`. The store keeps the target's settings (never its password: only where
// the password lives) and a writeback run builds the HTTPS client and the target from them.
#pragma once
#include <memory>
#include <string>

#include "config/sync_config.hpp"
#include "store/database.hpp"
#include "writeback/target.hpp"

namespace sm::writeback {

// The settings kept in writeback_target.path for an Arbor target (JSON, no secret in it).
std::string arbor_target_settings(const config::School& school, const config::Source& source);

// Builds the target; throws std::runtime_error (e.g. the password file others can read) naming
// what to fix, which the writeback run reports for that target.
std::unique_ptr<Target> configured_arbor_target(store::Database& db, const std::string& settings_json);

}  // namespace sm::writeback
