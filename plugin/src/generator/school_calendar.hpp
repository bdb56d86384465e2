// A typical English local authority's school year: three terms, half terms, holidays, INSET
// days and bank holidays, computed from the academic year alone (no table to maintain).
#pragma once
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "model/dates.hpp"

namespace sm::generator {

using model::Date;

struct SchoolTerm {
  std::string_view name;  // "autumn", "spring", "summer"
  Date first_day;         // including INSET days
  Date last_day;
};

// One weekday of the school year. Weekends are not in the year at all, as in the
// attendance marks string; a closed weekday (holiday, bank holiday, INSET) is marked '#'.
struct SchoolWeekday {
  Date date;
  bool open;  // pupils expected in school
  int term;   // 0 autumn, 1 spring, 2 summer; -1 in a holiday between terms
};

struct SchoolCalendar {
  int academic_year = 0;  // the calendar year the school year starts in
  std::array<SchoolTerm, 3> terms;
  std::vector<Date> inset_days;
  std::vector<SchoolWeekday> weekdays;  // first day of autumn term .. last day of summer term

  Date first_day() const { return terms[0].first_day; }
  Date last_day() const { return terms[2].last_day; }
  // Position of `d` in `weekdays`, or weekdays.size() when `d` is a weekend or outside the year.
  std::size_t position_of(Date d) const;
  bool is_open(Date d) const;
  int open_days() const;
};

SchoolCalendar school_calendar_for(int academic_year);

// Easter Sunday (anonymous Gregorian algorithm).
Date easter_sunday(int year);

// England's bank holidays: the reference data where it covers the year, otherwise the
// standing pattern (New Year, Easter, May, August, Christmas with substitute days).
bool is_bank_holiday(Date d);

int weekday_of(Date d);  // 1 Monday .. 7 Sunday (ISO)

}  // namespace sm::generator
