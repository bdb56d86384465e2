// The whole-school provision map and costs with their filters, register analytics, the EHC
// evidence pack, termly review dates and parent meetings counted by term: known answers on the
// small fixture (A...001 SEN support with FSM, P...002 EHC plan and looked after, T...004 NSA).
#include <map>

#include "ops_fixture.hpp"

namespace {

void add_terms(store::Database& db) {
  for (auto [name, start, end] :
       {std::tuple{"autumn", "2024-09-04", "2024-12-20"}, std::tuple{"spring", "2025-01-06", "2025-03-28"},
        std::tuple{"summer", "2025-04-22", "2025-07-18"}})
    db.prepare("INSERT INTO school_term (school_id, name, start_date, end_date) VALUES (1, ?1, ?2, ?3)")
        .bind(1, name)
        .bind(2, start)
        .bind(3, end)
        .run();
}

struct Mapped : School {
  std::string reading, salt;
  explicit Mapped(const std::string& name) : School(name) {
    reading = std::to_string(
        call("provision.create", R"({"name":"Reading catch-up","areas":["Cognition and learning"],"wave":2,
        "delivered_by":"ta","group_size":4,"sessions_per_week":3,"minutes_per_session":30,"weeks":12,"staff_hourly_cost":14,
        "resource_cost":120})")
            .response.at("id")
            .as_int64());
    salt = std::to_string(call("provision.create", R"({"name":"Speech and language therapy","areas":["SLCN"],"wave":3,
        "delivered_by":"specialist","group_size":1,"sessions_per_week":1,"minutes_per_session":45,"weeks":10,
        "staff_hourly_cost":45})")
                              .response.at("id")
                              .as_int64());
    for (auto upn : {"A938412323001", "P938412323002", "T938412323004"})
      REQUIRE(call("placement.start",
                   R"({"upn":")" + std::string(upn) + R"(","provision_id":)" + reading + R"(,"start":"2025-01-06"})")
                  .status == Status::ok);
    REQUIRE(call("placement.start", R"({"upn":"P938412323002","provision_id":)" + salt + R"(,"start":"2025-01-06"})")
                .status == Status::ok);
    REQUIRE(call("session.record", R"({"provision_id":)" + reading +
                                       R"(,"date":"2025-01-07","status":"delivered","present":["A938412323001"]})")
                .status == Status::ok);
    REQUIRE(call("session.record",
                 R"({"provision_id":)" + reading +
                     R"(,"date":"2025-01-08","status":"delivered","present":["A938412323001","P938412323002"]})")
                .status == Status::ok);
    REQUIRE(call("session.record", R"({"provision_id":)" + reading + R"(,"date":"2025-01-09","status":"cancelled"})")
                .status == Status::ok);
  }
  double cost(const std::string& op, const std::string& filters) {
    auto r = call(op, filters);
    REQUIRE(r.status == Status::ok);
    return (op == "report.costs" ? r.response.at("total") : r.response.at("totals")).at("cost").to_number<double>();
  }
};

}  // namespace

