#include "report/attendance.hpp"

namespace sm::report {

AttendanceTally tally_marks(std::string_view marks, model::Date start, std::optional<model::Date> from,
                            std::optional<model::Date> to) {
  using std::chrono::sys_days;
  AttendanceTally t;
  sys_days day{start};
  // The marks run over weekdays only: step past any weekend the start date sits on.
  while (model::is_weekend(model::Date{day})) day += std::chrono::days{1};
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (i > 0 && i % 2 == 0) {
      do day += std::chrono::days{1};
      while (model::is_weekend(model::Date{day}));
    }
    if (from && day < sys_days{*from}) continue;
    if (to && day > sys_days{*to}) break;
    t.add(marks[i]);
  }
  return t;
}

}  // namespace sm::report
