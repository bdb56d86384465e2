// What an annual review records: the plan's outcomes, the views gathered, who came, each outcome
// judged with the amendments and the recommendation, and the amendment that follows a decision to
// amend, with its 15 days for the parents and its 8 weeks for the LA.
#include "ops_fixture.hpp"
#include "report/review_dates.hpp"
#include "rules/flag_store.hpp"

namespace {

std::size_t active_flags(store::Database& db, const std::string& rule) {
  auto s = db.prepare("SELECT COUNT(*) FROM flag WHERE cleared_on IS NULL AND rule = ?1");
  s.bind(1, rule);
  s.step();
  return static_cast<std::size_t>(s.integer(0));
}

std::int64_t changes_by(store::Database& db, const std::string& operation) {
  auto s = db.prepare("SELECT COUNT(*) FROM change_log WHERE operation = ?1");
  s.bind(1, operation);
  s.step();
  return s.integer(0);
}

}  // namespace

TEST_CASE("An annual review records views, who came, each outcome judged and the recommendation", "[unit]") {
  School school("review-record.db");  // today is 2 June 2025
  const std::string a = R"({"upn":"A938412323001")";
  REQUIRE(school.call("ehcp.request", a + R"(,"la":"938","date":"2024-01-08"})").status == Status::ok);
  // No outcomes before the plan is issued.
  CHECK(school.refused_fields(school.call("ehcp.outcome", a + R"(,"outcome":"Reads aloud","date":"2024-06-03"})")) ==
        std::vector<std::string>{"upn"});
  REQUIRE(school.call("ehcp.issue", a + R"(,"date":"2024-06-03"})").status == Status::ok);

  // Section E: each outcome in the plan's words, from a day not before the plan.
  CHECK(school.refused_fields(school.call("ehcp.outcome", a + R"(,"outcome":"  ","date":"2024-06-03"})")) ==
        std::vector<std::string>{"outcome"});
  CHECK(school.refused_fields(school.call("ehcp.outcome", a + R"(,"outcome":"Reads aloud","date":"2024-06-02"})")) ==
        std::vector<std::string>{"date"});
  auto add = [&](const std::string& words, const std::string& day) {
    auto r = school.call("ehcp.outcome", a + R"(,"outcome":")" + words + R"(","date":")" + day + R"("})");
    REQUIRE(r.status == Status::ok);
    return r.response.at("id").as_int64();
  };
  auto reads = add("Reads a page of a class text aloud with support", "2024-06-03");
  auto friends = add("Plays with two friends at break without adult help", "2024-06-03");
  auto later = add("Uses a visual timetable", "2025-06-02");
  REQUIRE(school.call("ehcp.outcome_end", a + R"(,"outcome_id":)" + std::to_string(later) + R"(,"date":"2025-06-02"})")
              .status == Status::ok);
  CHECK(school.refused_fields(school.call(
            "ehcp.outcome_end", a + R"(,"outcome_id":)" + std::to_string(later) + R"(,"date":"2025-06-02"})")) ==
        std::vector<std::string>{"outcome_id"});  // already ended

  // Nothing to gather views for until a meeting is scheduled.
  CHECK(school.refused_fields(
            school.call("ehcp.review_views", a + R"(,"whose":"pupil","working":"My reading","date":"2025-06-02"})")) ==
        std::vector<std::string>{"upn"});
  REQUIRE(school.call("ehcp.review_meeting", a + R"(,"date":"2025-06-20"})").status == Status::ok);
  CHECK(school.refused_fields(school.call("ehcp.review_views", a + R"(,"whose":"uncle","date":"2025-06-02"})")) ==
        std::vector<std::string>{"whose", "important_now"});
  auto views = school.call("ehcp.review_views", a + R"(,"whose":"pupil","important_now":"My dog, football",)"
                                                    R"("working":"Reading with Mrs Ahmed","date":"2025-05-30"})");
  REQUIRE(views.status == Status::ok);
  CHECK(views.response.at("meeting_date") == "2025-06-20");
  CHECK(views.response.at("record").at("views").at("pupil").at("working") == "Reading with Mrs Ahmed");
  CHECK(views.response.at("record").at("views").at("parent").is_null());
  // Recorded again, the same person's views are replaced, not doubled.
  REQUIRE(school
              .call("ehcp.review_views",
                    a + R"(,"whose":"pupil","important_now":"My dog","not_working":"Lunchtimes","date":"2025-06-01"})")
              .status == Status::ok);
  auto plan = school.call("ehcp.get", a + "}").response;
  CHECK(plan.at("views").at("pupil").at("important_now") == "My dog");
  CHECK(plan.at("views").at("pupil").at("working") == "");
  CHECK(plan.at("views").at("pupil").at("gathered_on") == "2025-06-01");

  std::vector<std::int64_t> invited;
  for (const auto& [name, role] : std::vector<std::pair<std::string, std::string>>{
           {"Ms Parent", "parent"}, {"Dr Patel", "professional"}, {"Mr Teacher", "teacher"}}) {
    json::object invitation{
        {"upn", "A938412323001"}, {"name", name}, {"role", role}, {"how", "email"}, {"date", "2025-06-02"}};
    auto r = school.call("ehcp.review_invite", json::serialize(invitation));
    REQUIRE(r.status == Status::ok);
    invited.push_back(r.response.at("invitations").as_array().back().at("id").as_int64());
  }
  // Who came is recorded once the meeting is held, not before.
  CHECK(school.refused_fields(school.call("ehcp.review_attendance", a + R"(,"attended":[]})")) ==
        std::vector<std::string>{"upn"});

  // Brought forward to today: the invitations and views of the meeting scheduled are the held one's.
  REQUIRE(school.call("ehcp.review_meeting", a + R"(,"date":"2025-06-02"})").status == Status::ok);
  auto held = school.call("ehcp.get", a + "}").response;
  const auto& record = held.at("last_review").at("record");
  CHECK(record.at("meeting_date") == "2025-06-02");
  CHECK(record.at("invitations").as_array().size() == 3);
  CHECK(record.at("views").at("pupil").at("important_now") == "My dog");
  CHECK(held.at("views").is_null());  // no meeting scheduled now

  CHECK(school.refused_fields(school.call("ehcp.review_attendance",
                                          a + R"(,"attended":[)" + std::to_string(invited[0]) + R"(,999999]})")) ==
        std::vector<std::string>{"attended[1]"});
  auto came = school.call("ehcp.review_attendance", a + R"(,"attended":[)" + std::to_string(invited[0]) + "," +
                                                        std::to_string(invited[2]) + "]}");
  REQUIRE(came.status == Status::ok);
  const auto& attended = came.response.at("invitations").as_array();
  CHECK(attended.at(0).at("attended").as_bool());
  CHECK_FALSE(attended.at(1).at("attended").as_bool());
  CHECK(attended.at(2).at("attended").as_bool());

  // Every outcome in the plan on the meeting's day is judged, and only those.
  auto judge = [&](const std::string& outcomes, const std::string& rest) {
    return school.call("ehcp.review_outcomes", a + R"(,"outcomes":[)" + outcomes + "]" + rest + "}");
  };
  auto one = [](std::int64_t id, const std::string& progress, const std::string& note = "") {
    return R"({"outcome_id":)" + std::to_string(id) + R"(,"progress":")" + progress + R"(","note":")" + note + "\"}";
  };
  CHECK(school.refused_fields(judge(one(reads, "met"), R"(,"recommendation":"maintain")")) ==
        std::vector<std::string>{"outcomes"});  // the friendships outcome is not judged
  CHECK(school.refused_fields(judge(one(reads, "done") + "," + one(friends, "met") + "," + one(later, "met"),
                                    R"(,"recommendation":"amend")")) ==
        std::vector<std::string>{"outcomes[0].progress", "outcomes[2].outcome_id", "amendments"});
  auto judged = judge(one(reads, "met") + "," + one(friends, "partly_met", "Plays with one friend most days"),
                      R"(,"recommendation":"amend","amendments":"Replace the reading outcome with one for writing")");
  REQUIRE(judged.status == Status::ok);
  CHECK(judged.response.at("record").at("outcomes").as_array().size() == 2);
  CHECK(judged.response.at("record").at("outcomes").at(1).at("note") == "Plays with one friend most days");
  CHECK(judged.response.at("record").at("recommendation") == "amend");
  // Corrected before the report goes: replaced whole.
  REQUIRE(judge(one(reads, "not_met") + "," + one(friends, "partly_met"), R"(,"recommendation":"maintain")").status ==
          Status::ok);
  auto corrected = school.call("ehcp.get", a + "}").response.at("last_review").at("record");
  CHECK(corrected.at("outcomes").as_array().size() == 2);
  CHECK(corrected.at("outcomes").at(0).at("progress") == "not_met");
  CHECK(corrected.at("amendments").is_null());
  CHECK(changes_by(school.db, "ehcp.review_outcomes") == 2);
  CHECK(changes_by(school.db, "ehcp.review_views") == 2);

  // Once the report has gone to the LA, what it records is settled.
  REQUIRE(school.call("ehcp.review_report", a + R"(,"date":"2025-06-02"})").status == Status::ok);
  CHECK(school.refused_fields(judge(one(reads, "met") + "," + one(friends, "met"),
                                    R"(,"recommendation":"maintain")")) == std::vector<std::string>{"upn"});
  CHECK(school.refused_fields(school.call("ehcp.review_attendance", a + R"(,"attended":[]})")) ==
        std::vector<std::string>{"upn"});
}

