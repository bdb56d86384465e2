// Suspensions as the register shows them: sessions marked E (excluded, no alternative provision
// made). Counted from the marks senmap already holds, so a school sees its suspensions without
// keying them in again.
#pragma once
#include <string_view>

namespace sm::model {

struct SuspensionTally {
  int suspensions = 0;  // runs of E marks
  int sessions = 0;     // sessions marked E
};

// A run of E marks over consecutive sessions is one suspension: the DfE counts a suspension, not
// its days. '#' (school closed) and the weekends the marks string leaves out do not end a run; any
// other mark does. Two suspensions back to back with nothing between read as one.
SuspensionTally suspensions_in(std::string_view marks);

}  // namespace sm::model
