#include "generator/school_calendar.hpp"

#include <algorithm>

#include "model/reference_data.hpp"
#include "model/working_days.hpp"

namespace sm::generator {
namespace {
using model::add_days;
using model::is_weekend;

Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

bool before(Date a, Date b) {
  return std::chrono::sys_days{a} < std::chrono::sys_days{b};
}

Date monday_of_week(Date d) {
  return add_days(d, 1 - weekday_of(d));
}

Date first_monday_on_or_after(Date d) {
  return add_days(d, (8 - weekday_of(d)) % 7);
}

Date last_monday_of(int year, unsigned month) {
  Date last{std::chrono::year{year} / std::chrono::month{month} / std::chrono::last};
  return add_days(last, -((weekday_of(last) + 6) % 7));
}

// England's usual bank holidays, for years the reference data does not cover yet.
bool is_standing_bank_holiday(Date d) {
  const int y = static_cast<int>(d.year());
  const Date easter = easter_sunday(y);
  Date new_year = ymd(y, 1, 1);
  while (is_weekend(new_year)) new_year = add_days(new_year, 1);
  std::array<Date, 8> days{new_year,
                           add_days(easter, -2),
                           add_days(easter, 1),
                           first_monday_on_or_after(ymd(y, 5, 1)),
                           last_monday_of(y, 5),
                           last_monday_of(y, 8),
                           ymd(y, 12, 25),
                           ymd(y, 12, 26)};
  // Christmas and Boxing Day on a weekend move to the next free weekdays.
  const int christmas = weekday_of(days[6]);
  if (christmas == 6) {
    days[6] = ymd(y, 12, 27);
    days[7] = ymd(y, 12, 28);
  }
  if (christmas == 7) {
    days[6] = ymd(y, 12, 27);
  }
  if (christmas == 5) {
    days[7] = ymd(y, 12, 28);
  }
  return std::find(days.begin(), days.end(), d) != days.end();
}

struct Closure {
  Date from;
  Date to;  // inclusive
};

}  // namespace

int weekday_of(Date d) {
  return static_cast<int>(std::chrono::weekday{std::chrono::sys_days{d}}.iso_encoding());
}

Date easter_sunday(int year) {
  return model::easter_sunday(year);
}

bool is_bank_holiday(Date d) {
  if (model::bank_holidays_known_for(static_cast<int>(d.year()))) return model::is_england_bank_holiday(d);
  return is_standing_bank_holiday(d);
}

SchoolCalendar school_calendar_for(int academic_year) {
  const int y = academic_year;
  SchoolCalendar cal;
  cal.academic_year = y;

  // Autumn starts on 1 September unless that falls late in a week, then the next Monday.
  Date autumn_first = ymd(y, 9, 1);
  if (weekday_of(autumn_first) >= 5) autumn_first = first_monday_on_or_after(autumn_first);
  const Date october_half_term = last_monday_of(y, 10);
  const Date christmas_break = monday_of_week(ymd(y, 12, 25));
  const Date spring_first = add_days(christmas_break, 14);
  const Date february_half_term = first_monday_on_or_after(ymd(y + 1, 2, 12));
  // Two weeks at Easter, starting the Monday of Good Friday's week.
  const Date easter_break = add_days(easter_sunday(y + 1), -6);
  const Date summer_first = add_days(easter_break, 14);
  const Date may_half_term = last_monday_of(y + 1, 5);
  Date summer_last = ymd(y + 1, 7, 22);
  while (is_weekend(summer_last)) summer_last = add_days(summer_last, -1);

  cal.terms = {SchoolTerm{"autumn", autumn_first, add_days(christmas_break, -3)},
               SchoolTerm{"spring", spring_first, add_days(easter_break, -3)},
               SchoolTerm{"summer", summer_first, summer_last}};
  const std::array<Closure, 3> half_terms{Closure{october_half_term, add_days(october_half_term, 4)},
                                          Closure{february_half_term, add_days(february_half_term, 4)},
                                          Closure{may_half_term, add_days(may_half_term, 4)}};

  // Five INSET days, where most schools put them: two to open the year, one to open each
  // later term, one after the May half term.
  auto first_weekday_from = [](Date d) {
    while (is_weekend(d) || is_bank_holiday(d)) d = add_days(d, 1);
    return d;
  };
  Date inset = first_weekday_from(autumn_first);
  cal.inset_days.push_back(inset);
  cal.inset_days.push_back(first_weekday_from(add_days(inset, 1)));
  cal.inset_days.push_back(first_weekday_from(spring_first));
  cal.inset_days.push_back(first_weekday_from(summer_first));
  cal.inset_days.push_back(first_weekday_from(add_days(may_half_term, 7)));

  for (Date d = autumn_first; !before(summer_last, d); d = add_days(d, 1)) {
    if (is_weekend(d)) continue;
    int term = -1;
    for (std::size_t t = 0; t < cal.terms.size(); ++t)
      if (!before(d, cal.terms[t].first_day) && !before(cal.terms[t].last_day, d)) term = static_cast<int>(t);
    bool open = term >= 0 && !is_bank_holiday(d) &&
                std::find(cal.inset_days.begin(), cal.inset_days.end(), d) == cal.inset_days.end();
    for (const auto& closure : half_terms)
      if (!before(d, closure.from) && !before(closure.to, d)) open = false;
    cal.weekdays.push_back(SchoolWeekday{d, open, term});
  }
  return cal;
}

std::size_t SchoolCalendar::position_of(Date d) const {
  auto it = std::lower_bound(weekdays.begin(), weekdays.end(), d, [](const SchoolWeekday& w, Date x) {
    return std::chrono::sys_days{w.date} < std::chrono::sys_days{x};
  });
  if (it == weekdays.end() || it->date != d) return weekdays.size();
  return static_cast<std::size_t>(it - weekdays.begin());
}

bool SchoolCalendar::is_open(Date d) const {
  std::size_t at = position_of(d);
  return at < weekdays.size() && weekdays[at].open;
}

int SchoolCalendar::open_days() const {
  return static_cast<int>(std::count_if(weekdays.begin(), weekdays.end(), [](const auto& w) { return w.open; }));
}

}  // namespace sm::generator
