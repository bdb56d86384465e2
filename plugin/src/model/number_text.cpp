#include "model/number_text.hpp"

#include <charconv>
#include <cmath>
#include <iomanip>
#include <locale>
#include <sstream>
#include <stdexcept>

namespace sm::model {
namespace {

// Thousands grouped with commas, a decimal point: as numbers are written in England, whatever
// locale the process runs under (the classic locale groups nothing).
struct EnglishDigits : std::numpunct<char> {
  char do_decimal_point() const override { return '.'; }
  char do_thousands_sep() const override { return ','; }
  std::string do_grouping() const override { return "\3"; }
};

const std::locale& english() {
  static const std::locale locale(std::locale::classic(), new EnglishDigits);
  return locale;
}

// `v` to `decimals` places, grouped; "-0.00" (a small negative rounded away) loses its sign.
std::string fixed(double v, int decimals) {
  std::ostringstream out;
  out.imbue(english());
  out << std::fixed << std::setprecision(decimals) << v;
  auto text = out.str();
  if (text.front() == '-' && text.find_first_of("123456789") == std::string::npos) text.erase(0, 1);
  return text;
}

}  // namespace

std::string round_trip_decimal(double v) {
  if (!std::isfinite(v)) return {};
  // Fixed form without a precision is the shortest that round-trips; the longest (a subnormal)
  // is under 330 characters.
  char text[400];
  auto [end, error] = std::to_chars(text, text + sizeof text, v, std::chars_format::fixed);
  if (error != std::errc()) throw std::logic_error("round_trip_decimal: buffer too small");
  return std::string(text, end);
}

std::string decimal_text(double v, int decimals) {
  if (!std::isfinite(v)) return {};
  auto text = fixed(v, decimals);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

std::string money_text(double pounds) {
  if (!std::isfinite(pounds)) return {};
  auto text = fixed(pounds, 2);
  return text.front() == '-' ? "-£" + text.substr(1) : "£" + text;
}

std::string percent_text(double percent) {
  if (!std::isfinite(percent)) return {};
  return fixed(percent, 1) + "%";
}

std::string count_text(std::int64_t n) {
  std::ostringstream out;
  out.imbue(english());
  out << n;
  return out.str();
}

double round1(double v) {
  return std::round(v * 10.0) / 10.0;
}

}  // namespace sm::model
