// The EHC plan's statutory clock: every due date in the SEND Regulations 2014 / Code of
// Practice table (shared/domain.md), each duration configurable and carrying its source.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/dates.hpp"

namespace sm::model {

struct Duration {
  enum class Unit { days, weeks, working_days, months };
  int amount = 0;
  Unit unit = Unit::days;
  std::string source;  // "SEND Regs 2014 reg. 13"

  Date after(Date from) const;
  Date before(Date from) const;  // days and weeks only (invitations go out *before* a meeting)
  std::string describe() const;  // "20 weeks"
};

// Parses "6 weeks", "10 working days", "12 months", "15 days".
std::optional<Duration> parse_duration(const std::string& text, std::string source = {});

// A day of the year a step must be done by (15 February), whichever the year.
struct DayOfYear {
  unsigned month = 1, day = 1;
  std::string source;

  Date in(int year) const;  // 29 February in a year without one is 28 February
};

// "02-15"; 02-29 is allowed (a leap year's day).
std::optional<DayOfYear> parse_day_of_year(const std::string& text, std::string source = {});
std::string format_day_of_year(const DayOfYear& d);  // "02-15"

// Whether leaving this NC year is a move into post-16 (Year 11 and above: sixth form, college, an
// apprenticeship), which has its own transfer review deadline.
bool moves_into_post16(const std::string& nc_year);

struct ClockRules {
  Duration assessment_decision{6, Duration::Unit::weeks, "SEND Regs 2014 regs. 4-5"};
  Duration final_plan{20, Duration::Unit::weeks, "SEND Regs 2014 reg. 13"};
  Duration annual_review{12, Duration::Unit::months, "Children and Families Act 2014 s.44"};
  Duration review_invitations{2, Duration::Unit::weeks, "SEND Regs 2014 reg. 20"};
  Duration review_report{2, Duration::Unit::weeks, "SEND Regs 2014 reg. 20"};
  Duration la_review_decision{4, Duration::Unit::weeks, "SEND Regs 2014 reg. 20"};
  // After an LA decides to amend: the parents have at least 15 days from the amendment notice to
  // respond, and the amended plan is issued within 8 weeks of the notice.
  Duration amendment_response{15, Duration::Unit::days, "SEND Regs 2014 reg. 22(2)(c)"};
  Duration amended_plan{8, Duration::Unit::weeks, "SEND Regs 2014 reg. 22(5)"};
  // An exam access arrangement's approval (Access arrangements online) lasts 26 months.
  Duration access_approval{26, Duration::Unit::months, "JCQ Access Arrangements and Reasonable Adjustments"};
  // Phase transfer: the plan reviewed and amended by this day of the transfer year; a move from
  // secondary school into post-16 has until 31 March instead.
  DayOfYear phase_transfer_by{2, 15, "SEND Regs 2014 reg. 18(1)(a)"};
  DayOfYear post16_transfer_by{3, 31, "SEND Regs 2014 reg. 18(1)(b)"};
  // The day access arrangement applications for the summer exam series must be in (JCQ's key
  // dates, which change from year to year): none unless the school's config gives it.
  std::optional<DayOfYear> access_applications_by;
  // NC years that move phase next September (a middle or all-through school changes these).
  std::vector<std::string> transfer_years{"6"};
  std::string transfer_years_source = "Year 6 to 7, the usual primary to secondary move";
};

struct EhcEvents {
  std::optional<Date> request, issue, last_review_meeting;
  std::optional<Date> scheduled_review_meeting;  // invitations are due ahead of it once it is set
  std::optional<Date> amendment_notice;          // the LA's proposed amendments sent to the parents
  std::string nc_year;
  Date today{};
};

struct Deadline {
  std::string key;  // assessment_decision, final_plan, ...
  Date due{};
  std::string rule;                   // "6 weeks from the request (SEND Regs 2014 regs. 4-5)"
  bool working_days_guessed = false;  // counted through a year without bank holiday data
};

// Whether an annual review meeting has been held in the school year of `events.today` (from 1
// September): a pupil moving phase then has had their transfer review.
bool reviewed_this_school_year(const EhcEvents& events);

// The deadlines that apply: a key is absent until its starting event exists.
std::vector<Deadline> ehc_deadlines(const EhcEvents& events, const ClockRules& rules);

}  // namespace sm::model
