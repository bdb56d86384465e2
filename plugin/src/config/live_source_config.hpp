// A [[schools.sources]] table of a live MIS kind (xporter, wonde, arbor): its keys, defaults
// and checks. The secret's file or variable is recorded, never read here.
#pragma once
#include <filesystem>
#include <string>

#include "config/sync_config.hpp"
#include "config/table_reader.hpp"

namespace sm::config {

bool is_live_kind(const std::string& kind);

// Fills `source` (kind, live settings, lenient) from the table `reader` wraps, reporting every
// unknown, missing or malformed key with its line.
void read_live_source(TableReader& reader, const std::string& kind, const School& school, Source& source,
                      const std::filesystem::path& base);

}  // namespace sm::config
