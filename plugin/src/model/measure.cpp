#include "model/measure.hpp"

#include <charconv>
#include <string>

namespace sm::model {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<int> whole(std::string_view s) {
  s = trim(s);
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

// Years and months, each a whole number, months 0 to 11.
std::optional<Measure> age(std::string_view years, std::string_view months) {
  auto y = whole(years), m = months.empty() ? std::optional<int>(0) : whole(months);
  if (!y || !m || *m > 11 || *y > 30) return std::nullopt;
  return Measure{Measure::Kind::age_in_months, static_cast<double>(*y * 12 + *m)};
}

}  // namespace

std::optional<Measure> parse_measure(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc{} && end == text.data() + text.size()) return Measure{Measure::Kind::score, v};
  // "9y2m", "9y 2m", "9y", "9Y2M"
  auto y = text.find_first_of("yY");
  if (y != std::string_view::npos) {
    auto rest = trim(text.substr(y + 1));
    if (rest.empty()) return age(text.substr(0, y), "");
    if (rest.back() != 'm' && rest.back() != 'M') return std::nullopt;
    return age(text.substr(0, y), rest.substr(0, rest.size() - 1));
  }
  // "9:02"
  if (auto colon = text.find(':'); colon != std::string_view::npos)
    return age(text.substr(0, colon), text.substr(colon + 1));
  return std::nullopt;
}

}  // namespace sm::model
