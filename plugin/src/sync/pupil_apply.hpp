// One pupil's record from any source (a CTF, a live MIS read) against what the store holds: the
// same record from the same school changes nothing, an older one never overwrites newer data, and
// anything else is saved.
#pragma once
#include <cstdint>
#include <string>

#include "model/pupil_record.hpp"
#include "store/pupil_store.hpp"
#include "sync/ctf_import.hpp"

namespace sm::sync {

// Counts the outcome in `report` (unchanged, not_applied with a warning, changed or added) and
// returns the pupil's id in the store (0 for a pupil it does not hold and did not add).
std::int64_t apply_pupil(store::PupilStore& pupils, const model::PupilRecord& record, const store::RecordSource& source,
                         const std::string& fingerprint, ImportReport& report);

}  // namespace sm::sync
