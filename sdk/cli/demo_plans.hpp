// The SEN support plans of the demo's register beyond the pupils with a full provision record:
// what a school running senmap holds for most of its register (an assess-plan-do-review cycle
// with parents met at each step), so the flags are the few a SENCO would work through, not one
// for nearly every pupil.
#pragma once
#include <boost/json/object.hpp>
#include <vector>

#include "demo_year.hpp"
#include "senmap/senmap.hpp"

namespace senmap_cli {

struct RollingPlans {
  int cycles = 0, reviews = 0, meetings = 0;
  int awaiting = 0;  // new to the register: their first assessment is still to come
};

// For each pupil (register entries: upn, status_since), from their first assessment (last school
// year: the school has run senmap since then, or when they joined the register) to today: assess and meet the parents,
// plan two school days later, review twelve weeks on and plan again. The first assessments are spread over the first
// ten weeks of the year, as a SENCO books them, so reviews fall through the year, not all in one week.
RollingPlans seed_rolling_plans(senmap_cpp::Database& db, const DemoYear& year,
                                const std::vector<const boost::json::object*>& pupils);

}  // namespace senmap_cli
