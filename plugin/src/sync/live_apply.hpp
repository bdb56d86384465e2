// What a live MIS source read, or a batch a host pushed, into the store: one transaction that
// holds the pupils, the leavers, the roster and the delta cursors that cover them, or nothing.
#pragma once
#include <string>

#include "live/live_read.hpp"
#include "model/pupil_record.hpp"
#include "store/database.hpp"
#include "sync/ctf_import.hpp"

namespace sm::sync {

struct LiveApplyOptions {
  std::string today;     // YYYY-MM-DD: the day leavers are marked left
  std::string location;  // the journal's file_name: the service's address, or the host batch's name
  bool lenient = false;  // apply the valid pupils and report the rest
};

// `report` arrives with what the caller knows (source, file, school, requests made) and leaves
// with the counts and problems; `applied` says whether the store changed. A read with problems
// is refused (strict) before anything is written.
void apply_live_read(store::Database& db, const model::SchoolRef& school, live::LiveRead& read,
                     const LiveApplyOptions& options, ImportReport& report);

}  // namespace sm::sync
