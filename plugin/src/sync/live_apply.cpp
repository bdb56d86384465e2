#include "sync/live_apply.hpp"

#include "store/audit.hpp"
#include "store/pupil_store.hpp"
#include "store/roster_store.hpp"
#include "sync/pupil_apply.hpp"
#include "sync/record_fingerprint.hpp"
#include "sync/roll_call.hpp"
#include "sync/roster_apply.hpp"

namespace sm::sync {
namespace {

class LiveApply {
 public:
  LiveApply(store::Database& db, std::int64_t school_id, const std::string& kind, ImportReport& report)
      : db_(db), school_id_(school_id), kind_(kind), report_(report), pupils_(db) {}

  // The pupil a record is: its UPN, or the one senmap holds for its MIS id from this source.
  std::string upn_for(const model::PupilRecord& r) {
    if (!r.upn.empty()) return r.upn;
    auto& s = db_.cached(
        "SELECT p.upn FROM pupil_mis_id m JOIN pupil p ON p.id = m.pupil_id WHERE m.school_id = ?1 AND m.source = ?2 "
        "AND m.mis_id = ?3");
    s.bind(1, school_id_).bind(2, kind_).bind(3, r.mis_id);
    auto upn = s.step() ? s.text(0) : std::string();
    s.reset();
    return upn;
  }

  void save(model::PupilRecord& r, const store::RecordSource& source) {
    auto id = apply_pupil(pupils_, r, source, record_fingerprint(r), report_);
    if (r.mis_id.empty()) return;
    db_.cached(
           "INSERT INTO pupil_mis_id (school_id, source, mis_id, pupil_id) VALUES (?1, ?2, ?3, ?4) "
           "ON CONFLICT (school_id, source, mis_id) DO UPDATE SET pupil_id = excluded.pupil_id")
        .bind(1, school_id_)
        .bind(2, kind_)
        .bind(3, r.mis_id)
        .bind(4, id)
        .run();
  }

  // Pupils the source reported deleted or left: marked left today, never deleted.
  std::size_t mark_left(const std::vector<std::string>& mis_ids, const std::string& today) {
    std::size_t left = 0;
    auto mark = db_.prepare(
        "UPDATE pupil SET left_on = ?4 WHERE left_on IS NULL AND id = (SELECT pupil_id FROM pupil_mis_id "
        "WHERE school_id = ?1 AND source = ?2 AND mis_id = ?3)");
    for (const auto& id : mis_ids) {
      mark.bind(1, school_id_).bind(2, kind_).bind(3, id).bind(4, today).run();
      left += static_cast<std::size_t>(db_.changes());
    }
    return left;
  }

  // Pupils a host names as left by UPN, on the day it gives (or today): never deleted.
  std::size_t mark_left_by_upn(const std::vector<std::pair<std::string, std::string>>& upns, const std::string& today) {
    std::size_t left = 0;
    auto mark = db_.prepare("UPDATE pupil SET left_on = ?3 WHERE left_on IS NULL AND school_id = ?1 AND upn = ?2");
    for (const auto& [upn, on] : upns) {
      mark.bind(1, school_id_).bind(2, upn).bind(3, on.empty() ? today : on).run();
      left += static_cast<std::size_t>(db_.changes());
    }
    return left;
  }

