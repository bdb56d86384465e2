// Per-pupil summaries the importers keep beside the detail they write: each attendance year's
// counts from its session marks, and each subject's latest two scores. The nightly rules and the
// whole-school reports read these instead of re-reading every mark and result.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "model/assessment_trend.hpp"
#include "store/database.hpp"

namespace sm::store {

// Replaces what is held for the pupil's results from one source (ctf | oneroster). A pupil new to
// the store (is_new) has nothing to replace: 2,000 deletes of nothing saved on a first import.
void write_trends(Database& db, std::int64_t pupil, std::string_view source,
                  const std::vector<model::SubjectTrend>& trends, bool is_new = false);

// Recomputes one source's trends for a pupil from the results stored (after a delta changed some).
void refresh_trends(Database& db, std::int64_t pupil, std::string_view source);

// Fills both summaries for everything already stored (a database from before they were kept).
void backfill_summaries(Database& db);

}  // namespace sm::store
