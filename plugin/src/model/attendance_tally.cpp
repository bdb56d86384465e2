#include "model/attendance_tally.hpp"

#include "model/reference_data.hpp"

namespace sm::model {

void AttendanceTally::add(char mark) {
  const auto* code = find_attendance_code(mark);
  if (!code) {
    ++unknown;
    return;
  }
  switch (code->meaning) {
    case AttendanceMeaning::present:
    case AttendanceMeaning::approved_activity: ++possible; ++attended; break;
    case AttendanceMeaning::authorised: ++possible; ++authorised; break;
    case AttendanceMeaning::unauthorised: ++possible; ++unauthorised; break;
    case AttendanceMeaning::not_possible: break;
  }
}

}  // namespace sm::model
