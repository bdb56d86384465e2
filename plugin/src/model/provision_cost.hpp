// What a provision costs per pupil: staff time for the whole run plus resources, shared by the
// group. Computed from the catalogue's parameters, never typed in.
#pragma once
#include <cmath>
#include <cstdint>

namespace sm::model {

inline std::int64_t cost_per_pupil_pence(double sessions_per_week, std::int64_t minutes, std::int64_t weeks,
                                         std::int64_t hourly_pence, std::int64_t resource_pence,
                                         std::int64_t group_size) {
  double staff = sessions_per_week * static_cast<double>(weeks * minutes) / 60.0 * static_cast<double>(hourly_pence);
  return std::llround((staff + static_cast<double>(resource_pence)) / static_cast<double>(group_size));
}

inline double pounds(std::int64_t pence) {
  return static_cast<double>(pence) / 100.0;
}

// Money as typed (pounds, e.g. 14.5) kept as whole pence, so sums never drift.
inline std::int64_t pence(double pounds) {
  return static_cast<std::int64_t>(std::llround(pounds * 100.0));
}

}  // namespace sm::model