TEST_CASE("A decision to amend: the notice, the parents' 15 days, the amended plan in 8 weeks", "[unit]") {
  School school("review-amend.db");
  const std::string a = R"({"upn":"A938412323001")";
  REQUIRE(school.call("ehcp.request", a + R"(,"la":"938","date":"2024-01-08"})").status == Status::ok);
  REQUIRE(school.call("ehcp.issue", a + R"(,"date":"2024-06-03"})").status == Status::ok);
  REQUIRE(school.call("ehcp.review_meeting", a + R"(,"date":"2025-05-12"})").status == Status::ok);
  CHECK(school.refused_fields(school.call("ehcp.amendment_notice", a + R"(,"date":"2025-06-02"})")) ==
        std::vector<std::string>{"upn"});  // no decision to amend yet
  REQUIRE(school.call("ehcp.review_report", a + R"(,"date":"2025-05-20"})").status == Status::ok);
  REQUIRE(school.call("ehcp.review_decision", a + R"(,"decision":"amend","date":"2025-05-27"})").status == Status::ok);
  CHECK(school.refused_fields(school.call("ehcp.amendment_response", a + R"(,"date":"2025-06-02"})")) ==
        std::vector<std::string>{"upn"});  // no notice yet
  CHECK(school.refused_fields(school.call("ehcp.amendment_notice", a + R"(,"date":"2025-05-26"})")) ==
        std::vector<std::string>{"date"});  // before the decision
  auto notice = school.call("ehcp.amendment_notice", a + R"(,"date":"2025-05-28"})");
  REQUIRE(notice.status == Status::ok);
  // 15 days for the parents (SEND Regs 2014 reg. 22(2)(c)); the amended plan within 8 weeks (reg. 22(5)).
  CHECK(notice.response.at("deadlines").at("amendment_response") == "2025-06-12");
  CHECK(notice.response.at("deadlines").at("amended_plan") == "2025-07-23");
  CHECK(notice.response.at("last_review").at("amendment_notice_on") == "2025-05-28");
  CHECK(school.refused_fields(school.call("ehcp.amendment_notice", a + R"(,"date":"2025-05-29"})")) ==
        std::vector<std::string>{"upn"});  // once
  // Not issued before the parents' time is up unless they have responded.
  auto early = school.call("ehcp.amended_plan", a + R"(,"date":"2025-06-02"})");
  CHECK(school.refused_fields(early) == std::vector<std::string>{"date"});
  CHECK(std::string(early.response.at("errors").at(0).at("rule").as_string()).find("2025-06-12") != std::string::npos);

  // The calendar and the dashboard's clock wait for the amended plan.
  std::vector<std::string> dates;
  for (const auto& d : report::load_review_dates(school.db, school.context.clock))
    if (d.upn == "A938412323001") dates.push_back(d.date + " " + report::what_is_due(d.kind));
  CHECK(std::find(dates.begin(), dates.end(), "2025-07-23 The amended EHC plan from the LA") != dates.end());

  // Eight weeks pass with no amended plan: flagged.
  school.context.today = *model::parse_date("2025-07-24");
  CHECK(school.call("ehcp.get", a + "}").response.at("overdue").at("amended_plan").as_bool());
  rules::run_rules(school.db, school.context.today, {}, school.context.clock);
  CHECK(active_flags(school.db, "ehc_amended_plan_late") == 1);
  REQUIRE(school.call("ehcp.amendment_response", a + R"(,"date":"2025-06-10"})").status == Status::ok);
  auto issued = school.call("ehcp.amended_plan", a + R"(,"date":"2025-07-24"})");
  REQUIRE(issued.status == Status::ok);
  CHECK(issued.response.at("last_review").at("amended_plan_issued_on") == "2025-07-24");
  CHECK_FALSE(issued.response.at("deadlines").as_object().contains("amended_plan"));
  rules::run_rules(school.db, school.context.today, {}, school.context.clock);
  CHECK(active_flags(school.db, "ehc_amended_plan_late") == 0);
}