TEST_CASE("The whole-school provision map: pupils, sessions planned and delivered, cost, by provision", "[unit]") {
  Mapped school("provision-map.db");
  auto map = school.call("report.provision_map", "{}");
  REQUIRE(map.status == Status::ok);
  CHECK(map.response.at("period").at("from").as_string() == "2024-08-01");  // this academic year by default
  const auto& reading = map.response.at("provisions").at(0);
  CHECK(reading.at("name").as_string() == "Reading catch-up");
  CHECK(reading.at("pupil_count").to_number<int>() == 3);
  CHECK(reading.at("sessions_planned").as_int64() == 108);
  CHECK(reading.at("sessions_delivered").as_int64() == 6);  // two sessions, three pupils on the register
  CHECK(reading.at("sessions_attended").as_int64() == 3);
  CHECK(reading.at("cost_per_pupil").to_number<double>() == Approx(93.0));  // (18 h x £14 + £120) / 4
  CHECK(reading.at("cost").to_number<double>() == Approx(279.0));
  CHECK(map.response.at("totals").at("cost").to_number<double>() == Approx(616.5));  // + £337.50 of therapy
  CHECK(map.response.at("totals").at("pupils").to_number<int>() == 3);

  // Every filter a leader asks for.
  CHECK(school.cost("report.provision_map", R"({"status":"E"})") == Approx(430.5));
  CHECK(school.cost("report.provision_map", R"({"pupil_premium":true})") == Approx(523.5));  // FSM and looked after
  CHECK(school.cost("report.provision_map", R"({"pupil_premium":false})") == Approx(93.0));
  CHECK(school.cost("report.provision_map", R"({"looked_after":true})") == Approx(430.5));
  CHECK(school.cost("report.provision_map", R"({"eal":true})") == Approx(0.0));
  CHECK(school.cost("report.provision_map", R"({"wave":3})") == Approx(337.5));
  CHECK(school.cost("report.provision_map", R"({"area":"SEMH"})") == Approx(93.0));
  CHECK(school.cost("report.provision_map", R"({"area":"Communication and interaction"})") == Approx(523.5));
  CHECK(school.cost("report.provision_map", R"({"year":"5"})") == Approx(93.0));
  // A placement that ended before the period is not in it.
  auto first = school.db.prepare("SELECT id FROM placement ORDER BY id LIMIT 1");
  first.step();
  REQUIRE(
      school.call("placement.end", R"({"placement_id":)" + std::to_string(first.integer(0)) + R"(,"end":"2025-03-28"})")
          .status == Status::ok);
  CHECK(school.cost("report.provision_map", R"({"from":"2025-04-01"})") == Approx(523.5));

  auto bad = school.call("report.provision_map",
                         R"({"area":"Dyslexia","status":"N","wave":4,"from":"2025-05-01","to":"2025-04-01"})");
  CHECK(school.refused_fields(bad) == std::vector<std::string>{"to"});
  bad = school.call("report.provision_map", R"({"area":"Dyslexia","status":"N"})");
  CHECK(school.refused_fields(bad) == std::vector<std::string>{"area", "status"});

  auto table = ops::report_table("report.provision_map", map.response);
  REQUIRE(table);
  CHECK(table->rows.size() == 4);
  // Typed, not text: the spreadsheet gets money it can add up and dates it can sort.
  CHECK(table->columns[11].type == report::ColumnType::money);
  CHECK(table->rows[0][11] == report::Cell(93.0));
  CHECK(table->columns[6].type == report::ColumnType::date);
  CHECK(std::holds_alternative<model::Date>(table->rows[0][6]));
}

TEST_CASE("Costs per provision, per area of need, per need and per pupil add up", "[unit]") {
  Mapped school("costs.db");
  auto costs = school.call("report.costs", "{}");
  REQUIRE(costs.status == Status::ok);
  const auto& r = costs.response;
  CHECK(r.at("total").at("cost").to_number<double>() == Approx(616.5));
  CHECK(r.at("total").at("placements").to_number<int>() == 4);
  std::map<std::string, double> by_area, by_need;
  for (const auto& a : r.at("by_area").as_array())
    by_area[std::string(a.at("area").as_string())] = a.at("cost").to_number<double>();
  for (const auto& n : r.at("by_need").as_array())
    by_need[std::string(n.at("need").as_string())] = n.at("cost").to_number<double>();
  // Each pupil's money counts under their primary need: SLCN (A), ASD (P), NSA (T).
  CHECK(by_area == std::map<std::string, double>{{"Communication and interaction", 523.5}, {"Other", 93.0}});
  CHECK(by_need == std::map<std::string, double>{{"ASD", 430.5}, {"NSA", 93.0}, {"SLCN", 93.0}});
  const auto& top = r.at("by_pupil").at(0);  // the costliest first
  CHECK(top.at("upn").as_string() == "P938412323002");
  CHECK(top.at("cost").to_number<double>() == Approx(430.5));
  CHECK(top.at("provisions").as_array().size() == 2);
  auto table = ops::report_table("report.costs", r);
  REQUIRE(table);
  CHECK(table->rows.back() == std::vector<report::Cell>{std::string("Total"), {}, 3.0, 616.5, 205.5});
}

