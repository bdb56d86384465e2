// EHC plan Section F delivery: each provision line's hours specified to date (school weeks from
// the term dates x hours a week) against hours delivered (sessions attended on its placements).
#pragma once
#include <boost/json/value.hpp>

#include "model/dates.hpp"
#include "store/database.hpp"

namespace sm::report {

// [{"id","description","hours_per_week","from","to","placements","period":{"from","to","school_weeks","basis"},
//   "specified_hours","delivered_hours","sessions_attended","delivered_percent"}] up to `today`.
boost::json::value section_f_json(store::Database& db, std::int64_t plan_id, model::Date today);

}  // namespace sm::report
