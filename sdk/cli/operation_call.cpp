#include "operation_call.hpp"

#include <boost/json.hpp>

namespace senmap_cli {

boost::json::value call(senmap_cpp::Database& db, const std::string& op, const boost::json::object& request) {
  return boost::json::parse(db.call_operation(op, boost::json::serialize(request)));
}

}  // namespace senmap_cli
