#include "demo_year.hpp"

namespace senmap_cli {
namespace {
using sm::model::add_days;

Date monday_of(Date d) {
  return add_days(d, 1 - sm::generator::weekday_of(d));
}

Date open_on_or_after(const sm::generator::SchoolCalendar& cal, Date d) {
  for (int guard = 0; guard < 60 && !cal.is_open(d); ++guard) d = add_days(d, 1);  // the summer: six weeks
  return d;
}

Date open_on_or_before(const sm::generator::SchoolCalendar& cal, Date d) {
  for (int guard = 0; guard < 30 && !cal.is_open(d); ++guard) d = add_days(d, -1);
  return d;
}

DemoTerm term_dates(const sm::generator::SchoolCalendar& cal, std::size_t t) {
  const auto& term = cal.terms[t];
  const Date monday = monday_of(term.first_day);
  DemoTerm out;
  out.last_day = term.last_day;
  if (t == 0) {
    // September: two weeks to settle the new timetable before assessing.
    out.assess = open_on_or_after(cal, add_days(monday, 14));
    out.plan = open_on_or_after(cal, add_days(out.assess, 4));
    out.block_start = add_days(monday, 21);
  } else {
    // Later terms carry on from the last review: assess in the first week, plan and restart on Monday.
    out.assess = open_on_or_after(cal, add_days(term.first_day, 3));
    out.plan = open_on_or_after(cal, add_days(monday, 7));
    out.block_start = add_days(monday, 7);
  }
  out.review = open_on_or_before(cal, add_days(term.last_day, -7));
  return out;
}

}  // namespace

Date utc_today() {
  return Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

DemoYear demo_year(Date today) {
  DemoYear year;
  year.today = today;
  const int y = static_cast<int>(today.year());
  year.academic_year = static_cast<unsigned>(today.month()) >= 9 ? y : y - 1;
  year.calendar = sm::generator::school_calendar_for(year.academic_year);
  for (std::size_t t = 0; t < 3; ++t) year.terms[t] = term_dates(year.calendar, t);
  year.next_autumn_review = term_dates(sm::generator::school_calendar_for(year.academic_year + 1), 0).review;
  year.last_autumn_assess = term_dates(sm::generator::school_calendar_for(year.academic_year - 1), 0).assess;
  return year;
}

bool DemoYear::happened(Date d) const {
  return d <= today;
}

bool DemoYear::is_open(Date d) const {
  return calendar.is_open(d);
}

Date DemoYear::open_on_or_after(Date d) const {
  // The calendar of the school year d falls in (last year's plans; a review due next September),
  // a holiday running on into the next.
  int year_of = sm::model::academic_year_of(d);
  if (year_of == academic_year) return senmap_cli::open_on_or_after(calendar, d);
  return senmap_cli::open_on_or_after(sm::generator::school_calendar_for(year_of), d);
}

Date DemoYear::costs_from() const {
  return Date{std::chrono::year{academic_year}, std::chrono::August, std::chrono::day{1}};
}

std::string text(Date d) {
  return sm::model::format_date(d);
}

}  // namespace senmap_cli