TEST_CASE("A pupil moving phase: the transfer review not held by 15 February is flagged", "[unit]") {
  School school("phase-transfer.db");  // today is 2 June 2025: the 2024/25 school year
  const std::string a = R"({"upn":"A938412323001")";
  auto year = school.db.prepare("SELECT nc_year FROM pupil WHERE upn = 'A938412323001'");
  REQUIRE(year.step());
  school.context.clock.transfer_years = {year.text(0)};  // the pupil's year moves phase next September
  year.reset();
  REQUIRE(school.call("ehcp.request", a + R"(,"la":"938","date":"2023-10-02"})").status == Status::ok);
  REQUIRE(school.call("ehcp.issue", a + R"(,"date":"2024-02-19"})").status == Status::ok);
  // Reviewed last school year only: the transfer review was due by 15 February 2025.
  REQUIRE(school.call("ehcp.review_meeting", a + R"(,"date":"2024-07-01"})").status == Status::ok);
  CHECK(school.call("ehcp.get", a + "}").response.at("deadlines").at("phase_transfer") == "2025-02-15");
  rules::run_rules(school.db, school.context.today, {}, school.context.clock);
  CHECK(active_flags(school.db, "ehc_phase_transfer_late") == 1);
  // The deadline is on the SENCO's calendar (the review calendar, the dashboard, the reviews page),
  // not in a teacher's feed: paperwork around the review.
  auto transfer_dates = [&] {
    std::vector<std::string> out;
    for (const auto& d : report::load_review_dates(school.db, school.context.clock, std::nullopt, school.context.today))
      if (d.kind == report::ReviewDate::Kind::ehc_phase_transfer) out.push_back(d.date);
    return out;
  };
  CHECK(transfer_dates() == std::vector<std::string>{"2025-02-15"});
  CHECK(report::is_paperwork(report::ReviewDate::Kind::ehc_phase_transfer));
  auto calendar = school.call("report.review_calendar", "{}").response;
  bool on_calendar = false;
  for (const auto& e : calendar.at("events").as_array())
    on_calendar |=
        e.at("date") == "2025-02-15" &&
        std::string(e.at("summary").as_string()).starts_with("EHC plan reviewed and amended before the pupil moves on");
  CHECK(on_calendar);
  // Held this school year (late, in March): no longer flagged, no longer on the calendar.
  REQUIRE(school.call("ehcp.review_meeting", a + R"(,"date":"2025-03-03"})").status == Status::ok);
  rules::run_rules(school.db, school.context.today, {}, school.context.clock);
  CHECK(active_flags(school.db, "ehc_phase_transfer_late") == 0);
  CHECK(transfer_dates().empty());
  // Another year's pupils are not moving: nothing to flag.
  school.context.clock.transfer_years = {"99"};
  CHECK_FALSE(school.call("ehcp.get", a + "}").response.at("deadlines").as_object().contains("phase_transfer"));
}

