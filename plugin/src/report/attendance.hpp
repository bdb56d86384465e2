// Attendance from session marks, for any date range (DfE rules: approved activities count
// as present; X, Y, Z, #, - are not possible sessions).
#pragma once
#include <optional>
#include <string_view>

#include "model/attendance_tally.hpp"
#include "model/dates.hpp"

namespace sm::report {

using model::AttendanceTally;

// Counts the marks of the weekdays from `start` (two marks a day, AM then PM) that fall in
// [from, to]; an empty bound is open.
AttendanceTally tally_marks(std::string_view marks, model::Date start, std::optional<model::Date> from = {},
                            std::optional<model::Date> to = {});

}  // namespace sm::report
