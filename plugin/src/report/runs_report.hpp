// The import journal, newest first: what came, when, what it changed, what was refused.
#pragma once
#include <boost/json/value.hpp>

#include "store/database.hpp"

namespace sm::report {

boost::json::value runs_json(store::Database& db, int limit = 200);

}  // namespace sm::report