TEST_CASE("A plan that replaced a statement, moved to another LA with the family, then ceased", "[unit]") {
  School school("plan-ends.db");
  const std::string p = R"({"upn":"P938412323002")";
  CHECK(school.refused_fields(school.call("ehcp.record_existing", p + R"(,"la":"938","issue_date":"2016-03-01",)"
                                                                      R"("statement_issued_on":"2016-04-01"})")) ==
        std::vector<std::string>{"statement_issued_on"});  // a statement comes before the plan replacing it
  auto held =
      school.call("ehcp.record_existing", p + R"(,"la":"938","issue_date":"2016-03-01",)"
                                              R"("statement_issued_on":"2011-09-12","last_review_date":"2025-03-03"})");
  REQUIRE(held.status == Status::ok);
  CHECK(held.response.at("statement_issued_on") == "2011-09-12");
  // The family moves: the plan goes with the pupil, maintained by the new LA; the clock runs on.
  CHECK(school.refused_fields(school.call("ehcp.transfer_la", p + R"(,"la":"938","date":"2025-04-01"})")) ==
        std::vector<std::string>{"la"});
  REQUIRE(school.call("ehcp.transfer_la", p + R"(,"la":"881","date":"2025-04-01"})").status == Status::ok);
  auto moved = school.call("ehcp.get", p + "}").response;
  CHECK(moved.at("la") == "881");
  CHECK(moved.at("la_transfers").at(0).at("from_la") == "938");
  CHECK(moved.at("deadlines").at("annual_review") == "2026-03-03");
  // Ceased outside a review: closed on its day, with why; the clock stops.
  CHECK(school.refused_fields(school.call("ehcp.cease", p + R"(,"date":"2015-01-01","why":"reassessed"})")) ==
        std::vector<std::string>{"date"});
  REQUIRE(
      school.call("ehcp.cease", p + R"(,"date":"2025-05-30","why":"no longer needed after reassessment"})").status ==
      Status::ok);
  CHECK(school.call("ehcp.get", p + "}").status == Status::not_found);
  auto ended = school.db.prepare("SELECT ceased_date, ended_why FROM ehc_plan WHERE la = '881'");
  REQUIRE(ended.step());
  CHECK(ended.text(0) == "2025-05-30");
  CHECK(ended.text(1) == "no longer needed after reassessment");
}

