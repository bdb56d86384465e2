// Attendance from session marks, for any date range (DfE rules: approved activities count
// as present; X, Y, Z, #, - are not possible sessions).
#pragma once
#include <optional>
#include <string_view>

#include "model/dates.hpp"

namespace sm::report {

struct AttendanceTally {
  int possible = 0, attended = 0, authorised = 0, unauthorised = 0, unknown = 0;
  std::optional<double> percent() const {
    if (possible == 0) return std::nullopt;
    return 100.0 * attended / possible;
  }
  bool persistent_absence() const { return possible > 0 && attended * 10 < possible * 9; }  // below 90%
  bool severe_absence() const { return possible > 0 && attended * 2 <= possible; }       // 50% or more missed
};

// Counts the marks of the weekdays from `start` (two marks a day, AM then PM) that fall in
// [from, to]; an empty bound is open.
AttendanceTally tally_marks(std::string_view marks, model::Date start, std::optional<model::Date> from = {},
                            std::optional<model::Date> to = {});

}  // namespace sm::report
