// What provision cost in a period: each placement that ran in it, priced per pupil from the
// catalogue (model/provision_cost), with its sessions delivered and attended. The provision map,
// the costs report and the SEND budget all count spend this one way.
#pragma once
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ops/operation.hpp"
#include "report/pupil_groups.hpp"

namespace sm::ops {

struct SpendPeriod {
  std::string from, to;  // YYYY-MM-DD, both days in
};

// The request's from / to; by default the academic year that holds today, from 1 August as the
// CTF's academic year rolls on.
SpendPeriod spend_period(const Context& context, const boost::json::object& r);

struct PlacedCost {
  std::int64_t placement, provision;
  std::string name, start, end;
  std::int64_t wave, planned, delivered, attended, cost_pence;
  const report::PupilFacts* pupil;
};

struct SpendSelection {
  SpendPeriod period;
  report::PupilFilter filter;
  std::optional<std::int64_t> wave;
};

// The period, the pupil filters and `wave` of a request; a wave other than 1 to 3 is refused.
SpendSelection spend_selection(Context& context, const boost::json::object& r);

// Placements that ran in the period for pupils the filter keeps, by provision name then pupil;
// `pupils` must outlive the result.
std::vector<PlacedCost> placed_in(Context& context, const SpendSelection& sel,
                                  const std::unordered_map<std::int64_t, report::PupilFacts>& pupils);

}  // namespace sm::ops