TEST_CASE("The move to the next phase: the setting named and each step, EHC plans first", "[unit]") {
  School school("phase-move.db");  // today is 2 June 2025
  const std::string a = R"({"upn":"A938412323001")";
  auto year = school.db.prepare("SELECT nc_year FROM pupil WHERE upn = 'A938412323001'");
  REQUIRE(year.step());
  const auto nc_year = year.text(0);
  year.reset();
  REQUIRE(nc_year != "11");
  school.context.clock.transfer_years = {"11"};  // a school whose Year 11 moves on: not this pupil's year
  CHECK(school.refused_fields(school.call("transfer.record", a + R"(,"next_setting":"Hillside Academy"})")) ==
        std::vector<std::string>{"upn"});
  school.context.clock.transfer_years = {nc_year};
  CHECK(school.refused_fields(school.call("transfer.record", a + "}")) == std::vector<std::string>{"next_setting"});
  CHECK(school.refused_fields(school.call("transfer.record", a + R"(,"visited_on":"2025-06-03"})")) ==
        std::vector<std::string>{"visited_on"});  // not a day still to come
  auto named = school.call("transfer.record", a + R"(,"next_setting":"Hillside Academy","visited_on":"2025-05-20"})");
  REQUIRE(named.status == Status::ok);
  // Only the fields given change.
  auto shared = school.call("transfer.record", a + R"(,"information_shared_on":"2025-06-02"})").response;
  CHECK(shared.at("next_setting") == "Hillside Academy");
  CHECK(shared.at("visited_on") == "2025-05-20");
  CHECK(shared.at("senco_met_on").is_null());
  // The list: with an EHC plan first, its transfer review deadline beside it.
  REQUIRE(school.call("ehcp.request", a + R"(,"la":"938","date":"2023-10-02"})").status == Status::ok);
  REQUIRE(school.call("ehcp.issue", a + R"(,"date":"2024-02-19"})").status == Status::ok);
  auto listed = school.call("transfer.list", "{}").response;
  const auto& pupils = listed.at("pupils").as_array();
  REQUIRE_FALSE(pupils.empty());
  CHECK(pupils.at(0).at("upn") == "A938412323001");
  CHECK(pupils.at(0).at("review_deadline") == "2025-02-15");
  CHECK(pupils.at(0).at("steps_to_do") == 1);  // the receiving SENCO not met yet
  for (const auto& p : pupils) CHECK(p.at("nc_year").as_string() == nc_year);
  // Leaving Year 11 is a move into post-16: the review is due by 31 March instead (reg. 18(1)(b)).
  school.db.exec("UPDATE pupil SET nc_year = '11' WHERE upn = 'A938412323001'");
  school.context.clock.transfer_years = {"11"};
  auto post16 = school.call("transfer.list", "{}").response;
  CHECK(post16.at("pupils").at(0).at("upn") == "A938412323001");
  CHECK(post16.at("pupils").at(0).at("review_deadline") == "2025-03-31");
}
