// How the store writes a day: ISO 8601 text (2025-09-01), so SQLite compares and sorts days as
// text, and NULL for a day not known.
#pragma once
#include <optional>
#include <string>

#include "model/dates.hpp"

namespace sm::store {

inline std::optional<std::string> date_or_null(const std::optional<model::Date>& day) {
  return day ? std::optional<std::string>(model::format_date(*day)) : std::nullopt;
}

}  // namespace sm::store
