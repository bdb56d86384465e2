// JSON as senmap hands it out (the C ABI, the HTTP API, the CLI's --json): Boost.JSON's text, except
// that a double is its shortest round-trip plain decimal (15.1, 90, 0.001) where Boost.JSON 1.81
// writes 1.51E1, 9E1, 1E-3, and NaN or infinity is null (Boost.JSON writes NaN, not JSON).
#pragma once
#include <boost/json/value.hpp>
#include <string>

namespace sm::report {

std::string json_text(const boost::json::value& v);

}  // namespace sm::report
