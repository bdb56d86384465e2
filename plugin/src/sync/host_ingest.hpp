// A batch a host pushes (senmap_ingest, or its answer to the sync's host source callback) into
// the store with the rules of a CTF import: every pupil checked, one transaction, a journal row,
// leavers marked left (never deleted), the same batch twice applied once.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "model/pupil_record.hpp"
#include "store/database.hpp"
#include "sync/ctf_import.hpp"

namespace sm::sync {

struct IngestOptions {
  std::string today;                     // YYYY-MM-DD, for what the batch itself does not date
  std::string origin = "senmap_ingest";  // names the batch in problems and the journal
  bool lenient = false;                  // apply the valid pupils and report the rest
  // The sync asked the host for this school: a batch for another is refused.
  std::optional<model::SchoolRef> expected_school;
};

// The report has the shape of a CTF import's, with source "host". Never throws for bad input:
// the problems say what is wrong, by field path and UPN.
ImportReport ingest_batch(store::Database& db, std::string_view batch_json, const IngestOptions& options);

}  // namespace sm::sync
