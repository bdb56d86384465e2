#include "model/working_days.hpp"

#include "model/reference_data.hpp"

namespace sm::model {

Date easter_sunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
              std::chrono::day{static_cast<unsigned>(day)}};
}

bool is_working_day(Date d) {
  if (is_weekend(d)) return false;
  if (static_cast<unsigned>(d.month()) == 12 && static_cast<unsigned>(d.day()) == 25) return false;
  if (d == add_days(easter_sunday(static_cast<int>(d.year())), -2)) return false;  // Good Friday
  return !is_england_bank_holiday(d);
}

Date add_working_days(Date from, int n) {
  Date d = from;
  while (n > 0) {
    d = add_days(d, 1);
    if (is_working_day(d)) --n;
  }
  return d;
}

bool working_days_known_between(Date from, Date to) {
  for (int y = static_cast<int>(from.year()); y <= static_cast<int>(to.year()); ++y)
    if (!bank_holidays_known_for(y)) return false;
  return true;
}

}  // namespace sm::model
