#include "model/statutory_clock.hpp"

#include <catch2/catch.hpp>

#include "model/working_days.hpp"

using namespace sm::model;

namespace {
Date d(const char* text) {
  return *parse_date(text);
}
std::string s(Date date) {
  return format_date(date);
}
const Deadline* find(const std::vector<Deadline>& all, const std::string& key) {
  for (const auto& x : all)
    if (x.key == key) return &x;
  return nullptr;
}
}  // namespace

TEST_CASE("Easter Sunday by the Gregorian rule", "[unit]") {
  CHECK(s(easter_sunday(2024)) == "2024-03-31");
  CHECK(s(easter_sunday(2025)) == "2025-04-20");
  CHECK(s(easter_sunday(2026)) == "2026-04-05");
  CHECK(s(easter_sunday(2038)) == "2038-04-25");
}

TEST_CASE("Working days skip weekends and bank holidays across Christmas", "[unit]") {
  // Fri 19 Dec 2025 + 10: 22-24 Dec, (25 Christmas, 26 Boxing Day), 29-31 Dec, (1 Jan), 2 Jan, 5-7 Jan.
  CHECK(s(add_working_days(d("2025-12-19"), 10)) == "2026-01-07");
  CHECK_FALSE(is_working_day(d("2025-12-25")));
  CHECK_FALSE(is_working_day(d("2026-12-28")));  // substitute Boxing Day
}

TEST_CASE("Working days skip Good Friday and Easter Monday", "[unit]") {
  // Wed 1 Apr 2026 + 3: Thu 2, (Good Friday 3, Easter Monday 6), Tue 7, Wed 8.
  CHECK(s(add_working_days(d("2026-04-01"), 3)) == "2026-04-08");
  CHECK_FALSE(is_working_day(d("2026-04-03")));
}

TEST_CASE("School holidays are working days", "[unit]") {
  // October half term 2025 (27-31 Oct) counts: the Regulations exclude only weekends and holidays by law.
  CHECK(s(add_working_days(d("2025-10-24"), 5)) == "2025-10-31");
}

TEST_CASE("Durations parse with their unit", "[unit]") {
  REQUIRE(parse_duration("10 working days"));
  CHECK(parse_duration("10 working days")->unit == Duration::Unit::working_days);
  CHECK(parse_duration("6 weeks")->after(d("2025-11-10")) == d("2025-12-22"));
  CHECK_FALSE(parse_duration("six weeks"));
  CHECK_FALSE(parse_duration("6 fortnights"));
}

TEST_CASE("The EHC clock from a request: 6 and 20 weeks, nothing else yet", "[unit]") {
  EhcEvents events;
  events.request = d("2025-11-10");
  events.today = d("2025-11-20");
  auto all = ehc_deadlines(events, {});
  REQUIRE(all.size() == 2);
  CHECK(s(find(all, "assessment_decision")->due) == "2025-12-22");
  CHECK(s(find(all, "final_plan")->due) == "2026-03-30");
  CHECK_FALSE(find(all, "annual_review"));
}

TEST_CASE("Annual review within 12 months of the plan, then of the last review", "[unit]") {
  EhcEvents events;
  events.request = d("2023-10-02");
  events.issue = d("2024-02-29");
  events.today = d("2024-06-01");
  auto all = ehc_deadlines(events, {});
  CHECK(s(find(all, "annual_review")->due) == "2025-02-28");  // no 29 February in 2025
  CHECK(s(find(all, "review_invitations")->due) == "2025-02-14");
  CHECK_FALSE(find(all, "review_report"));

  events.last_review_meeting = d("2025-02-10");
  all = ehc_deadlines(events, {});
  CHECK(s(find(all, "annual_review")->due) == "2026-02-10");
  CHECK(s(find(all, "review_report")->due) == "2025-02-24");
  CHECK(s(find(all, "la_review_decision")->due) == "2025-03-10");

  // Once the next meeting is scheduled (early, on 12 January 2026), invitations are due two weeks
  // before it, not before the latest day it could be held (SEND Regs 2014 reg. 20(3)).
  events.scheduled_review_meeting = d("2026-01-12");
  all = ehc_deadlines(events, {});
  CHECK(s(find(all, "review_invitations")->due) == "2025-12-29");
  CHECK(s(find(all, "annual_review")->due) == "2026-02-10");  // the duty stands until it is held
}

TEST_CASE("A local rule of 10 working days for the review report crosses Christmas correctly", "[unit]") {
  ClockRules rules;
  rules.review_report = *parse_duration("10 working days", "local authority guidance");
  EhcEvents events;
  events.request = d("2024-01-08");
  events.issue = d("2024-05-20");
  events.last_review_meeting = d("2025-12-19");
  events.today = d("2025-12-20");
  auto all = ehc_deadlines(events, rules);
  CHECK(s(find(all, "review_report")->due) == "2026-01-07");
  CHECK_THAT(find(all, "review_report")->rule,
             Catch::Contains("10 working days") && Catch::Contains("local authority guidance"));
  CHECK_FALSE(find(all, "review_report")->working_days_guessed);
}

