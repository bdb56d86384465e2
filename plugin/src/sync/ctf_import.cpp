#include "sync/ctf_import.hpp"

#include <chrono>
#include <optional>

#include "ctf/ctf_reader.hpp"
#include "store/audit.hpp"
#include "store/pupil_store.hpp"
#include "store/relaxed_sync.hpp"
#include "store/roster_store.hpp"
#include "sync/record_fingerprint.hpp"
#include "sync/roll_call.hpp"
#include "sync/store_writer.hpp"

namespace sm::sync {
namespace {

// CTF DateTime may omit seconds; compare like with like.
std::string normalise_datetime(std::string datetime) {
  if (datetime.size() == 16) datetime += ":00";
  return datetime;
}

std::string header_date(const ImportReport& report) {
  return report.ctf_datetime.substr(0, 10);
}

}  // namespace

bool already_applied(store::Database& db, const std::string& checksum) {
  auto stmt = db.prepare("SELECT 1 FROM import_run WHERE checksum = ?1 AND status = 'applied' LIMIT 1");
  stmt.bind(1, checksum);
  return stmt.step();
}

ImportReport import_ctf(store::Database& db, const std::filesystem::path& file, const ImportOptions& options) {
  ImportReport report;
  report.file = file.string();
  store::RelaxedSync relaxed(db);
  store::Transaction tx(db);
  store::PupilStore pupils(db);
  std::string started = store::utc_timestamp();
  std::optional<store::RecordSource> source;
  std::optional<StoreWriter> writer;
  bool whole_school_export = false;

  ctf::ReadHooks hooks;
  std::string checksum;
  hooks.on_checksum = [&](const std::string& sum) {
    checksum = sum;
    report.skipped_unchanged = already_applied(db, sum);
    return !report.skipped_unchanged;
  };
  hooks.on_header = [&](const ctf::CtfHeader& header) {
    report.ctf_version = header.version;
    report.ctf_datetime = header.datetime;
    report.school_la = header.source.la;
    report.school_estab = header.source.estab;
    report.school_name = header.source.name;
    store::RecordSource s;
    s.school_id = pupils.upsert_school(header.source);
    s.datetime = normalise_datetime(header.datetime);
    s.date = header.date;
    s.full = header.qualifier == "full";
    // Only a school's export of itself lists its whole roll. A transfer CTF from school A to
    // school B carries just the movers: nobody else has left A because of it. ("MMM" is the
    // CTF's unknown destination.)
    whole_school_export = header.dest.la.empty() || header.dest.la == "MMM" ||
                          (header.dest.la == header.source.la && header.dest.estab == header.source.estab);
    auto run = db.prepare(
        "INSERT INTO import_run (source, file_name, checksum, source_datetime, school_id, started_at, finished_at, "
        "pupils_in_file, pupils_added, pupils_changed, pupils_unchanged, pupils_rejected, pupils_not_applied) "
        "VALUES ('ctf', ?1, ?2, ?3, ?4, ?5, ?5, 0, 0, 0, 0, 0, 0)");
    run.bind(1, file.filename().string()).bind(2, checksum).bind(3, s.datetime).bind(4, s.school_id).bind(5, started);
    run.run();
    s.import_id = db.last_insert_id();
    source = s;
    // From here until the read ends, only the writer's thread touches the database.
    writer.emplace(pupils, s, report);
    return true;
  };

  hooks.on_pupil = [&](model::PupilRecord&& record) {
    auto fingerprint = record_fingerprint(record);  // on the reading thread: it is CPU work
    writer->submit(std::move(record), std::move(fingerprint));
  };

  auto read = ctf::read_ctf(file, hooks);
  if (writer) writer->finish();
  report.checksum = read.checksum;
  report.file_bytes = read.file_bytes;
  report.file_rejected = read.file_rejected;
  report.pupils_in_file = read.pupils_seen;
  report.rejected = read.pupils_seen - read.pupils_valid;
  report.problems = std::move(read.problems);

  if (report.skipped_unchanged || report.refused(options) || !source) return report;  // rolled back
  if (source->full && whole_school_export)
    report.left = mark_roll(db, source->school_id, read.upns_seen, source->datetime, header_date(report), report.added);
  // Pupils this file brought may be students a roster bundle could not match before: their
  // enrolments and results, waiting in the store, join them in this same transaction.
  auto later = store::apply_waiting_roster(db);
  if (later.students) report.details["students_matched_later"] = later.students;
  if (later.enrollments) report.details["enrollments_applied_from_waiting"] = later.enrollments;
  if (later.results) report.details["results_applied_from_waiting"] = later.results;

  auto finish = db.prepare(
      "UPDATE import_run SET finished_at = ?2, pupils_in_file = ?3, pupils_added = ?4, pupils_changed = ?5, "
      "pupils_unchanged = ?6, pupils_rejected = ?7, pupils_not_applied = ?8, pupils_left = ?9, problems = ?10, "
      "warnings = ?11 WHERE id = ?1");
  finish.bind(1, source->import_id).bind(2, store::utc_timestamp());
  finish.bind(3, static_cast<std::int64_t>(report.pupils_in_file)).bind(4, static_cast<std::int64_t>(report.added));
  finish.bind(5, static_cast<std::int64_t>(report.changed)).bind(6, static_cast<std::int64_t>(report.unchanged));
  finish.bind(7, static_cast<std::int64_t>(report.rejected)).bind(8, static_cast<std::int64_t>(report.not_applied));
  finish.bind(9, static_cast<std::int64_t>(report.left)).bind(10, static_cast<std::int64_t>(report.problems.size()));
  finish.bind(11, static_cast<std::int64_t>(report.warnings.size()));
  finish.run();
  tx.commit();
  report.applied = true;
  return report;
}

}  // namespace sm::sync
