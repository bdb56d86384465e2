#include "sync/pupil_apply.hpp"

namespace sm::sync {

std::int64_t apply_pupil(store::PupilStore& pupils, const model::PupilRecord& record, const store::RecordSource& source,
                         const std::string& fingerprint, ImportReport& report) {
  auto held = pupils.find(record.upn);
  // Unchanged means the same record from the same school: a pupil who moved school must move.
  if (held && held->fingerprint == fingerprint && held->school_id == source.school_id) {
    ++report.unchanged;
    return held->id;
  }
  if (held && held->source_datetime > source.datetime) {
    // Newer data wins: an older file never overwrites what a newer one said.
    ++report.not_applied;
    report.warnings.push_back(
        {report.file,
         0,
         "",
         record.upn,
         held->source_datetime,
         "not applied: senmap holds newer data for this pupil (from a file dated " + held->source_datetime + ")",
         {}});
    return held->id;
  }
  auto id = pupils.save(record, held, source, fingerprint);
  ++(held ? report.changed : report.added);
  return id;
}

}  // namespace sm::sync