TEST_CASE("Register analytics: by year against England, the trend by census day, with and without SEN", "[unit]") {
  School school("analytics.db");
  auto a = school.call("report.register_analytics", "{}");
  REQUIRE(a.status == Status::ok);
  const auto& r = a.response;
  CHECK(r.at("roll").to_number<int>() == 5);
  CHECK(r.at("school").at("sen_support").to_number<int>() == 2);
  CHECK(r.at("school").at("ehc_plan").to_number<int>() == 1);
  CHECK(r.at("school").at("ehc_plan_percent").to_number<double>() == Approx(20.0));
  CHECK(r.at("national").at("ehc_plan_percent").to_number<double>() > 0);
  const auto& years = r.at("by_year").as_array();
  REQUIRE(years.size() == 3);
  CHECK(years[0].at("year").as_string() == "5");
  CHECK(years[1].at("roll").to_number<int>() == 2);  // year 6: Zoë and one pupil without SEN
  CHECK(years[1].at("sen_support_percent").to_number<double>() == Approx(50.0));
  // Census days: the third Thursday of May 2025 is the latest before 2 June.
  const auto& trend = r.at("trend").as_array();
  REQUIRE(trend.size() == 6);
  CHECK(trend.back().at("date").as_string() == "2025-05-15");
  CHECK(trend.back().at("census").as_string() == "Summer 2025");
  CHECK(trend.at(3).at("date").as_string() == "2024-10-03");  // first Thursday of October
  CHECK(trend.back().at("ehc_plan").to_number<int>() == 1);
  // Only Zoë has attendance (2024/25): she is the SEN support group.
  const auto& groups = r.at("attendance").at("groups").as_array();
  bool found = false;
  for (const auto& g : groups)
    if (g.at("group").as_string() == "SEN support") {
      found = true;
      CHECK(g.at("pupils").to_number<int>() == 1);
    }
  CHECK(found);
  // Each primary need's share of the group against England's (2023/24): SEN support is Zoë (SLCN)
  // and Amara (NSA), the EHC plan Siân's (ASD); a need nobody here has is still compared.
  std::map<std::string, const json::object*> needs;
  for (const auto& n : r.at("by_need").as_array()) needs[std::string(n.at("need").as_string())] = &n.as_object();
  REQUIRE(needs.count("SLCN"));
  CHECK(needs["SLCN"]->at("sen_support_percent").to_number<double>() == Approx(50.0));
  CHECK(needs["SLCN"]->at("ehc_plan_percent").to_number<double>() == Approx(0.0));
  CHECK(needs["SLCN"]->at("national_sen_support_percent").to_number<double>() == Approx(25.6));
  CHECK(needs["ASD"]->at("ehc_plan_percent").to_number<double>() == Approx(100.0));
  CHECK(needs["ASD"]->at("national_ehc_plan_percent").to_number<double>() == Approx(33.0));
  REQUIRE(needs.count("MLD"));
  CHECK(needs["MLD"]->at("sen_support").to_number<int>() == 0);
  CHECK(needs["MLD"]->at("national_sen_support_percent").to_number<double>() == Approx(15.8));
  CHECK_FALSE(needs.count("DS"));  // counted from 2025: that edition has no figure, so no row
  CHECK(r.at("national_by_need").at("period").as_string() == "2023/24");
  CHECK(std::string(r.at("national_by_need").at("publication").as_string()).find("DfE") == 0);
  auto table = ops::report_table("report.register_analytics", r);
  REQUIRE(table);
  bool england_row = false;
  for (const auto& row : table->rows)
    if (row[1] == report::Cell{std::string("SLCN (Communication and interaction): England (2023/24)")}) {
      england_row = true;
      CHECK(row[5] == report::Cell{25.6});
    }
  CHECK(england_row);
  auto filtered = school.call("report.register_analytics", R"({"year":"7"})");
  CHECK(filtered.response.at("roll").to_number<int>() == 2);
  CHECK(school.refused_fields(school.call("report.register_analytics", R"({"status":"K"})")) ==
        std::vector<std::string>{"status"});
}

