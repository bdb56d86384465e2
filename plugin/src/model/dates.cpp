#include "model/dates.hpp"

#include <charconv>
#include <cstdio>

namespace sm::model {
namespace {
bool read_number(std::string_view text, std::size_t at, std::size_t width, int& out) {
  if (at + width > text.size()) return false;
  for (std::size_t i = at; i < at + width; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  auto [ptr, ec] = std::from_chars(text.data() + at, text.data() + at + width, out);
  return ec == std::errc{} && ptr == text.data() + at + width;
}
}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!read_number(text, 0, 4, y) || !read_number(text, 5, 2, m) || !read_number(text, 8, 2, d)) return std::nullopt;
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

bool is_valid_datetime(std::string_view text) {
  if (text.size() != 16 && text.size() != 19) return false;
  if (!parse_date(text.substr(0, 10)) || text[10] != 'T' || text[13] != ':') return false;
  int hh = 0, mm = 0, ss = 0;
  if (!read_number(text, 11, 2, hh) || !read_number(text, 14, 2, mm)) return false;
  if (text.size() == 19 && (text[16] != ':' || !read_number(text, 17, 2, ss))) return false;
  return hh < 24 && mm < 60 && ss < 60;
}

std::optional<Date> parse_datetime_date(std::string_view text) {
  if (!is_valid_datetime(text)) return std::nullopt;
  return parse_date(text.substr(0, 10));
}

std::string format_date(Date d) {
  // Written by hand rather than snprintf: imports format tens of thousands of dates.
  int y = static_cast<int>(d.year());
  unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
  if (y < 0 || y > 9999) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d-%02u-%02u", y, m, day);
    return buf;
  }
  std::string out = "0000-00-00";
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

std::string format_utc(std::chrono::sys_seconds t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::hh_mm_ss time{t - day};
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02dZ", format_date(Date{day}).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

Date add_days(Date d, int days) {
  return Date{std::chrono::sys_days{d} + std::chrono::days{days}};
}

int days_between(Date from, Date to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

bool is_weekend(Date d) {
  std::chrono::weekday wd{std::chrono::sys_days{d}};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

int academic_year_of(Date d) {
  int y = static_cast<int>(d.year());
  return static_cast<unsigned>(d.month()) >= 8 ? y : y - 1;
}

std::string academic_year_name(int year) {
  const int next = (year + 1) % 100;
  return std::to_string(year) + (next < 10 ? "/0" : "/") + std::to_string(next);
}

std::string no_current_term(const std::vector<Date>& term_ends, Date today) {
  std::optional<Date> last;
  for (auto end : term_ends) {
    if (end >= today) return {};
    if (!last || end > *last) last = end;
  }
  const std::string fix =
      "add this school year's terms to the config ([[schools.terms]]) and sync: until then review dates cannot default "
      "to the end of term, and termly counts use no term";
  if (!last) return "no term dates are configured: " + fix;
  return "every configured term has ended (the last on " + format_date(*last) + "): " + fix;
}

}  // namespace sm::model
