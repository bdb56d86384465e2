// EHC Section F delivery, needs agreed by staff, the school's own clock from the config, and
// school weeks counted from term dates.
#include <fstream>

#include "config/sync_config.hpp"
#include "ops_fixture.hpp"
#include "report/ehc_clocks.hpp"
#include "report/term_calendar.hpp"
#include "store/settings.hpp"

namespace {

void add_terms(store::Database& db) {
  for (auto [name, start, end] :
       {std::tuple{"spring", "2025-01-06", "2025-03-28"}, std::tuple{"summer", "2025-04-22", "2025-07-18"},
        std::tuple{"autumn", "2024-09-04", "2024-12-20"}})
    db.prepare("INSERT INTO school_term (school_id, name, start_date, end_date) VALUES (1, ?1, ?2, ?3)")
        .bind(1, name)
        .bind(2, start)
        .bind(3, end)
        .run();
}

std::int64_t id_of(const ops::CallResult& r) {
  return r.response.at("id").as_int64();
}

}  // namespace

TEST_CASE("School weeks are counted from the term dates, and 39 in 52 without them", "[unit]") {
  std::vector<report::SchoolTerm> terms{{"autumn", *model::parse_date("2024-09-04"), *model::parse_date("2024-12-20")},
                                        {"spring", *model::parse_date("2025-01-06"), *model::parse_date("2025-03-28")}};
  std::string basis;
  // The Christmas holiday holds no school days: 16 December to 10 January is 5 + 5 days.
  CHECK(report::school_weeks(terms, *model::parse_date("2024-12-16"), *model::parse_date("2025-01-10"), basis) ==
        Approx(2.0));
  CHECK(basis == "school weeks from the term dates");
  // A whole calendar year without term dates: 39 school weeks.
  CHECK(report::school_weeks({}, *model::parse_date("2025-01-01"), *model::parse_date("2025-12-30"), basis) ==
        Approx(39.0));
  CHECK_THAT(basis, Catch::Contains("no term dates"));
  CHECK(report::term_at_or_after(terms, *model::parse_date("2024-12-25"))->name ==
        "spring");  // holidays belong to the next term
  CHECK(report::terms_of_year(terms, *model::parse_date("2025-02-01")).size() == 2);
}

