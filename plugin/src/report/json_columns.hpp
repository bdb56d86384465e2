// A query column as JSON: its text, or null when the column is NULL.
#pragma once
#include <boost/json/value.hpp>

#include "store/database.hpp"

namespace sm::report {

inline boost::json::value text_or_null(const store::Statement& s, int column) {
  return s.is_null(column) ? boost::json::value(nullptr) : boost::json::value(s.text(column));
}

}  // namespace sm::report
