// A response's values as a document says them (the governors' report, the handover pack): numbers,
// money and percentages for people, a missing value as the words given for it.
#pragma once
#include <boost/json/value.hpp>
#include <string>

namespace sm::ops::words {

// Text as it is, yes/no, numbers for people (1,287.5); `missing` for null.
std::string text(const boost::json::value& v, const std::string& missing = "not recorded");
// £5,072.36, or `missing`.
std::string money(const boost::json::value& v, const std::string& missing);
// 15.1%, or `missing`.
std::string percent(const boost::json::value& v, const std::string& missing);

}  // namespace sm::ops::words