TEST_CASE("The EHC evidence pack: a chronology of cycles, provision, views and meetings, and its gaps", "[unit]") {
  School school("evidence.db");
  const std::string upn = "A938412323001";
  auto provision = std::to_string(
      school
          .call("provision.create", R"({"name":"Talk boost","areas":["SLCN"],"wave":2,"delivered_by":"ta",
      "group_size":4,"sessions_per_week":3,"minutes_per_session":30,"weeks":10,"staff_hourly_cost":14})")
          .response.at("id")
          .as_int64());
  auto placement = school
                       .call("placement.start",
                             R"({"upn":")" + upn + R"(","provision_id":)" + provision + R"(,"start":"2025-01-13"})")
                       .response.at("id")
                       .as_int64();
  auto cycle =
      school
          .call("cycle.assess",
                R"({"upn":")" + upn + R"(","date":"2025-01-06","pupil_views":"I get lost in long instructions"})")
          .response.at("id")
          .as_int64();
  REQUIRE(school
              .call("cycle.plan",
                    R"({"cycle_id":)" + std::to_string(cycle) + R"(,"date":"2025-01-10","review_due":"2025-03-28",
      "targets":[{"target":"Follow a two-step instruction","success_criteria":"4 of 5 times"}]})")
              .status == Status::ok);
  REQUIRE(school.call("placement.end", R"({"placement_id":)" + std::to_string(placement) + R"(,"end":"2025-03-21"})")
              .status == Status::ok);
  auto target = school.call("cycle.get", R"({"cycle_id":)" + std::to_string(cycle) + "}")
                    .response.at("plan")
                    .at("targets")
                    .at(0)
                    .at("id")
                    .as_int64();
  REQUIRE(school
              .call("cycle.review", R"({"cycle_id":)" + std::to_string(cycle) +
                                        R"(,"date":"2025-03-27","next_step":"request_ehc_assessment",
      "targets":[{"id":)" + std::to_string(target) +
                                        R"(,"result":"not","evidence":"1 of 5 times"}]})")
              .status == Status::ok);
  REQUIRE(school
              .call("parent.meeting",
                    R"({"upn":")" + upn + R"(","date":"2025-03-27","notes":"Agreed to request an assessment"})")
              .status == Status::ok);

  auto pack = school.call("report.evidence_pack", R"({"upn":")" + upn + R"("})");
  REQUIRE(pack.status == Status::ok);
  const auto& r = pack.response;
  CHECK(r.at("summary").at("cycles_reviewed").to_number<int>() == 1);
  CHECK(r.at("summary").at("reviews_with_no_target_achieved").to_number<int>() == 1);
  std::vector<std::string> kinds, dates;
  for (const auto& e : r.at("chronology").as_array()) {
    kinds.emplace_back(e.at("kind").as_string());
    dates.emplace_back(e.at("date").as_string());
  }
  CHECK(std::is_sorted(dates.begin(), dates.end()));
  for (auto kind : {"status", "need", "assess", "plan", "provision", "review", "parents"})
    CHECK(std::count(kinds.begin(), kinds.end(), kind) >= 1);
  std::vector<std::string> gaps;
  for (const auto& g : r.at("gaps").as_array()) gaps.emplace_back(g.as_string());
  REQUIRE(gaps.size() == 3);
  CHECK_THAT(gaps[0], Catch::Contains("1 reviewed cycle"));
  CHECK_THAT(gaps[1], Catch::Contains("without both the pupil's and the parents' views"));
  CHECK_THAT(gaps[2], Catch::Contains("without an exit measure"));
  // The read is audited: the pack is SEN content about one pupil.
  auto audit = school.db.audit_file().prepare(
      "SELECT COUNT(*) FROM audit_log WHERE upn = ?1 AND action = 'report.evidence_pack'");
  audit.bind(1, upn);
  audit.step();
  CHECK(audit.integer(0) == 1);
}