TEST_CASE("Section F: hours the EHC plan specifies against hours delivered", "[unit]") {
  School school("section-f.db");
  add_terms(school.db);
  const std::string upn = "P938412323002";  // an EHC plan in the fixture
  auto early =
      school.call("ehcp.provision_line", R"({"upn":")" + upn + R"(","description":"SALT","hours_per_week":1})");
  CHECK(early.status == Status::not_found);  // no plan recorded yet
  REQUIRE(school.call("ehcp.request", R"({"upn":")" + upn + R"(","la":"938","date":"2024-09-02"})").status ==
          Status::ok);
  auto unissued =
      school.call("ehcp.provision_line", R"({"upn":")" + upn + R"(","description":"SALT","hours_per_week":1})");
  CHECK(school.refused_fields(unissued) == std::vector<std::string>{"upn"});
  REQUIRE(school.call("ehcp.issue", R"({"upn":")" + upn + R"(","date":"2025-01-06"})").status == Status::ok);

  auto provision =
      id_of(school.call("provision.create", R"({"name":"Speech and language therapy","areas":["SLCN"],"wave":3,
      "delivered_by":"specialist","group_size":1,"sessions_per_week":2,"minutes_per_session":45,"weeks":30,"staff_hourly_cost":45})"));
  auto mine = id_of(school.call("placement.start", R"({"upn":")" + upn + R"(","provision_id":)" +
                                                       std::to_string(provision) + R"(,"start":"2025-01-06"})"));
  auto theirs = id_of(school.call("placement.start", R"({"upn":"A938412323001","provision_id":)" +
                                                         std::to_string(provision) + R"(,"start":"2025-01-06"})"));

  auto wrong = school.call("ehcp.provision_line", R"({"upn":")" + upn +
                                                      R"(","description":"SALT","hours_per_week":2,"placement_ids":[)" +
                                                      std::to_string(theirs) + "]}");
  REQUIRE(wrong.status == Status::invalid);
  CHECK_THAT(std::string(wrong.response.at("errors").at(0).at("rule").as_string()), Catch::Contains("another pupil's"));
  auto too_many =
      school.call("ehcp.provision_line", R"({"upn":")" + upn + R"(","description":"SALT","hours_per_week":41})");
  CHECK(school.refused_fields(too_many) == std::vector<std::string>{"hours_per_week"});

  auto line = school.call(
      "ehcp.provision_line",
      R"({"upn":")" + upn +
          R"(","description":"Speech and language therapy, 2 hours a week","hours_per_week":2,"placement_ids":[)" +
          std::to_string(mine) + "]}");
  REQUIRE(line.status == Status::ok);
  // Four sessions attended (45 minutes each), one missed, one cancelled, one before the plan's line began.
  auto session = [&](const std::string& date, const std::string& status, bool present) {
    std::string body =
        R"({"provision_id":)" + std::to_string(provision) + R"(,"date":")" + date + R"(","status":")" + status + "\"";
    if (present) body += R"(,"present":[")" + upn + "\"]";
    REQUIRE(school.call("session.record", body + "}").status == Status::ok);
  };
  for (auto d : {"2025-01-07", "2025-01-14", "2025-02-04", "2025-05-06"}) session(d, "delivered", true);
  session("2025-01-21", "delivered", false);
  session("2025-01-28", "cancelled", false);

  auto plan = school.call("ehcp.get", R"({"upn":")" + upn + R"("})");
  REQUIRE(plan.status == Status::ok);
  const auto& f = plan.response.at("section_f").at(0);
  // 6 January to 2 June 2025: 60 spring days + 30 summer days = 18 school weeks x 2 hours.
  CHECK(f.at("period").at("school_weeks").to_number<double>() == Approx(18.0));
  CHECK(f.at("period").at("basis").as_string() == "school weeks from the term dates");
  CHECK(f.at("specified_hours").to_number<double>() == Approx(36.0));
  CHECK(f.at("delivered_hours").to_number<double>() == Approx(3.0));
  CHECK(f.at("sessions_attended").as_int64() == 4);
  CHECK(f.at("delivered_percent").to_number<double>() == Approx(8.3));
}

TEST_CASE("Needs agreed at a review replace the current ones, with the census rules", "[unit]") {
  School school("needs.db");
  // SEN support: the needs change from a date; the old ones end, history stays.
  auto set = school.call(
      "needs.set",
      R"({"upn":"A938412323001","date":"2025-05-01","needs":[{"code":"ASD","rank":1},{"code":"SLCN","rank":2}]})");
  REQUIRE(set.status == Status::ok);
  auto current = school.db.prepare(
      "SELECT need_type, rank, recorded_by FROM sen_need WHERE pupil_id = (SELECT id FROM pupil WHERE upn = "
      "'A938412323001') AND end_date IS NULL ORDER BY rank");
  std::vector<std::string> codes;
  while (current.step()) {
    codes.push_back(current.text(0));
    CHECK(current.text(2) == "senco:test");
  }
  CHECK(codes == std::vector<std::string>{"ASD", "SLCN"});
  auto ended = school.db.prepare(
      "SELECT COUNT(*) FROM sen_need WHERE pupil_id = (SELECT id FROM pupil WHERE upn = 'A938412323001') AND end_date "
      "= '2025-05-01'");
  ended.step();
  CHECK(ended.integer(0) == 2);  // SLCN and SEMH from the MIS

  // NSA on an EHC plan is refused; so are unknown codes, repeated ranks, gaps, and pupils not on the register.
  auto nsa =
      school.call("needs.set", R"({"upn":"P938412323002","date":"2025-05-01","needs":[{"code":"NSA","rank":1}]})");
  REQUIRE(nsa.status == Status::invalid);
  CHECK(school.refused_fields(nsa) == std::vector<std::string>{"needs"});
  CHECK_THAT(std::string(nsa.response.at("errors").at(0).at("rule").as_string()), Catch::Contains("EHC plan"));
  auto bad = school.call(
      "needs.set",
      R"({"upn":"A938412323001","date":"2025-05-02","needs":[{"code":"DYS","rank":1},{"code":"ASD","rank":1}]})");
  CHECK(school.refused_fields(bad) == std::vector<std::string>{"needs[1].code", "needs[2].rank"});
  auto gap =
      school.call("needs.set", R"({"upn":"A938412323001","date":"2025-05-02","needs":[{"code":"ASD","rank":2}]})");
  CHECK(school.refused_fields(gap) == std::vector<std::string>{"needs"});
  auto off =
      school.call("needs.set", R"({"upn":"D938412323003","date":"2025-05-02","needs":[{"code":"ASD","rank":1}]})");
  CHECK(school.refused_fields(off) == std::vector<std::string>{"upn"});
  auto earlier =
      school.call("needs.set", R"({"upn":"A938412323001","date":"2025-04-01","needs":[{"code":"MLD","rank":1}]})");
  CHECK(school.refused_fields(earlier) == std::vector<std::string>{"date"});
  // NSA is fine with SEN support.
  CHECK(school.call("needs.set", R"({"upn":"T938412323004","date":"2025-05-01","needs":[{"code":"NSA"}]})").status ==
        Status::ok);
}

