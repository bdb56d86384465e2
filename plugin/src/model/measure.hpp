// A baseline or exit measure as a SENCO types it: a score ("94", "101.5") or an age, as reading
// and spelling ages are written ("9y2m", "9y 2m", "9:02" for 9 years 2 months). Impact compares
// a baseline with an exit only when both are of one kind.
#pragma once
#include <optional>
#include <string_view>

namespace sm::model {

struct Measure {
  enum class Kind { score, age_in_months };
  Kind kind = Kind::score;
  double value = 0;  // the score, or the age in whole months
};

// Nothing when the text is neither a number nor an age in one of the forms above.
std::optional<Measure> parse_measure(std::string_view text);

}  // namespace sm::model
