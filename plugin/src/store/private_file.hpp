// Files senmap writes that hold pupil data (exports, the writeback CSV, a CTF for the MIS, error
// lists) are owner-only, as the database is, whatever the process's umask.
#pragma once
#include <filesystem>

namespace sm::store {

// Creates the file owner-only (0600) if it is missing, and narrows an existing file to 0600,
// before anything is written to it; an ofstream opened on it afterwards keeps those permissions.
// Throws std::runtime_error naming the file and the system's reason when it cannot.
void prepare_private_file(const std::filesystem::path& file);

}  // namespace sm::store
