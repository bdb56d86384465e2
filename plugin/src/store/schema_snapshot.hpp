// The schema every migration leaves, as one script: how a new database is made.
#pragma once
#include <string_view>

namespace sm::store {

// store/schema.sql, compiled in (plugin/CMakeLists.txt): CREATE statements in the order SQLite
// holds them, ending "PRAGMA user_version = N" for the migration it stands for.
std::string_view schema_snapshot();

}  // namespace sm::store
