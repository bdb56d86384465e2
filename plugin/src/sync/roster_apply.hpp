// A rostering source's records into the store, in the caller's transaction: terms, staff, students
// matched to pupils, classes, enrolments and gradebook results, with what cannot be matched yet
// kept waiting. Used for OneRoster bundles and for the classes a live MIS source reads.
#pragma once
#include "oneroster/oneroster_reader.hpp"
#include "store/roster_store.hpp"
#include "sync/ctf_import.hpp"

namespace sm::sync {

// Counts per kind go to `report.details`; located problems to `report.problems`.
void apply_roster(const oneroster::RosterData& data, store::RosterStore& store, ImportReport& report);

}  // namespace sm::sync
