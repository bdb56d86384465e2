// One CTF file into the store, as one transaction: all of it (or, lenient, all its valid
// pupils) or nothing.
#pragma once
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "model/problem.hpp"
#include "store/database.hpp"

namespace sm::sync {

struct ImportOptions {
  bool lenient = false;  // import the valid pupils and report the rest, instead of refusing the file
};

struct ImportReport {
  std::string file;
  std::string checksum;  // XXH3-128 of the file's bytes
  std::size_t file_bytes = 0;
  std::string ctf_version;
  std::string ctf_datetime;
  std::string school_la, school_estab, school_name;
  bool applied = false;            // the store changed (or would have, had anything differed)
  bool skipped_unchanged = false;  // this exact file was imported before: nothing to do
  bool file_rejected = false;      // the file itself is unusable (not XML, not a CTF, DOCTYPE...)
  std::size_t pupils_in_file = 0, added = 0, changed = 0, unchanged = 0, rejected = 0, not_applied = 0;
  std::size_t left = 0;  // pupils of the school a full CTF no longer lists
  std::vector<model::Problem> problems;
  std::vector<model::Problem> warnings;
  std::string source = "ctf";                  // ctf | oneroster
  std::map<std::string, std::size_t> details;  // per record kind, for sources with many kinds

  // Strict mode refuses a file with any problem; lenient refuses only an unusable file.
  bool refused(const ImportOptions& options) const { return file_rejected || (!options.lenient && !problems.empty()); }
};

// True when the journal holds an applied run of this checksum: the same input again changes nothing
// (a CTF file, a OneRoster bundle, a host's batch).
bool already_applied(store::Database& db, const std::string& checksum);

ImportReport import_ctf(store::Database& db, const std::filesystem::path& file, const ImportOptions& options);

}  // namespace sm::sync
