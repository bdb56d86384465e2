// The nightly job's configuration file (TOML): the database, the schools, their term dates and
// where each school's data arrives. See packaging/senmap.example.toml.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "model/dates.hpp"
#include "model/pupil_record.hpp"
#include "model/rule_settings.hpp"
#include "model/statutory_clock.hpp"

namespace sm::config {

struct Term {
  std::string name;
  model::Date start{}, end{};
};

enum class SourceKind { ctf_folder, oneroster };

struct Source {
  SourceKind kind = SourceKind::ctf_folder;
  std::filesystem::path path;        // the drop folder, or the OneRoster folder / .zip
  std::filesystem::path archive;     // ctf-folder: where processed files go (default path/archive)
  std::filesystem::path quarantine;  // ctf-folder: where refused files go (default path/quarantine)
  bool lenient = false;
  std::string name;  // for messages and the journal: "938-4123 ctf-folder"
};

struct School {
  model::SchoolRef ref;
  std::vector<Term> terms;
  std::vector<Source> sources;
};

// [[writeback]]: where the MIS learns what senmap knows (today a CSV file for its bulk import).
struct WritebackTarget {
  std::string name, kind;
  std::filesystem::path path;
};

struct SyncConfig {
  std::filesystem::path file;
  std::filesystem::path database;
  std::vector<School> schools;
  // [clock]: the EHC statutory clock's durations where the LA words them differently; each
  // configured value records its file and line as its source.
  model::ClockRules clock;
  // [rules]: flag rules switched off (off = ["rule_id"]) and thresholds.
  model::RuleSettings rules;
  std::vector<WritebackTarget> writeback;
};

struct ConfigProblem {
  std::string file;
  std::size_t line = 0;
  std::string key;   // e.g. schools[2].sources[1].kind
  std::string rule;
};

struct ConfigResult {
  SyncConfig config;
  std::vector<ConfigProblem> problems;  // non-empty: the config must not be used
};

// Reads and checks the whole file; relative paths are taken from the file's own folder.
ConfigResult load_sync_config(const std::filesystem::path& file);

}  // namespace sm::config
