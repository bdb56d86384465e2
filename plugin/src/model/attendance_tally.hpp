// Counting session marks by the DfE rules: approved educational activities count as present;
// X, Y, Z, # and - are not possible sessions. One rule for reports, rules and the generator.
#pragma once
#include <optional>
#include <string_view>

#include "model/pupil_record.hpp"

namespace sm::model {

struct AttendanceTally {
  int possible = 0, attended = 0, authorised = 0, unauthorised = 0, unknown = 0;

  void add(char mark);  // a mark not in the DfE table is counted as unknown, never guessed
  // A whole year of marks (rules and reports tally every pupil): counted per kind of mark first.
  void add_all(std::string_view marks);

  std::optional<double> percent() const {
    if (possible == 0) return std::nullopt;
    return 100.0 * attended / possible;
  }
  bool persistent_absence() const { return possible > 0 && attended * 10 < possible * 9; }  // below 90%
  bool severe_absence() const { return possible > 0 && attended * 2 <= possible; }          // 50% or more missed
};

// A year's session totals counted from its marks, for a source that sends the marks alone.
void count_totals_from_marks(AttendanceYear& year);

}  // namespace sm::model
