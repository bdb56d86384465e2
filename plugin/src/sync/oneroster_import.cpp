#include "sync/oneroster_import.hpp"

#include <algorithm>
#include <map>

#include "oneroster/oneroster_reader.hpp"
#include "store/audit.hpp"
#include "store/pupil_store.hpp"
#include "store/roster_store.hpp"
#include "sync/roster_apply.hpp"

namespace sm::sync {
namespace {
// The school a bundle is about: config says, or orgs.csv has one school whose identifier is
// its 7-digit DfE number (LA + establishment).
std::optional<model::SchoolRef> school_of(const oneroster::RosterData& data) {
  for (const auto& org : data.orgs) {
    if (org.type != "school" || org.identifier.size() != 7) continue;
    model::SchoolRef school;
    school.la = org.identifier.substr(0, 3);
    school.estab = org.identifier.substr(3);
    school.name = org.name;
    return school;
  }
  return std::nullopt;
}

// A delta bundle often carries no orgs.csv: in a one-school database there is no doubt.
std::optional<model::SchoolRef> only_school(store::Database& db) {
  auto s = db.prepare("SELECT la, estab, name FROM school LIMIT 2");
  std::optional<model::SchoolRef> found;
  int count = 0;
  while (s.step()) {
    ++count;
    found = model::SchoolRef{s.text(0), s.text(1), "", s.text(2), std::nullopt};
  }
  return count == 1 ? found : std::nullopt;
}

// Rows per kind for the journal, e.g. {"classes":155,"enrollments":4200}: counts only, no names.
std::string details_json(const std::map<std::string, std::size_t>& details) {
  std::string out = "{";
  for (const auto& [kind, count] : details)
    out += (out.size() > 1 ? "," : "") + ("\"" + kind + "\":" + std::to_string(count));
  return out + "}";
}

}  // namespace

ImportReport import_oneroster(store::Database& db, const std::filesystem::path& bundle,
                              const RosterImportOptions& options) {
  ImportReport report;
  report.file = bundle.string();
  report.source = "oneroster";
  auto data = oneroster::read_oneroster(bundle);
  report.file_bytes = data.bytes;
  report.ctf_version = data.oneroster_version;
  report.problems = data.problems;
  report.file_rejected = data.bundle_rejected;
  report.pupils_in_file = static_cast<std::size_t>(std::count_if(
      data.users.begin(), data.users.end(), [](const auto& u) { return u.role == model::RosterRole::student; }));
  if (report.refused({options.lenient})) return report;

  auto school = options.school ? options.school : school_of(data);
  if (!school) school = only_school(db);
  if (!school) {
    report.file_rejected = true;
    report.problems.push_back({report.file, 0, "", "", "",
                               "cannot tell which school this is: orgs.csv has no school with a 7-digit DfE number "
                               "(LA + establishment), none was configured, and the database holds more than one",
                               ""});
    return report;
  }
  report.school_la = school->la;
  report.school_estab = school->estab;
  report.school_name = school->name;
  report.checksum = data.checksum;

  store::Transaction tx(db);
  if (already_applied(db, report.checksum)) {  // the same export again: the journal already has it
    report.skipped_unchanged = true;
    return report;
  }
  store::PupilStore pupils(db);
  auto school_id = pupils.upsert_school(*school);
  store::RosterStore roster(db, school_id, options.today);
  apply_roster(data, roster, report);
  if (report.refused({options.lenient})) return report;  // rolled back

  auto started = store::utc_timestamp();
  auto run = db.prepare(
      "INSERT INTO import_run (source, file_name, checksum, source_datetime, school_id, started_at, finished_at, "
      "pupils_in_file, pupils_added, pupils_changed, pupils_unchanged, pupils_rejected, pupils_not_applied, details, "
      "warnings) VALUES ('oneroster', ?1, ?2, NULL, ?3, ?4, ?4, ?5, 0, ?6, 0, ?7, 0, ?8, ?9)");
  run.bind(1, bundle.filename().string()).bind(2, report.checksum).bind(3, school_id).bind(4, started);
  run.bind(5, static_cast<std::int64_t>(report.pupils_in_file));
  run.bind(6, static_cast<std::int64_t>(report.details["students_matched"]));
  run.bind(7, static_cast<std::int64_t>(report.details["students_unmatched"]));
  run.bind(8, details_json(report.details)).bind(9, static_cast<std::int64_t>(report.warnings.size()));
  run.run();
  tx.commit();
  report.applied = true;
  return report;
}

}  // namespace sm::sync