TEST_CASE("Termly reviews and three parent meetings a year follow the term dates", "[unit]") {
  School school("terms.db");
  auto cycle_for = [&](const std::string& upn, const std::string& date) {
    return std::to_string(school.call("cycle.assess", R"({"upn":")" + upn + R"(","date":")" + date + R"("})")
                              .response.at("id")
                              .as_int64());
  };
  const std::string targets =
      R"("targets":[{"target":"Read ten key words","success_criteria":"in two lessons running"}])";
  // Without term dates a review date must be given.
  auto c = cycle_for("A938412323001", "2025-01-15");
  auto refused = school.call("cycle.plan", R"({"cycle_id":)" + c + R"(,"date":"2025-01-20",)" + targets + "}");
  CHECK(school.refused_fields(refused) == std::vector<std::string>{"review_due"});
  add_terms(school.db);
  auto planned = school.call("cycle.plan", R"({"cycle_id":)" + c + R"(,"date":"2025-01-20",)" + targets + "}");
  REQUIRE(planned.status == Status::ok);
  CHECK(planned.response.at("plan").at("review_due").as_string() == "2025-03-28");  // the end of this term
  auto late = cycle_for("T938412323004", "2025-03-03");
  planned = school.call("cycle.plan", R"({"cycle_id":)" + late + R"(,"date":"2025-03-10",)" + targets + "}");
  CHECK(planned.response.at("plan").at("review_due").as_string() ==
        "2025-07-18");  // under four weeks left: next term's end
  auto far = cycle_for("P938412323002", "2025-01-15");
  planned = school.call("cycle.plan",
                        R"({"cycle_id":)" + far + R"(,"date":"2025-01-20","review_due":"2025-09-30",)" + targets + "}");
  REQUIRE(planned.status == Status::ok);
  CHECK_THAT(std::string(planned.response.at("warnings").at(0).as_string()), Catch::Contains("at least termly"));

  for (auto day : {"2024-10-01", "2025-04-10"})
    REQUIRE(school.call("parent.meeting", R"({"upn":"A938412323001","date":")" + std::string(day) + R"("})").status ==
            Status::ok);
  auto list = school.call("cycle.list", R"({"upn":"A938412323001"})");
  const auto& year = list.response.at("parent_meetings_this_year");
  CHECK(year.at("meetings").to_number<int>() == 2);
  CHECK(year.at("expected_by_now").to_number<int>() == 2);  // autumn and spring ended; summer runs to July
  std::vector<std::int64_t> by_term;
  for (const auto& t : year.at("by_term").as_array()) by_term.push_back(t.at("meetings").to_number<std::int64_t>());
  CHECK(by_term == std::vector<std::int64_t>{1, 0, 1});  // the Easter holiday meeting counts for the summer term
}