TEST_CASE("The statutory clock's durations come from the config, with the line as their source", "[unit]") {
  auto file = fresh("clock.toml");
  std::ofstream(file)
      << "database = \"clock.db\"\n[clock]\nfinal_plan = \"16 weeks\"\nreview_report = \"10 working days\"\n"
         "phase_transfer_by = \"03-31\"\npost16_transfer_by = \"04-30\"\ntransfer_years = [6, 11]\n"
         "access_applications_by = \"03-21\"\n"
         "[[schools]]\nla = \"938\"\nestab = \"4123\"\n[[schools.sources]]\nkind = \"ctf-folder\"\npath = \"in\"\n";
  auto loaded = config::load_sync_config(file);
  REQUIRE(loaded.problems.empty());
  School school("clock.db");
  store::save_clock_rules(school.db, loaded.config.clock);
  school.context.clock = store::load_clock_rules(school.db);
  CHECK(school.context.clock.final_plan.describe() == "16 weeks");
  CHECK_THAT(school.context.clock.final_plan.source, Catch::Contains("line 3"));
  CHECK(school.context.clock.assessment_decision.describe() == "6 weeks");  // not configured: the Regulations
  CHECK(school.context.clock.transfer_years == std::vector<std::string>{"6", "11"});
  CHECK(model::format_day_of_year(school.context.clock.post16_transfer_by) == "04-30");
  CHECK_THAT(school.context.clock.post16_transfer_by.source, Catch::Contains("line 6"));
  REQUIRE(school.context.clock.access_applications_by);
  CHECK(model::format_day_of_year(*school.context.clock.access_applications_by) == "03-21");
  // The exams officer's list gives the next one: after 21 March 2025 (today is 2 June), 2026's.
  auto centre = school.call("access.centre_list", "{}").response;
  CHECK(centre.at("applications_by").at("date") == "2026-03-21");
  CHECK_THAT(std::string(centre.at("applications_by").at("source").as_string()),
             Catch::Contains("line 8") && Catch::Contains("JCQ key dates"));

  auto r = school.call("ehcp.request", R"({"upn":"A938412323001","la":"938","date":"2025-01-06"})");
  CHECK(r.response.at("deadlines").at("final_plan").as_string() == "2025-04-28");
  CHECK_THAT(std::string(r.response.at("deadline_rules").at("final_plan").as_string()),
             Catch::Contains("clock.toml line 3"));
  REQUIRE(school.call("ehcp.issue", R"({"upn":"A938412323001","date":"2025-03-03"})").status == Status::ok);
  auto got = school.call("ehcp.get", R"({"upn":"A938412323001"})");  // Year 6: transfers next September
  CHECK(got.response.at("deadlines").at("phase_transfer").as_string() == "2025-03-31");

  std::ofstream(file)
      << "database = \"clock.db\"\n[clock]\nfinal_plan = \"sixteen weeks\"\nphase_transfer_by = \"02-30\"\nsoon = 1\n"
         "post16_transfer_by = \"31-03\"\n"
         "[[schools]]\nla = \"938\"\nestab = \"4123\"\n[[schools.sources]]\nkind = \"ctf-folder\"\npath = \"in\"\n";
  auto bad = config::load_sync_config(file);
  std::vector<std::string> keys;
  for (const auto& p : bad.problems) keys.push_back(p.key + "@" + std::to_string(p.line));
  CHECK(keys == std::vector<std::string>{"clock.soon@5", "clock.final_plan@3", "clock.phase_transfer_by@4",
                                         "clock.post16_transfer_by@6"});
}

