// A problem found in a file (model::Problem) as senmap hands it out in JSON.
#pragma once
#include <boost/json/array.hpp>
#include <vector>

#include "model/problem.hpp"

namespace sm::report {

// [{"file","line","path","upn","value","rule","record"}]
boost::json::array problems_json(const std::vector<model::Problem>& problems);

}  // namespace sm::report
