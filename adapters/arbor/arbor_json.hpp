// Arbor's JSON shapes (rest-v2), shared by the reader and the writeback target: references
// {"entityType","href"}, dates {"entityType":"date","date":"Y-m-d H:i:s"}, single objects
// {"<type>":{...}}, lists of references, create bodies {"request":{"<type>":{...}}} and the error
// envelope {"response":{"code","reason","errors":[{"exception","message"}]}}. No I/O here.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/dates.hpp"

namespace sm::arbor {

// The href of a reference (or of an object carrying one); empty when `v` is neither.
std::string href_of(const boost::json::value* v);
// The last path segment of an href: "/rest-v2/students/1224" -> "1224".
std::string id_of_href(std::string_view href);
// A reference as Arbor writes one.
boost::json::object reference(std::string_view entity_type, std::string_view href);

// A date or datetime: {"entityType":"date","date":"Y-m-d H:i:s"}, or a plain "Y-m-d[ H:i:s]" string.
std::optional<model::Date> date_of(const boost::json::value* v);
// A date as Arbor takes one in a write ("Y-m-d").
std::string arbor_date(model::Date d);

// Text, number or boolean as text; empty for null or absent.
std::string text_of(const boost::json::object& o, std::string_view key);
std::optional<bool> bool_of(const boost::json::object& o, std::string_view key);
std::optional<long long> integer_of(const boost::json::object& o, std::string_view key);

// The one object a GET of a single record answers ({"student":{...}}): the first member that is
// an object and not the error envelope. Null when there is none.
const boost::json::object* single_object(const boost::json::value& body);
boost::json::object* single_object(boost::json::value& body);  // the same, to move it out
// The references a list answers ({"students":[{...}, ...]}): the first member that is an array.
std::vector<std::string> list_hrefs(const boost::json::value& body);

// What the error envelope says. `code` overrides the HTTP status (a 422 comes as a 200 reply).
struct ArborStatus {
  int code = 0;         // effective status: response.code when present, else the HTTP status
  std::string reason;   // response.reason
  std::string message;  // the first errors[].message (or the reason)
  bool ok() const { return code >= 200 && code < 300; }
};
ArborStatus status_of(int http_status, const boost::json::value* body);

// {"request":{"<type>":{...}}}
boost::json::object create_body(std::string_view type, boost::json::object fields);

}  // namespace sm::arbor
