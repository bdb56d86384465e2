#include "report/attendance.hpp"

#include "model/reference_data.hpp"

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
    const auto* code = model::find_attendance_code(marks[i]);
    if (!code) {
      ++t.unknown;
      continue;
    }
    switch (code->meaning) {
      case model::AttendanceMeaning::present:
      case model::AttendanceMeaning::approved_activity: ++t.possible; ++t.attended; break;
      case model::AttendanceMeaning::authorised: ++t.possible; ++t.authorised; break;
      case model::AttendanceMeaning::unauthorised: ++t.possible; ++t.unauthorised; break;
      case model::AttendanceMeaning::not_possible: break;
    }
  }
  return t;
}

}  // namespace sm::report
