#include "report/attendance.hpp"

namespace sm::report {

AttendanceTally tally_marks(std::string_view marks, model::Date start, std::optional<model::Date> from,
                            std::optional<model::Date> to) {
  using std::chrono::sys_days;
  AttendanceTally t;
  if (!from && !to) {  // the whole year: no dates to walk (rules and reports tally every pupil)
    t.add_all(marks);
    return t;
  }
  // The weekday straight from the day count: no calendar conversion per session.
  auto weekend = [](sys_days d) {
    std::chrono::weekday wd{d};
    return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
  };
  sys_days day{start};
  // The marks run over weekdays only: step past any weekend the start date sits on.
  while (weekend(day)) day += std::chrono::days{1};
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (i > 0 && i % 2 == 0) {
      do day += std::chrono::days{1};
      while (weekend(day));
    }
    if (from && day < sys_days{*from}) continue;
    if (to && day > sys_days{*to}) break;
    t.add(marks[i]);
  }
  return t;
}

}  // namespace sm::report
