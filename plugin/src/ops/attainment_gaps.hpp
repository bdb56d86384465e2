// Attainment gaps over time: on each assessment measure held, the mean result of pupils without
// SEN against pupils with SEN, term by term, and whether the gap is closing or widening. Governors
// are told to ask "are attainment gaps closing?"; a single year's means cannot answer it.
#pragma once
#include <boost/json/value.hpp>

#include "ops/operation.hpp"
#include "report/pupil_groups.hpp"

namespace sm::ops {

// {"terms_rule","min_group","subjects":[{"subject","terms":[{"term","from","to","sen_pupils",
// "sen_mean","no_sen_pupils","no_sen_mean","gap","gap_sd"}],"trend","fitted_change_sd"}]}: for each
// subject its last `terms` terms holding numeric results. A pupil counts once a term (their latest
// result in it), in the group of their SEN status on the term's last day (or today, in a term not
// yet over), when the filter takes them then.
boost::json::value attainment_gaps(Context& context, const report::SchoolHistory& history,
                                   const report::PupilFilter& filter, int terms);

}  // namespace sm::ops
