#include "report/term_calendar.hpp"

#include <algorithm>
#include <chrono>

namespace sm::report {
namespace {

bool weekday(model::Date d) {
  auto wd = std::chrono::weekday{std::chrono::sys_days{d}};
  return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

}  // namespace

std::vector<SchoolTerm> school_terms(store::Database& db, std::int64_t school_id) {
  auto& s = db.cached("SELECT name, start_date, end_date FROM school_term WHERE school_id = ?1 ORDER BY start_date");
  s.bind(1, school_id);
  std::vector<SchoolTerm> out;
  while (s.step()) out.push_back({s.text(0), *model::parse_date(s.text(1)), *model::parse_date(s.text(2))});
  return out;
}

std::vector<SchoolTerm> pupil_terms(store::Database& db, std::int64_t pupil_id) {
  auto& s = db.cached("SELECT school_id FROM pupil WHERE id = ?1");
  s.bind(1, pupil_id);
  if (!s.step() || s.is_null(0)) return {};
  auto school = s.integer(0);
  s.reset();
  return school_terms(db, school);
}

std::optional<SchoolTerm> term_at_or_after(const std::vector<SchoolTerm>& terms, model::Date day) {
  for (const auto& t : terms)
    if (t.end >= day) return t;
  return std::nullopt;
}

std::string no_current_term(const std::vector<SchoolTerm>& terms, model::Date today) {
  std::vector<model::Date> ends;
  ends.reserve(terms.size());
  for (const auto& t : terms) ends.push_back(t.end);
  return model::no_current_term(ends, today);
}

std::vector<SchoolTerm> terms_of_year(const std::vector<SchoolTerm>& terms, model::Date day) {
  std::vector<SchoolTerm> out;
  int year = model::academic_year_of(day);
  std::copy_if(terms.begin(), terms.end(), std::back_inserter(out),
               [&](const SchoolTerm& t) { return model::academic_year_of(t.start) == year; });
  return out;
}

double school_weeks(const std::vector<SchoolTerm>& terms, model::Date from, model::Date to, std::string& basis) {
  if (to < from) return 0.0;
  // Term dates count only within the span they describe; outside it, the national average.
  std::optional<model::Date> first, last;
  if (!terms.empty()) {
    first = model::Date{std::chrono::year{model::academic_year_of(terms.front().start)}, std::chrono::August,
                        std::chrono::day{1}};
    last = model::Date{std::chrono::year{model::academic_year_of(terms.back().start) + 1}, std::chrono::July,
                       std::chrono::day{31}};
  }
  int term_days = 0, other_days = 0;
  for (auto d = from; d <= to; d = model::add_days(d, 1)) {
    if (first && d >= *first && d <= *last) {
      bool in_term =
          std::any_of(terms.begin(), terms.end(), [&](const SchoolTerm& t) { return d >= t.start && d <= t.end; });
      if (in_term && weekday(d)) ++term_days;
    } else {
      ++other_days;
    }
  }
  if (other_days == 0)
    basis = "school weeks from the term dates";
  else if (term_days == 0 && !first)
    basis = "39 school weeks in 52 (no term dates configured)";
  else
    basis = "school weeks from the term dates, and 39 in 52 outside them";
  return term_days / 5.0 + other_days / 7.0 * 39.0 / 52.0;
}

}  // namespace sm::report
