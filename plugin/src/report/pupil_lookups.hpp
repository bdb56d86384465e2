// Small reads about one pupil that operations and flag rules both need: kept here, below both,
// so neither has to reach into the other.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace sm::report {

// A pupil's UPN from their id (empty when there is no such pupil).
std::string upn_of(store::Database& db, std::int64_t pupil);

// An imported result and its date.
struct ResultOn {
  std::string value, date;
};
// The imported result of `subject` nearest before (or on) `date`, or nearest on or after it.
std::optional<ResultOn> result_near(store::Database& db, std::int64_t pupil, const std::string& subject,
                                    const std::string& date, bool before);

}  // namespace sm::report