TEST_CASE("The example config in packaging/ loads without a problem", "[unit]") {
  auto loaded = config::load_sync_config(fs::path(SENMAP_FIXTURES) / ".." / ".." / "packaging" / "senmap.example.toml");
  for (const auto& p : loaded.problems) FAIL(p.key + " (line " + std::to_string(p.line) + "): " + p.rule);
  CHECK(loaded.config.clock.review_report.describe() == "10 working days");
  REQUIRE(loaded.config.schools.size() == 2);  // a school from files, one read live from Xporter
  CHECK(loaded.config.schools[1].sources.at(0).kind == config::SourceKind::xporter);
  CHECK(loaded.config.schools[1].sources.at(0).live.url == "https://xporter.groupcall.com");
  CHECK(loaded.config.schools[1].sources.at(0).live.full_every_days == 7);
  CHECK(loaded.config.rules.thresholds.persistent_absence_percent == 90);
  REQUIRE(loaded.config.writeback.size() == 1);
  CHECK(loaded.config.writeback[0].kind == "csv");
}

TEST_CASE("The EHC clocks: each open request or plan with the next date the law sets, the most pressing first",
          "[unit]") {
  School school("ehc-clocks.db");
  auto ok = [&](const std::string& op, const std::string& request) {
    REQUIRE(school.call(op, request).status == Status::ok);
  };
  // Awaiting the LA's decision: 6 weeks from 1 May 2025 is 12 June, 10 days after the fixture's 2 June.
  ok("ehcp.request", R"({"upn":"A938412323001","la":"938","date":"2025-05-01"})");
  // Being assessed: the final plan is due 20 weeks from the request (2 Dec 2024 + 20 weeks = 21 April 2025): overdue.
  ok("ehcp.request", R"({"upn":"D938412323003","la":"938","date":"2024-12-02"})");
  ok("ehcp.decision", R"({"upn":"D938412323003","decision":"assess","date":"2025-01-10"})");
  // Issued on 2 September 2024: the annual review is due within 12 months.
  ok("ehcp.request", R"({"upn":"P938412323002","la":"938","date":"2024-04-01"})");
  ok("ehcp.issue", R"({"upn":"P938412323002","date":"2024-09-02"})");
  // Refused: no clock runs.
  ok("ehcp.request", R"({"upn":"T938412323004","la":"938","date":"2025-03-03"})");
  ok("ehcp.decision", R"({"upn":"T938412323004","decision":"refuse","date":"2025-04-01"})");

  auto clocks = report::load_ehc_clocks(school.db, school.context.clock, school.context.today);
  REQUIRE(clocks.size() == 3);
  CHECK(clocks[0].upn == "D938412323003");
  CHECK(clocks[0].stage == "being assessed");
  CHECK(clocks[0].next_key == "final_plan");
  CHECK(model::format_date(clocks[0].due) == "2025-04-21");
  CHECK(clocks[0].days_left == -42);
  CHECK(clocks[1].upn == "A938412323001");
  CHECK(clocks[1].stage == "awaiting the LA's decision");
  CHECK(model::format_date(clocks[1].due) == "2025-06-12");
  CHECK(clocks[1].days_left == 10);
  CHECK_THAT(clocks[1].rule, Catch::Contains("6 weeks from the request"));
  CHECK(clocks[2].upn == "P938412323002");
  CHECK(clocks[2].stage == "plan issued");
  CHECK(clocks[2].next_key == "annual_review");
  CHECK(model::format_date(clocks[2].due) == "2025-09-02");
  // Its review held on 30 May: the report to the LA is the next step, due 13 June.
  ok("ehcp.review_meeting", R"({"upn":"P938412323002","date":"2025-05-30"})");
  clocks = report::load_ehc_clocks(school.db, school.context.clock, school.context.today);
  CHECK(clocks[2].next_key == "review_report");
  CHECK(model::format_date(clocks[2].due) == "2025-06-13");
  ok("ehcp.review_report", R"({"upn":"P938412323002","date":"2025-06-02"})");
  clocks = report::load_ehc_clocks(school.db, school.context.clock, school.context.today);
  CHECK(clocks[2].next_key == "la_review_decision");
  // Another school's plans are not this school's clocks.
  CHECK(report::load_ehc_clocks(school.db, school.context.clock, school.context.today, 999).empty());
}

