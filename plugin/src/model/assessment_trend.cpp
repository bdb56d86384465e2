#include "model/assessment_trend.hpp"

#include <algorithm>
#include <charconv>

namespace sm::model {

std::optional<double> score_of(std::string_view result) {
  double value = 0;
  auto [end, ec] = std::from_chars(result.data(), result.data() + result.size(), value);
  if (result.empty() || ec != std::errc{} || end != result.data() + result.size()) return std::nullopt;
  return value;
}

void TrendBuilder::add(std::string_view subject, std::string_view result, std::string_view date) {
  if (date.empty()) return;  // an undated score cannot be placed in time
  auto value = score_of(result);
  if (!value) return;
  auto it = std::find_if(slots_.begin(), slots_.end(), [&](const Slot& s) { return s.trend.subject == subject; });
  if (it == slots_.end()) {
    slots_.push_back({SubjectTrend{std::string(subject), {}, {}}});
    it = std::prev(slots_.end());
  }
  auto& t = it->trend;
  if (!it->has_latest || date >= t.latest.date) {
    if (it->has_latest) {
      t.previous = std::move(t.latest);
      it->has_previous = true;
    }
    t.latest = {std::string(date), *value};
    it->has_latest = true;
  } else if (!it->has_previous || date >= t.previous.date) {
    t.previous = {std::string(date), *value};
    it->has_previous = true;
  }
}

std::vector<SubjectTrend> TrendBuilder::trends() const {
  std::vector<SubjectTrend> out;
  for (const auto& s : slots_)
    if (s.has_previous) out.push_back(s.trend);
  return out;
}

}  // namespace sm::model
