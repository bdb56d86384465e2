#include "store/storage_error_text.hpp"

#include <cstring>
#include <system_error>

namespace sm::store {
namespace {

std::string folder_of(const std::filesystem::path& file) {
  auto folder = file.parent_path();
  return folder.empty() ? std::string(".") : folder.string();
}

std::string system_reason(int system_errno) {
  return system_errno ? std::generic_category().message(system_errno) : std::string();
}

// The advice for one storage failure, or empty when it is not one (a constraint, a busy lock...).
std::string advice(int code, const std::filesystem::path& file, int system_errno) {
  const auto reason = system_reason(system_errno);
  switch (code & 0xff) {
    case SQLITE_FULL:
      return "the disk holding " + folder_of(file) +
             " is full: nothing of this step was kept (its transaction rolled back); free space there and run it again";
    case SQLITE_READONLY:
      return file.string() + " cannot be written: the user running senmap must own it, its -wal and -shm files and " +
             "the folder " + folder_of(file) + ", on a disk not mounted read-only";
    case SQLITE_CANTOPEN:
      return (reason.empty() ? std::string() : reason + "; ") + "check that the folder " + folder_of(file) +
             " exists and that the user running senmap may read and write it";
    case SQLITE_IOERR:
      return "reading or writing " + file.string() + " failed" + (reason.empty() ? "" : " (" + reason + ")") +
             ": check the disk; nothing of this step was kept";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return file.string() + " is damaged or is not a senmap database: restore it and its audit file from the backup";
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return "the system refused access to " + file.string() + (reason.empty() ? "" : " (" + reason + ")");
    default:
      return {};
  }
}

}  // namespace

std::string storage_error_text(sqlite3* db, std::string_view what) {
  const std::string prefix = what.empty() ? std::string() : std::string(what) + ": ";
  if (!db) return prefix + "out of memory";
  std::string text = prefix + sqlite3_errmsg(db);
  const char* name = sqlite3_db_filename(db, "main");
  std::filesystem::path file = name && *name ? name : ":memory:";
  auto help = advice(sqlite3_extended_errcode(db), file, sqlite3_system_errno(db));
  if (!help.empty()) text += " (" + file.string() + "): " + help;
  return text;
}

std::string open_error_text(const std::filesystem::path& path, int system_errno, std::string_view sqlite_message) {
  auto help = advice(SQLITE_CANTOPEN, path, system_errno);
  return "cannot open database '" + path.string() + "': " + std::string(sqlite_message) + ": " + help;
}

}  // namespace sm::store
