#include "sync/sync_run.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>

#include "rules/flag_store.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/private_file.hpp"
#include "store/pupil_store.hpp"
#include "store/relaxed_sync.hpp"
#include "store/settings.hpp"
#include "sync/host_ingest.hpp"
#include "sync/live_import.hpp"
#include "sync/oneroster_import.hpp"
#include "sync/sync_lock.hpp"
#include "writeback/outbox.hpp"

namespace sm::sync {
namespace fs = std::filesystem;
namespace {

// The order files must be applied in is their header DateTime, not their names: read just
// enough of each file to find it. A file without one sorts first and is refused on import.
std::string peek_datetime(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(std::size_t{64} * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  auto open = head.find("<DateTime>");
  auto close = open == std::string::npos ? std::string::npos : head.find("</DateTime>", open);
  if (close == std::string::npos) return {};
  return head.substr(open + 10, close - open - 10);
}

std::vector<fs::path> waiting_files(const config::Source& source) {
  std::vector<std::pair<std::string, fs::path>> files;
  for (const auto& entry : fs::directory_iterator(source.path)) {
    if (!entry.is_regular_file()) continue;
    auto ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext != ".xml") continue;
    files.emplace_back(peek_datetime(entry.path()), entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<fs::path> out;
  out.reserve(files.size());
  for (auto& f : files) out.push_back(std::move(f.second));
  return out;
}

// Moves without overwriting: a second file of the same name gets a numbered suffix. The
// folders hold pupils' data: owner only.
fs::path move_into(const fs::path& file, const fs::path& folder) {
  if (!fs::exists(folder)) {
    fs::create_directories(folder);
    fs::permissions(folder, fs::perms::owner_all);
  }
  auto target = folder / file.filename();
  for (int n = 2; fs::exists(target); ++n)
    target = folder / (file.stem().string() + "." + std::to_string(n) + file.extension().string());
  fs::rename(file, target);
  return target;
}

void write_errors(const fs::path& quarantined, const ImportReport& report) {
  auto path = quarantined.string() + ".errors.txt";
  store::prepare_private_file(path);  // UPNs and codes: owner only
  std::ofstream out(path);
  out << "senmap refused this file on " << store::utc_timestamp() << ": nothing in it was imported.\n"
      << "Fix the problems below in the MIS and export it again.\n\n";
  for (const auto& p : report.problems) {
    out << (p.line ? "line " + std::to_string(p.line) + ": " : std::string());
    if (!p.path.empty()) out << p.path << " ";
    if (!p.upn.empty()) out << "(UPN " << p.upn << ") ";
    out << p.rule;
    if (!p.value.empty()) out << " [found: " << p.value << "]";
    out << "\n";
  }
}

// Why a refused run was refused, in one line for `senmap runs`: the first problem's rule and
// where (UPNs and codes, never SEN content), and how many more.
std::string refusal_reason(const ImportReport& report) {
  if (report.problems.empty()) return {};
  const auto& p = report.problems.front();
  std::string out = p.rule;
  if (!p.upn.empty())
    out += " (UPN " + p.upn + ")";
  else if (!p.path.empty())
    out += " (" + p.path + ")";
  else if (!p.record.empty())
    out += " (" + p.record + ")";
  if (p.line) out += " at line " + std::to_string(p.line);
  if (report.problems.size() > 1) out += "; and " + std::to_string(report.problems.size() - 1) + " more";
  return out;
}

// A refused file changes no data, but the journal must still say it came and why it failed.
void journal_refusal(store::Database& db, const ImportReport& report, std::int64_t run_id,
                     const std::string& reason = {}, const std::string& status = "refused") {
  auto s = db.prepare(
      "INSERT INTO import_run (source, file_name, checksum, source_datetime, school_id, started_at, finished_at, "
      "pupils_in_file, pupils_added, pupils_changed, pupils_unchanged, pupils_rejected, pupils_not_applied, "
      "sync_run_id, status, problems, warnings, reason) VALUES (?1, ?2, ?3, ?4, (SELECT id FROM school WHERE la = ?5 "
      "AND estab = ?6), ?7, ?7, ?8, 0, 0, 0, ?9, 0, ?10, ?13, ?11, ?12, ?14)");
  s.bind(13, status).bind(14, reason.empty() ? refusal_reason(report) : reason);
  s.bind(1, report.source).bind(2, fs::path(report.file).filename().string()).bind(3, report.checksum);
  s.bind_borrowed(4, report.ctf_datetime).bind(5, report.school_la).bind(6, report.school_estab);
  s.bind(7, store::utc_timestamp()).bind(8, static_cast<std::int64_t>(report.pupils_in_file));
  s.bind(9, static_cast<std::int64_t>(report.rejected)).bind(10, run_id);
  s.bind(11, static_cast<std::int64_t>(report.problems.size()))
      .bind(12, static_cast<std::int64_t>(report.warnings.size()));
  s.run();
}

class SyncRunner {
 public:
  SyncRunner(const SyncOptions& options, store::Database& db, SyncSummary& summary)
      : options_(options), db_(db), summary_(summary) {}

  void run_source(const config::School& school, const config::Source& source) {
    SourceOutcome outcome{&school, &source, "ok", "", {}, {}};
    auto last = db_.prepare("SELECT COALESCE(MAX(id), 0) FROM import_run");
    last.step();
    journal_before_ = last.integer(0);
    try {
      if (source.kind == config::SourceKind::ctf_folder)
        ctf_folder(school, source, outcome);
      else if (source.kind == config::SourceKind::host)
        host(school, source, outcome);
      else if (source.is_live())
        live(school, source, outcome);
      else
        oneroster(school, source, outcome);
    } catch (const std::exception& e) {
      outcome.status = "failed";
      outcome.error = e.what();
      if (source.is_live() || source.kind == config::SourceKind::host) journal_failure(school, source, e.what());
    }
    summary_.sources.push_back(std::move(outcome));
  }

 private:
  void ctf_folder(const config::School&, const config::Source& source, SourceOutcome& outcome) {
    if (!fs::is_directory(source.path))
      throw std::runtime_error("the drop folder " + source.path.string() + " does not exist");
    auto files = waiting_files(source);
    ImportOptions options;
    options.lenient = source.lenient;
    std::vector<fs::path> to_archive, to_quarantine;
    {
      // The whole source run is one transaction; each file inside it is a savepoint. Commits
      // skip the fsync (WAL NORMAL): the files move only after the end-of-sync checkpoint has
      // made every commit durable, so a file never outlives a lost commit.
      store::RelaxedSync relaxed(db_);
      store::Transaction tx(db_);
      for (std::size_t i = 0; i < files.size(); ++i) {
        progress(source.name, i, files.size());
        auto report = import_ctf(db_, files[i], options);
        if (report.refused(options)) {
          journal_refusal(db_, report, summary_.run_id);
          to_quarantine.push_back(files[i]);
        } else {
          to_archive.push_back(files[i]);
        }
        outcome.reports.push_back(std::move(report));
      }
      tag_runs();
      tx.commit();
    }
    progress(source.name, files.size(), files.size());
    // The moves wait for the end of the sync (run_sync's durable checkpoint). A crash before
    // then leaves the files in the drop folder, where the next run recognises them by checksum.
    for (const auto& file : to_archive) pending_.push_back({file, source.archive, std::nullopt});
    for (std::size_t i = 0, q = 0; i < outcome.reports.size(); ++i) {
      if (!outcome.reports[i].refused(options)) continue;
      pending_.push_back({to_quarantine[q++], source.quarantine, outcome.reports[i]});
    }
    if (!to_quarantine.empty())
      outcome.status = "failed";
    else if (std::all_of(outcome.reports.begin(), outcome.reports.end(),
                         [](const auto& r) { return r.skipped_unchanged; }))
      outcome.status = "unchanged";
  }

  void oneroster(const config::School& school, const config::Source& source, SourceOutcome& outcome) {
    RosterImportOptions options;
    options.lenient = source.lenient;
    options.school = school.ref;
    options.today = options_.today;
    progress(source.name, 0, 1);
    store::RelaxedSync relaxed(db_);  // durable at the end-of-sync checkpoint
    store::Transaction tx(db_);
    auto report = import_oneroster(db_, source.path, options);
    ImportOptions refusal{source.lenient};
    if (report.refused(refusal)) {
      journal_refusal(db_, report, summary_.run_id);
      outcome.status = "failed";
    } else if (report.skipped_unchanged) {
      outcome.status = "unchanged";
    }
    tag_runs();
    tx.commit();
    progress(source.name, 1, 1);
    outcome.reports.push_back(std::move(report));
  }

  // A live source is read first and applied in one transaction (import_live): a failure in
  // the read stores nothing, and the journal keeps why.
  void live(const config::School& school, const config::Source& source, SourceOutcome& outcome) {
    progress(source.name, 0, 1);
    LiveImportOptions options{options_.full, options_.today};
    store::RelaxedSync relaxed(db_);  // durable at the end-of-sync checkpoint
    settle(source, import_live(db_, school, source, options), outcome);
  }

  // A host source: the program embedding senmap hands over the school's batch, applied as
  // senmap_ingest applies one (one transaction, the journal, the leaver rules).
  void host(const config::School& school, const config::Source& source, SourceOutcome& outcome) {
    if (!options_.host_source)
      throw std::runtime_error(
          "a host source is filled by the program embedding senmap (senmap_sync's host_source callback), and "
          "this sync has none: run it from that program, or use a ctf-folder source");
    progress(source.name, 0, 1);
    auto batch = options_.host_source(school.ref);
    if (!batch) throw std::runtime_error("the host gave no batch for " + school.ref.la + " " + school.ref.estab);
    IngestOptions options;
    options.today = options_.today;
    options.origin = "host batch for " + school.ref.la + "-" + school.ref.estab;
    options.lenient = source.lenient;
    options.expected_school = school.ref;
    store::RelaxedSync relaxed(db_);  // durable at the end-of-sync checkpoint
    settle(source, ingest_batch(db_, *batch, options), outcome);
  }

  // A live read or a host batch, applied (or refused) in its own transaction: the outcome says
  // which, and the journal keeps why a refused one was refused.
  void settle(const config::Source& source, ImportReport report, SourceOutcome& outcome) {
    if (report.refused({source.lenient})) {
      journal_refusal(db_, report, summary_.run_id);
      outcome.status = "failed";
      outcome.error = refusal_reason(report);
    } else if (report.skipped_unchanged) {
      outcome.status = "unchanged";
    }
    tag_runs();
    progress(source.name, 1, 1);
    outcome.reports.push_back(std::move(report));
  }

  void journal_failure(const config::School& school, const config::Source& source, const std::string& why) {
    try {
      ImportReport failed;
      failed.source = source.name.substr(source.name.rfind(' ') + 1);
      failed.file = source.kind == config::SourceKind::host ? "host" : source.live.url;
      failed.checksum = "failed:" + store::utc_timestamp();
      failed.school_la = school.ref.la;
      failed.school_estab = school.ref.estab;
      journal_refusal(db_, failed, summary_.run_id, why, "failed");
      tag_runs();
    } catch (const std::exception&) {
      // The summary still carries the reason; a journal that cannot be written is not a second failure.
    }
  }

  // Journal rows written during this source run belong to this sync run.
  void tag_runs() {
    db_.prepare("UPDATE import_run SET sync_run_id = ?1 WHERE id > ?2")
        .bind(1, summary_.run_id)
        .bind(2, journal_before_)
        .run();
  }

  void progress(const std::string& name, std::size_t done, std::size_t total) {
    if (options_.progress) options_.progress(name, done, total);
  }

 public:
  // Files to move once every source's commit is durable.
  struct PendingMove {
    fs::path file, folder;
    std::optional<ImportReport> refused;  // quarantine, with its .errors.txt
  };
  std::vector<PendingMove> pending_;

 private:
  const SyncOptions& options_;
  store::Database& db_;
  SyncSummary& summary_;
  std::int64_t journal_before_ = 0;
};

// The settings kept in writeback_target.path for an Arbor target (JSON, no secret in it), as
// writeback/arbor_configured reads them.
std::string arbor_target_settings(const config::School& school, const config::Source& source) {
  const auto& live = source.live;
  return boost::json::serialize(boost::json::object{{"la", school.ref.la},
                                                    {"estab", school.ref.estab},
                                                    {"url", live.url},
                                                    {"user", live.user},
                                                    {"application_id", live.application_id},
                                                    {"password_file", live.secret.file},
                                                    {"password_env", live.secret.env},
                                                    {"ca_file", live.ca_file},
                                                    {"flags_field", live.flags_field},
                                                    {"connect_timeout", live.connect_timeout_seconds},
                                                    {"read_timeout", live.read_timeout_seconds}});
}

}  // namespace

std::vector<std::tuple<std::string, std::string, std::string>> writeback_targets(const config::SyncConfig& config) {
  std::vector<std::tuple<std::string, std::string, std::string>> out;
  for (const auto& t : config.writeback) out.emplace_back(t.name, t.kind, t.path.string());
  // A school's Arbor with writeback = true is that school's target too.
  for (const auto& school : config.schools)
    for (const auto& source : school.sources)
      if (source.kind == config::SourceKind::arbor && source.live.writeback)
        out.emplace_back(source.name, "arbor", arbor_target_settings(school, source));
  return out;
}

namespace {

// The config is the record of each school's terms: the store follows it on every sync.
void record_terms(store::Database& db, const config::SyncConfig& config) {
  store::Transaction tx(db);
  store::PupilStore schools(db);
  for (const auto& school : config.schools) {
    auto id = schools.upsert_school(school.ref);
    db.prepare("DELETE FROM school_term WHERE school_id = ?1").bind(1, id).run();
    for (const auto& term : school.terms) {
      auto add =
          db.prepare("INSERT OR REPLACE INTO school_term (school_id, name, start_date, end_date) VALUES (?1,?2,?3,?4)");
      add.bind(1, id)
          .bind(2, term.name)
          .bind(3, model::format_date(term.start))
          .bind(4, model::format_date(term.end))
          .run();
    }
  }
  tx.commit();
}

// After the sources: the flag rules over what was just synced, the run's journal row, and one
// durable point for the whole sync.
void finish_run(store::Database& db, const config::SyncConfig& config, const SyncOptions& options, SyncSummary& summary,
                std::size_t failed) {
  // The MIS's data is newest now; a rule that fails is a failed run of the rules, not a failed
  // sync: the data is in.
  store::save_rule_settings(db, config.rules);
  writeback::set_targets(db, writeback_targets(config));
  auto today = options.today.empty() ? std::nullopt : model::parse_date(options.today);
  try {
    if (today) summary.flags = rules::run_rules(db, *today, config.rules, config.clock);
  } catch (const std::exception& e) {
    summary.flags_error = e.what();
  }
  auto finish = db.prepare(
      "UPDATE sync_run SET finished_at = ?2, status = ?3, sources_ok = ?4, sources_failed = ?5 WHERE id = ?1");
  finish.bind(1, summary.run_id).bind(2, store::utc_timestamp()).bind(3, summary.status);
  finish.bind(4, static_cast<std::int64_t>(summary.sources.size() - failed)).bind(5, static_cast<std::int64_t>(failed));
  finish.run();
  // Every commit reaches the database file (and its fsync) before any input file moves.
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace

std::size_t SyncSummary::failed() const {
  return static_cast<std::size_t>(
      std::count_if(sources.begin(), sources.end(), [](const auto& s) { return s.status == "failed"; }));
}

SyncSummary run_sync(const config::SyncConfig& config, const SyncOptions& options) {
  SyncSummary summary;
  SyncLock lock(config.database);
  if (!lock.held()) {
    summary.lock_refused = true;
    summary.lock_message = lock.refusal();
    summary.status = "failed";
    return summary;
  }
  store::Database db(config.database, true);
  {
    auto start = db.prepare("INSERT INTO sync_run (started_at, config_file, status) VALUES (?1, ?2, 'running')");
    start.bind(1, store::utc_timestamp()).bind(2, config.file.string()).run();
    summary.run_id = db.last_insert_id();
  }
  record_terms(db, config);
  if (auto today = model::parse_date(options.today))
    for (const auto& school : config.schools) {
      std::vector<model::Date> ends;
      for (const auto& term : school.terms) ends.push_back(term.end);
      if (auto warning = model::no_current_term(ends, *today); !warning.empty())
        summary.warnings.push_back("school " + school.ref.la + "-" + school.ref.estab + ": " + warning);
    }
  store::save_clock_rules(db, config.clock);
  // A trust's sync writes hundreds of MB: checkpoint the WAL once at the end rather than every
  // few MB in the middle (each source still commits durably to the WAL).
  db.exec("PRAGMA wal_autocheckpoint = 25000");
  // A trust's database is hundreds of MB: a larger page cache keeps each school's indexes in
  // memory while it is written (well inside the 1 GB the nightly job may use).
  db.exec("PRAGMA cache_size = -131072");
  SyncRunner runner(options, db, summary);
  for (const auto& school : config.schools)
    for (const auto& source : school.sources) runner.run_source(school, source);

  auto failed = summary.failed();
  summary.status = failed == 0 ? "ok" : failed == summary.sources.size() ? "failed" : "partial";
  try {
    finish_run(db, config, options, summary, failed);
  } catch (const std::exception& e) {
    // The summary must still reach the technician: which sources were stored, and why the end
    // failed. Files stay where they are until a run ends durably.
    summary.finish_error = e.what();
    summary.status = "failed";
    return summary;
  }
  for (const auto& move : runner.pending_) {
    auto moved = move_into(move.file, move.folder);
    if (!move.refused) continue;
    write_errors(moved, *move.refused);
    for (auto& outcome : summary.sources)
      if (outcome.source && move.folder == outcome.source->quarantine) outcome.quarantined.push_back(moved.string());
  }
  return summary;
}

}  // namespace sm::sync