TEST_CASE("Exclusions: suspensions counted from E marks, per 100 pupils, with and without SEN", "[unit]") {
  School school("exclusions.db");
  // Zoë (SEN support) holds the only marks: E E # E E is one suspension (a closed day does not end
  // it); the later E a second. Łukasz (no SEN) gets E - E: two (an unmarked session ends a run).
  school.db.exec("UPDATE attendance_year SET marks = '//EE#EE//E/', marks_start = '2024-09-02' WHERE year = 2024");
  school.db.exec(
      "INSERT INTO attendance_year (pupil_id, year, marks_start, marks) SELECT id, 2024, '2024-09-02', 'E-E' FROM "
      "pupil WHERE forename = 'Łukasz'");
  auto x = school.call("report.exclusions", "{}");
  REQUIRE(x.status == Status::ok);
  const auto& r = x.response;
  CHECK(r.at("academic_year").as_string() == "2024/25");
  std::map<std::string, json::object> groups;
  for (const auto& g : r.at("groups").as_array()) groups[std::string(g.at("group").as_string())] = g.as_object();
  REQUIRE(groups.size() == 4);
  CHECK(groups["all"].at("pupils").to_number<int>() == 5);
  CHECK(groups["all"].at("suspensions").to_number<int>() == 4);
  CHECK(groups["all"].at("sessions_lost").to_number<int>() == 7);
  CHECK(groups["all"].at("pupils_suspended").to_number<int>() == 2);
  CHECK(groups["all"].at("suspension_rate").to_number<double>() == Approx(80.0));
  CHECK(groups["all"].at("one_or_more_suspension_rate").to_number<double>() == Approx(40.0));
  CHECK(groups["sen_support"].at("pupils").to_number<int>() == 2);
  CHECK(groups["sen_support"].at("suspensions").to_number<int>() == 2);
  CHECK(groups["sen_support"].at("one_or_more_suspension_rate").to_number<double>() == Approx(50.0));
  CHECK(groups["no_sen"].at("pupils").to_number<int>() == 2);
  CHECK(groups["no_sen"].at("suspension_rate").to_number<double>() == Approx(100.0));
  CHECK(groups["ehc_plan"].at("pupils").to_number<int>() == 1);
  CHECK(groups["ehc_plan"].at("suspensions").to_number<int>() == 0);
  CHECK(groups["ehc_plan"].at("suspension_rate").to_number<double>() == Approx(0.0));
  CHECK(groups["all"].at("permanent_exclusions").to_number<int>() == 0);
  // England's rates with their publication, and only for the groups it was found to give.
  CHECK(r.at("national").at("period").as_string() == "2023/24");
  CHECK(groups["all"].at("national_suspension_rate").to_number<double>() == Approx(11.31));
  CHECK(groups["all"].at("national_permanent_exclusion_rate").to_number<double>() == Approx(0.13));
  CHECK(groups["sen_support"].at("national_suspension_rate").is_null());
  // The spreadsheet: one row per group then per area of need, counts and rates as numbers.
  auto table = ops::report_table("report.exclusions", r);
  REQUIRE(table);
  REQUIRE(table->rows.size() >= 5);
  CHECK(table->rows[2] ==
        std::vector<report::Cell>{std::string("SEN support"), 2.0, 1.0, 2.0, 5.0, 0.0, 100.0, 50.0, 0.0, {}, {}});
  CHECK(table->rows[0].at(9) == report::Cell{11.31});
  // A year with no marks held counts nothing, and the filters narrow the roll.
  auto other = school.call("report.exclusions", R"({"academic_year":2023})");
  CHECK(other.response.at("groups").at(0).at("suspensions").to_number<int>() == 0);
  CHECK(school.call("report.exclusions", R"({"year":"7"})").response.at("groups").at(0).at("pupils").to_number<int>() ==
        2);
}

TEST_CASE("The SEND budget against spend: income entered, the provision map's spend by wave and per pupil", "[unit]") {
  Mapped school("budget.db");
  auto none = school.call("report.budget", "{}");
  REQUIRE(none.status == Status::ok);
  CHECK_FALSE(none.response.at("budget_entered").as_bool());
  CHECK(none.response.at("balance").is_null());  // no budget entered: no balance invented
  CHECK(none.response.at("spend").at("total").to_number<double>() == Approx(616.5));

  CHECK(school.refused_fields(school.call("budget.set", R"({"academic_year":2024,"notional_sen_budget":-5,
      "other_income":[{"description":"Inclusion fund","amount":1},{"description":"Inclusion fund","amount":2},
      {"amount":3}]})")) == std::vector<std::string>{"notional_sen_budget", "other_income", "other_income"});
  REQUIRE(school.call("budget.set", R"({"academic_year":2024,"notional_sen_budget":4000})").status == Status::ok);
  // Entered again for the year: the year's budget is replaced, not added to.
  REQUIRE(school
              .call("budget.set", R"({"academic_year":2024,"notional_sen_budget":5000,
      "other_income":[{"description":"LA inclusion fund","amount":1000}]})")
              .status == Status::ok);
  // Top-up funding comes with an EHC plan: Zoë (SEN support) has none, Siân has one.
  CHECK(school.refused_fields(
            school.call("budget.top_up", R"({"upn":"A938412323001","academic_year":2024,"amount":6500})")) ==
        std::vector<std::string>{"upn"});
  REQUIRE(school.call("budget.top_up", R"({"upn":"P938412323002","academic_year":2024,"amount":6000})").status ==
          Status::ok);
  REQUIRE(school.call("budget.top_up", R"({"upn":"P938412323002","academic_year":2024,"amount":6500})").status ==
          Status::ok);  // corrected, not a second top-up

  auto b = school.call("report.budget", R"({"academic_year":2024})").response;
  CHECK(b.at("academic_year") == "2024/25");
  CHECK(b.at("income").at("notional_sen_budget").to_number<double>() == Approx(5000.0));
  CHECK(b.at("income").at("top_up").at("total").to_number<double>() == Approx(6500.0));
  CHECK(b.at("income").at("top_up").at("plans_funded") == 1);
  CHECK(b.at("income").at("total").to_number<double>() == Approx(12500.0));
  CHECK(b.at("ehc_plans_without_top_up") == 0);
  const auto& waves = b.at("spend").at("by_wave").as_array();
  REQUIRE(waves.size() == 2);
  CHECK(waves[0].at("spend").to_number<double>() == Approx(279.0));  // reading catch-up, three pupils
  CHECK(waves[1].at("spend").to_number<double>() == Approx(337.5));  // speech and language therapy
  CHECK(b.at("spend").at("on_register").to_number<double>() == Approx(616.5));
  CHECK(b.at("balance").to_number<double>() == Approx(11883.5));
  CHECK(b.at("register_pupils") == 3);
  CHECK(b.at("spend_per_pupil_on_register").to_number<double>() == Approx(205.5));
  CHECK(b.at("income_per_pupil_on_register").to_number<double>() == Approx(4166.67));
  // Another year has its own budget (none entered); its spend is the costs report's for that year
  // (the placements, not ended, run on into it).
  auto next = school.call("report.budget", R"({"academic_year":2025})").response;
  CHECK(next.at("income").at("total").is_null());
  CHECK(next.at("spend").at("total").to_number<double>() ==
        Approx(school.cost("report.costs", R"({"from":"2025-08-01","to":"2026-07-31"})")));

  auto table = ops::report_table("report.budget", b);
  REQUIRE(table);
  CHECK(table->rows[0] ==
        std::vector<report::Cell>{std::string("Income"), std::string("Notional SEN budget"), {}, 5000.0});
  bool balance = false;
  for (const auto& row : table->rows)
    if (row[0] == report::Cell{std::string("Balance")}) balance = row[3] == report::Cell{11883.5};
  CHECK(balance);
}

