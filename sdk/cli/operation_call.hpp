// One operation called through the public API with a JSON request, its answer parsed: the one way
// the CLI's verbs and the demo's seeding reach an operation (Database::call_operation).
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>

#include "senmap/senmap.hpp"

namespace senmap_cli {

boost::json::value call(senmap_cpp::Database& db, const std::string& op, const boost::json::object& request);

}  // namespace senmap_cli
