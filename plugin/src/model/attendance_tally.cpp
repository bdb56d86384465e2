#include "model/attendance_tally.hpp"

#include <array>

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
    case AttendanceMeaning::approved_activity:
      ++possible;
      ++attended;
      break;
    case AttendanceMeaning::authorised:
      ++possible;
      ++authorised;
      break;
    case AttendanceMeaning::unauthorised:
      ++possible;
      ++unauthorised;
      break;
    case AttendanceMeaning::not_possible:
      break;
  }
}

void AttendanceTally::add_all(std::string_view marks) {
  std::array<int, 256> count{};
  for (char m : marks) ++count[static_cast<unsigned char>(m)];
  for (int c = 0; c < 256; ++c) {
    if (count[c] == 0) continue;
    AttendanceTally one;
    one.add(static_cast<char>(c));
    possible += one.possible * count[c];
    attended += one.attended * count[c];
    authorised += one.authorised * count[c];
    unauthorised += one.unauthorised * count[c];
    unknown += one.unknown * count[c];
  }
}

void count_totals_from_marks(AttendanceYear& year) {
  AttendanceTally tally;
  tally.add_all(year.marks);
  year.sessions_possible = tally.possible;
  year.sessions_attended = tally.attended;
  year.sessions_authorised = tally.authorised;
  year.sessions_unauthorised = tally.unauthorised;
}

}  // namespace sm::model