TEST_CASE("SENCO time: hours against the register, and the national award due three years on", "[unit]") {
  School school("senco-time.db");
  auto none = school.call("report.senco_time", "{}").response;
  REQUIRE(none.at("schools").as_array().size() == 1);
  CHECK(none.at("schools").at(0).at("hours_per_week").is_null());  // not entered: no ratio invented
  CHECK(none.at("totals").at("schools_without_hours") == 1);

  CHECK(school.refused_fields(school.call("senco.set", R"({"hours_per_week":80,"award":"maybe",
      "award_date":"2024-01-01","appointed_on":"2026-01-01"})")) ==
        std::vector<std::string>{"hours_per_week", "award", "award_date", "appointed_on"});
  auto set = school.call("senco.set", R"({"hours_per_week":6,"name":"A. SENCO","on_slt":false,
      "qualified_teacher":true,"award":"in_progress","appointed_on":"2022-03-14"})");
  REQUIRE(set.status == Status::ok);
  const auto& row = set.response;
  CHECK(row.at("roll") == 5);
  CHECK(row.at("on_register") == 3);  // Zoë and Amara on SEN support, Siân's EHC plan
  CHECK(row.at("ehc_plans") == 1);
  CHECK(row.at("register_pupils_per_hour").to_number<double>() == Approx(0.5));
  CHECK(row.at("ehc_plans_per_hour").to_number<double>() == Approx(0.2));
  CHECK(row.at("on_slt") == false);
  CHECK(row.at("award_due") == "2025-03-14");
  CHECK(row.at("award_overdue") == true);  // today is 2 June 2025
  // Held: nothing is due; set again replaces the record.
  auto held = school.call("senco.set", R"({"hours_per_week":7.5,"award":"held","award_date":"2024-07-01",
      "appointed_on":"2022-03-14"})");
  CHECK(held.response.at("award_due").is_null());
  CHECK(held.response.at("hours_per_week").to_number<double>() == Approx(7.5));
  auto table = ops::report_table("report.senco_time", school.call("report.senco_time", "{}").response);
  REQUIRE(table);
  REQUIRE(table->rows.size() == 1);
  CHECK(table->rows[0][5] == report::Cell{7.5});
  CHECK(table->rows[0][10] == report::Cell{std::string("held")});
}
