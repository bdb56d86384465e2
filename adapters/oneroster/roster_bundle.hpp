// A OneRoster CSV bundle as delivered: a folder of CSV files, or a .zip of them.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace sm::oneroster {

class RosterBundle {
 public:
  // Reads every *.csv in the folder or zip (names without any folder part). On failure
  // `error()` says why (not found, not a zip, unreadable).
  static RosterBundle open(const std::filesystem::path& path);

  const std::optional<std::string>& error() const { return error_; }
  const std::filesystem::path& path() const { return path_; }
  // The bytes of a file such as "users.csv"; empty when the bundle has no such file.
  const std::string* file(const std::string& name) const;
  // Where a file is, for messages: "<bundle>/users.csv".
  std::string location(const std::string& name) const;
  std::size_t total_bytes() const;
  std::string checksum() const;  // XXH3-128 over every file's name and bytes, in name order

 private:
  std::filesystem::path path_;
  std::map<std::string, std::string> files_;
  std::optional<std::string> error_;
};

}  // namespace sm::oneroster
