// [serve] in the config: the server's settings (listen address, certificate and key, frame
// ancestors, sessions, workers, connection limits), checked like every other table.
#pragma once
#include <toml++/toml.h>

#include <filesystem>

#include "config/sync_config.hpp"

namespace sm::config {

// Reads [serve] into out.config.serve; relative paths are taken from `base` (the config's folder).
void read_serve(const toml::table& table, const std::filesystem::path& base, ConfigResult& out,
                const std::filesystem::path& file);

}  // namespace sm::config