TEST_CASE("Phase transfer: plans of pupils moving phase are due by 15 February", "[unit]") {
  EhcEvents events;
  events.request = d("2024-01-08");
  events.issue = d("2024-05-20");
  events.nc_year = "6";
  events.today = d("2025-10-01");
  auto all = ehc_deadlines(events, {});
  REQUIRE(find(all, "phase_transfer"));
  CHECK(s(find(all, "phase_transfer")->due) == "2026-02-15");
  events.nc_year = "4";
  CHECK_FALSE(find(ehc_deadlines(events, {}), "phase_transfer"));
}

TEST_CASE("A move into post-16 is due by 31 March, other moves by 15 February, 29 February kept", "[unit]") {
  // SEND Regs 2014 reg. 18(1): (a) a move between schools, 15 February; (b) from secondary school
  // into post-16 (sixth form, college, apprenticeship), 31 March, of the year of the move.
  ClockRules rules;
  rules.transfer_years = {"6", "11", "13"};
  EhcEvents events;
  events.issue = d("2023-05-22");
  events.today = d("2027-09-06");  // the school year 2027/28: moves in September 2028
  events.nc_year = "11";
  auto all = ehc_deadlines(events, rules);
  REQUIRE(find(all, "phase_transfer"));
  CHECK(s(find(all, "phase_transfer")->due) == "2028-03-31");
  CHECK_THAT(find(all, "phase_transfer")->rule, Catch::Contains("into post-16") && Catch::Contains("18(1)(b)"));
  events.nc_year = "13";  // a Year 13 with a plan moving on to college
  CHECK(s(find(ehc_deadlines(events, rules), "phase_transfer")->due) == "2028-03-31");
  events.nc_year = "6";
  CHECK(s(find(ehc_deadlines(events, rules), "phase_transfer")->due) == "2028-02-15");
  // A local day of 29 February: kept in a leap year (2028), the 28th in another (2027).
  rules.phase_transfer_by = *parse_day_of_year("02-29", "an LA's local date");
  CHECK(s(find(ehc_deadlines(events, rules), "phase_transfer")->due) == "2028-02-29");
  events.today = d("2026-01-05");
  CHECK(s(find(ehc_deadlines(events, rules), "phase_transfer")->due) == "2026-02-28");
  CHECK_FALSE(parse_day_of_year("02-30"));
  CHECK_FALSE(parse_day_of_year("3-31"));
  CHECK(format_day_of_year(*parse_day_of_year("03-31")) == "03-31");
  CHECK_FALSE(moves_into_post16("10"));
  CHECK_FALSE(moves_into_post16("R"));
  CHECK(moves_into_post16("12"));
}

TEST_CASE("Working days counted through a year without bank holiday data are flagged", "[unit]") {
  ClockRules rules;
  rules.assessment_decision = *parse_duration("30 working days");
  EhcEvents events;
  events.request = d("2026-12-01");
  events.today = d("2026-12-01");
  auto all = ehc_deadlines(events, rules);
  CHECK(find(all, "assessment_decision")->working_days_guessed);
}

TEST_CASE("An amendment: the parents' 15 days and the amended plan's 8 weeks, across Christmas and Easter", "[unit]") {
  EhcEvents events;
  events.issue = d("2024-06-03");
  events.last_review_meeting = d("2025-11-24");
  events.today = d("2025-12-20");
  CHECK_FALSE(find(ehc_deadlines(events, {}), "amended_plan"));  // no notice, no clock
  // Notice sent 15 December 2025 (SEND Regs 2014 reg. 22(2)(c): at least 15 days to respond;
  // reg. 22(5): the amended plan within 8 weeks of the notice). Calendar days: Christmas counts.
  events.amendment_notice = d("2025-12-15");
  auto all = ehc_deadlines(events, {});
  CHECK(s(find(all, "amendment_response")->due) == "2025-12-30");
  CHECK(s(find(all, "amended_plan")->due) == "2026-02-09");
  CHECK(find(all, "amended_plan")->rule == "8 weeks from the amendment notice (SEND Regs 2014 reg. 22(5))");
  // An LA that counts the parents' time in working days (as the seeds do): Good Friday 3 April and
  // Easter Monday 6 April 2026 are not counted.
  ClockRules rules;
  rules.amendment_response = *parse_duration("15 working days", "local authority guidance");
  events.amendment_notice = d("2026-03-27");
  CHECK(s(find(ehc_deadlines(events, rules), "amendment_response")->due) == "2026-04-21");
}
