#include "model/suspensions.hpp"

namespace sm::model {

SuspensionTally suspensions_in(std::string_view marks) {
  SuspensionTally t;
  bool in_run = false;
  for (char mark : marks) {
    if (mark == 'E') {
      ++t.sessions;
      if (!in_run) ++t.suspensions;
      in_run = true;
    } else if (mark != '#') {
      in_run = false;
    }
  }
  return t;
}

}  // namespace sm::model