TEST_CASE("A plan the school already held starts its clock on day one, with nothing invented", "[unit]") {
  School school("plans-held.db");  // today is 2 June 2025
  auto held =
      school.call("ehcp.record_existing",
                  R"({"upn":"P938412323002","la":"938","issue_date":"2022-03-14","last_review_date":"2024-03-11",)"
                  R"("section_f":[{"description":"Speech and language therapy, 1 hour a week","hours_per_week":1}]})");
  REQUIRE(held.status == Status::ok);
  const auto& plan = held.response.as_object();
  CHECK(plan.at("recorded_existing").as_bool());
  CHECK(plan.at("request_date").is_null());  // not known: never invented
  CHECK(plan.at("issue_date").as_string() == "2022-03-14");
  CHECK(plan.at("review_meetings").as_array().size() == 1);
  const auto& deadlines = plan.at("deadlines").as_object();
  CHECK(deadlines.at("annual_review").as_string() == "2025-03-11");  // 12 months from the last review
  CHECK_FALSE(deadlines.contains("assessment_decision"));
  CHECK_FALSE(deadlines.contains("final_plan"));
  CHECK(plan.at("overdue").at("annual_review").as_bool());
  REQUIRE(plan.at("section_f").as_array().size() == 1);

  // Never reviewed yet: the first review is 12 months from the issue.
  auto young = school.call("ehcp.record_existing", R"({"upn":"A938412323001","la":"938","issue_date":"2024-09-16"})");
  REQUIRE(young.status == Status::ok);
  CHECK(young.response.at("deadlines").at("annual_review").as_string() == "2025-09-16");
  CHECK(young.response.at("overdue").as_object().empty());

  // What a school might get wrong, each refused naming the field.
  auto again = school.call("ehcp.record_existing", R"({"upn":"P938412323002","la":"938","issue_date":"2022-03-14"})");
  CHECK(school.refused_fields(again) == std::vector<std::string>{"upn"});
  CHECK_THAT(json::serialize(again.response), Catch::Contains("already recorded for this pupil (issued 2022-03-14)"));
  CHECK(school.call("ehcp.issue", R"({"upn":"P938412323002","date":"2025-05-01"})").status != Status::ok);
  auto third = "T938412323004";
  CHECK(school.refused_fields(school.call("ehcp.record_existing", R"({"upn":")" + std::string(third) +
                                                                      R"(","la":"938","issue_date":"2025-07-01"})")) ==
        std::vector<std::string>{"issue_date"});  // in the future
  CHECK(
      school.refused_fields(school.call(
          "ehcp.record_existing", R"({"upn":")" + std::string(third) +
                                      R"(","la":"938","issue_date":"2024-01-08","last_review_date":"2023-12-01"})")) ==
      std::vector<std::string>{"last_review_date"});
  CHECK(
      school.refused_fields(school.call(
          "ehcp.record_existing",
          R"({"upn":")" + std::string(third) +
              R"(","la":"938","issue_date":"2024-01-08","section_f":[{"description":"TA support","hours_per_week":0}]})")) ==
      std::vector<std::string>{"section_f"});
  CHECK(school.refused_fields(school.call("ehcp.record_existing", R"({"upn":")" + std::string(third) +
                                                                      R"(","la":"93","issue_date":"2024-01-08"})")) ==
        std::vector<std::string>{"la"});
}