 private:
  store::Database& db_;
  std::int64_t school_id_;
  std::string kind_;
  ImportReport& report_;
  store::PupilStore pupils_;
};

}  // namespace

void apply_live_read(store::Database& db, const model::SchoolRef& school, live::LiveRead& read,
                     const LiveApplyOptions& options, ImportReport& report) {
  const std::string& kind = read.kind;
  report.pupils_in_file = read.pupils.size();
  report.problems = read.problems;
  report.warnings = read.warnings;
  for (const auto& [what, count] : read.details) report.details[what] = count;
  report.ctf_datetime = read.read_at;
  if (report.refused({options.lenient})) return;

  store::Transaction tx(db);
  store::PupilStore schools(db);
  auto school_id = schools.upsert_school(school);
  auto started = store::utc_timestamp();
  {
    auto run = db.prepare(
        "INSERT INTO import_run (source, file_name, checksum, source_datetime, school_id, started_at, finished_at, "
        "pupils_in_file, pupils_added, pupils_changed, pupils_unchanged, pupils_rejected, pupils_not_applied) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 0, 0, 0, 0, 0, 0)");
    run.bind(1, kind).bind(2, options.location).bind(3, report.checksum).bind(4, read.read_at).bind(5, school_id);
    run.bind(6, started).run();
  }
  store::RecordSource record_source;
  record_source.import_id = db.last_insert_id();
  record_source.school_id = school_id;
  record_source.datetime = read.read_at;
  record_source.date = model::parse_date(options.today).value_or(model::Date{});
  record_source.full = read.full;

  LiveApply apply(db, school_id, kind, report);
  std::vector<std::string> on_roll;
  for (auto& record : read.pupils) {
    record.upn = apply.upn_for(record);
    if (record.upn.empty()) {
      report.problems.push_back({kind, 0, "students[" + record.mis_id + "]", "", record.mis_id,
                                 "no UPN from " + kind +
                                     " and none known for this MIS id: import the school's CTF "
                                     "first or ask the vendor for the UPN field",
                                 record.mis_id});
      ++report.rejected;
      continue;
    }
    apply.save(record, record_source);
    on_roll.push_back(record.upn);
  }
  if (report.refused({options.lenient})) return;  // rolled back
  report.left =
      apply.mark_left(read.left_mis_ids, options.today) + apply.mark_left_by_upn(read.left_upns, options.today);
  if (read.full) report.left += mark_roll(db, school_id, on_roll, read.read_at, options.today, report.added);

  // Students are keyed by the MIS's ids: the roster's students need the UPNs just resolved.
  for (auto& user : read.roster.users)
    if (user.role == model::RosterRole::student && user.upn.empty()) {
      model::PupilRecord probe;
      probe.mis_id = user.identifier;
      user.upn = apply.upn_for(probe);
    }
  store::RosterStore roster(db, school_id, options.today);
  apply_roster(read.roster, roster, report);
  if (report.refused({options.lenient})) return;  // rolled back
  auto later = store::apply_waiting_roster(db);
  if (later.enrollments) report.details["enrollments_applied_from_waiting"] = later.enrollments;

  // The cursors move in the transaction that stores what they cover: a crash before the commit
  // leaves both the data and the cursors as they were.
  auto cursor = db.prepare(
      "INSERT INTO source_cursor (school_id, source, endpoint, cursor, stored_at) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (school_id, source, endpoint) DO UPDATE SET cursor = excluded.cursor, stored_at = "
      "excluded.stored_at");
  if (read.full) read.cursors["full_read_on"] = options.today;
  for (const auto& [endpoint, value] : read.cursors)
    cursor.bind(1, school_id).bind(2, kind).bind(3, endpoint).bind(4, value).bind(5, started).run();

  std::string details = "{";
  for (const auto& [k, count] : report.details)
    details += (details.size() > 1 ? "," : "") + ("\"" + k + "\":" + std::to_string(count));
  details += "}";
  auto finish = db.prepare(
      "UPDATE import_run SET finished_at = ?2, pupils_in_file = ?3, pupils_added = ?4, pupils_changed = ?5, "
      "pupils_unchanged = ?6, pupils_rejected = ?7, pupils_not_applied = ?8, pupils_left = ?9, problems = ?10, "
      "warnings = ?11, details = ?12 WHERE id = ?1");
  finish.bind(1, record_source.import_id).bind(2, store::utc_timestamp());
  finish.bind(3, static_cast<std::int64_t>(report.pupils_in_file)).bind(4, static_cast<std::int64_t>(report.added));
  finish.bind(5, static_cast<std::int64_t>(report.changed)).bind(6, static_cast<std::int64_t>(report.unchanged));
  finish.bind(7, static_cast<std::int64_t>(report.rejected)).bind(8, static_cast<std::int64_t>(report.not_applied));
  finish.bind(9, static_cast<std::int64_t>(report.left)).bind(10, static_cast<std::int64_t>(report.problems.size()));
  finish.bind(11, static_cast<std::int64_t>(report.warnings.size())).bind(12, details);
  finish.run();
  tx.commit();
  report.applied = true;
}

}  // namespace sm::sync
