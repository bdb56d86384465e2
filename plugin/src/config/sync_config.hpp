// The nightly job's configuration file (TOML): the database, the schools, their term dates and
// where each school's data arrives. See packaging/senmap.example.toml.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "live/secret.hpp"
#include "model/dates.hpp"
#include "model/pupil_record.hpp"
#include "model/rule_settings.hpp"
#include "model/statutory_clock.hpp"

namespace sm::config {

struct Term {
  std::string name;
  model::Date start{}, end{};
};

// host: the program embedding senmap hands each school's batch to senmap_sync (its host_source
// callback): no path, no address, no secret here.
enum class SourceKind { ctf_folder, oneroster, xporter, wonde, arbor, host };

// A live MIS service (Xporter, Wonde, Arbor): where it is, who senmap is to it, where its secret
// lives (never the secret itself), and the limits that keep a misbehaving server from hanging
// or flooding a nightly sync.
struct LiveSettings {
  std::string url;
  std::string estab;           // xporter: LA + establishment number (7 digits)
  std::string relying_party;   // xporter
  std::string school_id;       // wonde
  std::string user;            // arbor
  std::string application_id;  // arbor: optional x-mis-application-id
  live::SecretRef secret;      // secret_file / token_file / password_file, or *_env
  std::string ca_file;         // trusted besides the system store (a web filter's own CA)
  int connect_timeout_seconds = 10, read_timeout_seconds = 60;
  std::size_t request_budget = 100000, max_in_flight = 4, max_pages = 2000, page_size = 0;  // 0: the vendor's default
  int full_every_days = 7;  // a full read at least this often reconciles what deltas missed
  bool writeback = false;   // arbor: also the school's writeback target
  std::string flags_field;  // arbor: a user-defined field to hold senmap's current flags
};

struct Source {
  SourceKind kind = SourceKind::ctf_folder;
  std::filesystem::path path;        // the drop folder, or the OneRoster folder / .zip
  std::filesystem::path archive;     // ctf-folder: where processed files go (default path/archive)
  std::filesystem::path quarantine;  // ctf-folder: where refused files go (default path/quarantine)
  bool lenient = false;
  std::string name;   // for messages and the journal: "938-4123 ctf-folder"
  LiveSettings live;  // xporter, wonde, arbor
  bool is_live() const { return kind == SourceKind::xporter || kind == SourceKind::wonde || kind == SourceKind::arbor; }
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

// [serve]: how `senmap serve --config` (and the senmap-serve unit) listens, so one file holds every
// setting. Zero or empty: the server's default (or the command line's flag, which wins).
struct ServeSettings {
  std::string listen;                         // "IP:PORT" or "[IPv6]:PORT"
  std::filesystem::path cert_file, key_file;  // PEM; both or neither
  std::string frame_ancestors;                // origins, space separated
  int threads = 0;
  int request_timeout_seconds = 0;
  int session_idle_minutes = 0, session_max_hours = 0;
  int max_connections = 0, max_connections_per_address = 0;
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
  ServeSettings serve;
};

struct ConfigProblem {
  std::string file;
  std::size_t line = 0;
  std::string key;  // e.g. schools[2].sources[1].kind
  std::string rule;
};

struct ConfigResult {
  SyncConfig config;
  std::vector<ConfigProblem> problems;  // non-empty: the config must not be used
};

// "ctf-folder", "oneroster", "xporter", "wonde", "arbor": as the config spells the kind.
const char* kind_text(SourceKind kind);

// Reads and checks the whole file; relative paths are taken from the file's own folder.
ConfigResult load_sync_config(const std::filesystem::path& file);

}  // namespace sm::config
