// Reading Wonde's JSON: PHP date objects, included relations wrapped as {"data": ...}, fields that
// may be a string or a number, and the timestamps `updated_after` takes. No I/O here.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "model/dates.hpp"
#include "model/problem.hpp"

namespace sm::wonde {

// A moment as Wonde writes it: the date, and the wall-clock time in the timezone it names.
struct PhpDate {
  model::Date date{};
  std::chrono::sys_seconds moment{};  // the wall-clock time read as UTC (Wonde's timestamps are UTC)
  std::string timezone;               // as given ("UTC", "Europe/London"), empty when absent
};

// {"date":"2015-10-29 14:53:44.000000","timezone_type":3,"timezone":"UTC"}, microseconds
// optional; a plain "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" string is accepted too.
std::optional<PhpDate> parse_php_date(const boost::json::value& value);

// `Y-m-d H:i:s` (what `updated_after` takes and what a cursor holds) both ways, in UTC.
std::string format_wonde_time(std::chrono::sys_seconds t);
std::optional<std::chrono::sys_seconds> parse_wonde_time(std::string_view text);

// The member, or nullptr when absent or JSON null.
const boost::json::value* member(const boost::json::object& object, std::string_view key);

// A text field: a string as is, a number written out (ids and years come both ways), else empty.
std::string text(const boost::json::object& object, std::string_view key);

// An included object ("extended_details":{"data":{...}}); a bare object is accepted too.
const boost::json::object* included_object(const boost::json::object& object, std::string_view key);
// An included collection ("classes":{"data":[...]}); a bare array is accepted too.
const boost::json::array* included_array(const boost::json::object& object, std::string_view key);

// A count that may arrive as a string ("200") or a number; nullopt when neither.
std::optional<long long> lenient_count(const boost::json::value* value);

// A problem in one record: the list it came from ("students/"), the record's Wonde id, the
// field (a dotted path below the record) and the rule it breaks.
model::Problem record_problem(const std::string& endpoint, const std::string& id, const std::string& field,
                              const std::string& value, const std::string& rule);

}  // namespace sm::wonde
