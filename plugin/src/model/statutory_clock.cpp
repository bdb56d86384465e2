#include "model/statutory_clock.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "model/working_days.hpp"

namespace sm::model {
namespace {

Date add_months(Date d, int months) {
  auto ym = std::chrono::year_month{d.year(), d.month()} + std::chrono::months{months};
  auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
  // 29 February plus a year is 28 February: the end of the month, never the next month.
  return Date{ym.year(), ym.month(), std::min(d.day(), last)};
}

}  // namespace

Date Duration::after(Date from) const {
  switch (unit) {
    case Unit::days:
      return add_days(from, amount);
    case Unit::weeks:
      return add_days(from, 7 * amount);
    case Unit::working_days:
      return add_working_days(from, amount);
    case Unit::months:
      return add_months(from, amount);
  }
  return from;
}

Date Duration::before(Date from) const {
  switch (unit) {
    case Unit::days:
      return add_days(from, -amount);
    case Unit::weeks:
      return add_days(from, -7 * amount);
    case Unit::months:
      return add_months(from, -amount);
    case Unit::working_days: {
      Date d = from;
      for (int n = amount; n > 0;) {
        d = add_days(d, -1);
        if (is_working_day(d)) --n;
      }
      return d;
    }
  }
  return from;
}

std::string Duration::describe() const {
  static const char* names[] = {"days", "weeks", "working days", "months"};
  return std::to_string(amount) + " " + names[static_cast<int>(unit)];
}

std::optional<Duration> parse_duration(const std::string& text, std::string source) {
  Duration d;
  d.source = std::move(source);
  auto space = text.find(' ');
  if (space == std::string::npos) return std::nullopt;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + space, d.amount);
  if (ec != std::errc{} || ptr != text.data() + space || d.amount < 0 || d.amount > 400) return std::nullopt;
  auto unit = text.substr(space + 1);
  if (unit == "day" || unit == "days")
    d.unit = Duration::Unit::days;
  else if (unit == "week" || unit == "weeks")
    d.unit = Duration::Unit::weeks;
  else if (unit == "working day" || unit == "working days")
    d.unit = Duration::Unit::working_days;
  else if (unit == "month" || unit == "months")
    d.unit = Duration::Unit::months;
  else
    return std::nullopt;
  return d;
}

Date DayOfYear::in(int year) const {
  std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{month}};
  auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
  return Date{ym.year(), ym.month(), std::min(std::chrono::day{day}, last)};
}

std::optional<DayOfYear> parse_day_of_year(const std::string& text, std::string source) {
  auto day = parse_date("2024-" + text);  // a leap year: 02-29 is a real day
  if (text.size() != 5 || !day) return std::nullopt;
  return DayOfYear{static_cast<unsigned>(day->month()), static_cast<unsigned>(day->day()), std::move(source)};
}

std::string format_day_of_year(const DayOfYear& d) {
  char text[8];
  std::snprintf(text, sizeof text, "%02u-%02u", d.month % 100, d.day % 100);
  return text;
}

bool moves_into_post16(const std::string& nc_year) {
  int year = 0;
  auto [ptr, ec] = std::from_chars(nc_year.data(), nc_year.data() + nc_year.size(), year);
  return ec == std::errc{} && ptr == nc_year.data() + nc_year.size() && year >= 11;
}

bool reviewed_this_school_year(const EhcEvents& e) {
  const Date year_start{std::chrono::year{academic_year_of(e.today)}, std::chrono::September, std::chrono::day{1}};
  return e.last_review_meeting && year_start <= *e.last_review_meeting;
}

std::vector<Deadline> ehc_deadlines(const EhcEvents& e, const ClockRules& r) {
  std::vector<Deadline> out;
  auto add = [&](const char* key, const Duration& d, Date from, const char* what, bool before = false) {
    Date due = before ? d.before(from) : d.after(from);
    bool guessed =
        d.unit == Duration::Unit::working_days && !working_days_known_between(std::min(from, due), std::max(from, due));
    out.push_back({key, due, d.describe() + (before ? " before " : " from ") + what + " (" + d.source + ")", guessed});
  };
  if (e.request) {
    add("assessment_decision", r.assessment_decision, *e.request, "the request");
    add("final_plan", r.final_plan, *e.request, "the request");
  }
  if (e.issue) {
    // Within 12 months of the plan, then of the last review meeting.
    Date from = e.last_review_meeting ? std::max(*e.issue, *e.last_review_meeting) : *e.issue;
    add("annual_review", r.annual_review, from, e.last_review_meeting ? "the last review meeting" : "the plan's issue");
    // Invitations go out ahead of the meeting: the one scheduled, else the latest it may be held.
    if (e.scheduled_review_meeting)
      add("review_invitations", r.review_invitations, *e.scheduled_review_meeting, "the meeting scheduled", true);
    else
      add("review_invitations", r.review_invitations, r.annual_review.after(from), "the annual review", true);
  }
  if (e.last_review_meeting) {
    add("review_report", r.review_report, *e.last_review_meeting, "the review meeting");
    add("la_review_decision", r.la_review_decision, *e.last_review_meeting, "the review meeting");
  }
  if (e.amendment_notice) {
    add("amendment_response", r.amendment_response, *e.amendment_notice, "the amendment notice");
    add("amended_plan", r.amended_plan, *e.amendment_notice, "the amendment notice");
  }
  if (e.issue && std::find(r.transfer_years.begin(), r.transfer_years.end(), e.nc_year) != r.transfer_years.end()) {
    // The transfer happens next September: the deadline is in the spring of this school year.
    bool post16 = moves_into_post16(e.nc_year);
    const auto& by = post16 ? r.post16_transfer_by : r.phase_transfer_by;
    Date due = by.in(academic_year_of(e.today) + 1);
    out.push_back({"phase_transfer", due,
                   "plan reviewed and amended by " + format_date(due) + " before the move " +
                       (post16 ? "into post-16" : "to the next phase") + " (" + by.source + ")",
                   false});
  }
  return out;
}

}  // namespace sm::model
