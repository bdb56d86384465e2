// A request's text values (a query string, a path, a page's form) as the fields of an operation's
// JSON request, typed as the operation declares them. The operation validates them again.
#pragma once
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ops/operation.hpp"

namespace sm::http {

// Adds `value` to `request[name]`: a number or boolean where the field is one, appended where the
// field is a list (a list of text takes each line of `value` as an item), text otherwise (and for names the operation
// does not know).
void add_field(const ops::Operation& op, boost::json::object& request, const std::string& name,
               const std::string& value);

// The operation called `name`, or nullptr.
const ops::Operation* operation_named(std::string_view name);

// The fields of an application/x-www-form-urlencoded body, in order, decoded ("" values kept).
std::vector<std::pair<std::string, std::string>> form_fields(std::string_view body);
// One field of such a body, "" when absent or malformed.
std::string form_field(std::string_view body, std::string_view name);

}  // namespace sm::http
