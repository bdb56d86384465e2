// The demo's school year, built around today: a newcomer running `senmap demo` sees a school in
// the middle of its year (a term running, reviews coming up), not one whose year has ended.
// Everything is derived from `today`, so the same day gives the same demo.
#pragma once
#include <string>

#include "generator/school_calendar.hpp"

namespace senmap_cli {

using sm::model::Date;

// The dates a SENCO's term runs on: assess in the second week, plan that Friday, start the
// intervention block the Monday after (the first term) or in the second week (later terms, a new
// block), review a week before the term ends.
struct DemoTerm {
  Date assess, plan, block_start, review, last_day;
};

struct DemoYear {
  Date today;
  int academic_year = 0;                   // September to August: December 2026 -> 2026 (2026/27)
  sm::generator::SchoolCalendar calendar;  // the generator's own terms, half terms and INSET days
  DemoTerm terms[3];
  Date next_autumn_review;  // where the summer cycle's review falls: next year's autumn term
  Date last_autumn_assess;  // the first assessments of last school year (plans running since then)

  bool happened(Date d) const;          // on or before today: the seed records nothing later
  bool is_open(Date d) const;           // a school day (not a weekend, holiday, half term or INSET day)
  Date open_on_or_after(Date d) const;  // the first school day from d (in any school year)
  // The year so far, from 1 August (the plugin's own year boundary for costs) to today.
  Date costs_from() const;
};

// Today as the engine sees it (UTC, as the C API's operations date their records).
Date utc_today();

DemoYear demo_year(Date today);

std::string text(Date d);

}  // namespace senmap_cli
