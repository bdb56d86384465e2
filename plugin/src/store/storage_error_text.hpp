// What a technician reads when SQLite fails: which file (the database or the audit file beside
// it), what went wrong in plain words, and what to do. Only storage failures get the file and the
// advice; a failed constraint is the caller's to explain.
#pragma once
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace sm::store {

// "<what>: <SQLite's message> (<file>): <what to do>" for a failure on this connection (no
// "<what>: " when it is empty).
std::string storage_error_text(sqlite3* db, std::string_view what);

// The same for a file that could not be opened at all (no connection to ask).
std::string open_error_text(const std::filesystem::path& path, int system_errno, std::string_view sqlite_message);

}  // namespace sm::store
