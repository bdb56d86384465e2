// `senmap sync`: every configured source of every school, each source run one transaction,
// recorded in the journal; files moved to archive or quarantine only after their run commits.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "config/sync_config.hpp"
#include "rules/flag_store.hpp"
#include "sync/ctf_import.hpp"

namespace sm::sync {

struct SyncOptions {
  // Called as work moves on: the source's name, items done and items in all (files).
  std::function<void(const std::string& source, std::size_t done, std::size_t total)> progress;
  std::string today;  // YYYY-MM-DD
  bool full = false;  // live sources: read everything again, not just what changed (`sync --full`)
  // A host source's batch for a school (schema senmap.ingest/1), asked for when the sync reaches
  // it; nothing: the host has none. Unset: host sources fail, naming the missing callback.
  std::function<std::optional<std::string>(const model::SchoolRef& school)> host_source;
};

struct SourceOutcome {
  const config::School* school = nullptr;
  const config::Source* source = nullptr;
  std::string status;  // ok | unchanged | failed
  std::string error;   // why it failed, when it failed as a whole
  std::vector<ImportReport> reports;
  std::vector<std::string> quarantined;  // files moved aside, each with a .errors.txt
};

struct SyncSummary {
  bool lock_refused = false;
  std::string lock_message;
  std::int64_t run_id = 0;
  std::string status;  // ok | partial | failed
  std::vector<SourceOutcome> sources;
  std::optional<rules::FlagRun> flags;  // the rules run at the end of every sync
  std::string flags_error;              // why the rules could not run (the synced data stands)
  // Why the run could not be finished after its sources (e.g. the disk filled while the end of
  // sync made the sources' commits durable): the sources' own statuses still say what was stored,
  // and no file was moved, so the next run recognises each by its checksum.
  std::string finish_error;
  // What the technician should fix though the sync ran, e.g. a school whose terms have all ended.
  std::vector<std::string> warnings;
  std::size_t failed() const;
};

SyncSummary run_sync(const config::SyncConfig& config, const SyncOptions& options);

// The config's writeback targets as the store keeps them: (name, kind, path).
std::vector<std::tuple<std::string, std::string, std::string>> writeback_targets(const config::SyncConfig& config);

}  // namespace sm::sync
