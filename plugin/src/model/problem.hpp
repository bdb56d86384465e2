// A problem found in input: everything a person needs to find and fix it.
#pragma once
#include <cstddef>
#include <string>

namespace sm::model {

struct Problem {
  std::string file;      // as given by the user
  std::size_t line = 0;  // 1-based; 0 when the problem is not tied to a line
  std::string path;      // element path, e.g. CTfile/CTFpupilData/Pupil[12]/SENhistory/SEN[2]/StartDate
  std::string upn;       // the pupil concerned, when known
  std::string value;     // the offending value as found (truncated if long)
  std::string rule;      // the rule broken, in plain words
  std::string record;    // the source's own id of the record, e.g. a OneRoster sourcedId
};

}  // namespace sm::model
