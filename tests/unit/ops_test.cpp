#include <unistd.h>

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "generator/school_generator.hpp"
#include "model/measure.hpp"
#include "ops/operation.hpp"
#include "sync/ctf_import.hpp"

using namespace sm;
namespace json = boost::json;
namespace fs = std::filesystem;

#include "ops_fixture.hpp"

TEST_CASE("The EHC plan operations keep the statutory clock", "[unit]") {
  School school("ehcp.db");
  auto r = school.call("ehcp.request", R"({"upn":"A938412323001","la":"938","date":"2025-01-06"})");
  REQUIRE(r.status == Status::ok);
  const auto& deadlines = r.response.at("deadlines").as_object();
  CHECK(deadlines.at("assessment_decision").as_string() == "2025-02-17");
  CHECK(deadlines.at("final_plan").as_string() == "2025-05-26");
  CHECK_FALSE(deadlines.contains("annual_review"));                    // absent until the plan is issued
  CHECK(r.response.at("overdue").as_object().contains("final_plan"));  // 2 June, no plan yet

  r = school.call("ehcp.issue", R"({"upn":"A938412323001","date":"2025-05-19"})");
  REQUIRE(r.status == Status::ok);
  CHECK(r.response.at("deadlines").at("annual_review").as_string() == "2026-05-19");
  CHECK(r.response.at("deadlines").at("review_invitations").as_string() == "2026-05-05");

  r = school.call("ehcp.review_meeting", R"({"upn":"A938412323001","date":"2025-06-02"})");
  REQUIRE(r.status == Status::ok);
  CHECK(r.response.at("deadlines").at("review_report").as_string() == "2025-06-16");
  CHECK(r.response.at("deadlines").at("la_review_decision").as_string() == "2025-06-30");
  CHECK(r.response.at("deadlines").at("annual_review").as_string() == "2026-06-02");

  auto got = school.call("ehcp.get", R"({"upn":"A938412323001"})");
  REQUIRE(got.status == Status::ok);
  CHECK(got.response.at("review_meetings").as_array().size() == 1);

  // Who changed what, and when: every change is logged with the actor.
  auto log = school.db.prepare("SELECT actor, operation, upn FROM change_log ORDER BY id");
  std::vector<std::string> ops;
  while (log.step()) {
    CHECK(log.text(0) == "senco:test");
    CHECK(log.text(2) == "A938412323001");
    ops.push_back(log.text(1));
  }
  CHECK(ops == std::vector<std::string>{"ehcp.request", "ehcp.issue", "ehcp.review_meeting"});
}

TEST_CASE("EHC operations refuse what the law's order forbids, naming the field", "[unit]") {
  School school("ehcp_rules.db");
  auto r = school.call("ehcp.issue", R"({"upn":"A938412323001","date":"2025-05-19"})");
  CHECK(r.status == Status::not_found);
  REQUIRE(school.call("ehcp.request", R"({"upn":"A938412323001","la":"938","date":"2025-01-06"})").status ==
          Status::ok);
  r = school.call("ehcp.review_meeting", R"({"upn":"A938412323001","date":"2025-03-01"})");
  CHECK(r.status == Status::invalid);
  CHECK_THAT(std::string(r.response.at("errors").at(0).at("rule").as_string()), Catch::Contains("not been issued"));
  r = school.call("ehcp.issue", R"({"upn":"A938412323001","date":"2024-12-01"})");
  CHECK(school.refused_fields(r) == std::vector<std::string>{"date"});
  r = school.call("ehcp.request", R"({"upn":"A938412323001","la":"938","date":"2025-02-01"})");
  CHECK(school.refused_fields(r) == std::vector<std::string>{"upn"});  // already open
  r = school.call("ehcp.request", R"({"upn":"P938412323002","la":"938","date":"2025-07-01"})");
  CHECK(school.refused_fields(r) == std::vector<std::string>{"date"});  // in the future
  // Nothing refused was written.
  auto count = school.db.prepare("SELECT COUNT(*) FROM change_log");
  count.step();
  CHECK(count.integer(0) == 1);
}

TEST_CASE("Requests are checked field by field before anything runs", "[unit]") {
  School school("validation.db");
  auto r = school.call("ehcp.request", R"({"upn":"B938412323001","date":"2025-02-30","colour":"red"})");
  CHECK(r.status == Status::invalid);
  CHECK(school.refused_fields(r) == std::vector<std::string>{"colour", "upn", "la", "date"});
  CHECK(school.call("ehcp.request", "not json").status == Status::invalid);
  CHECK(school.call("ehcp.request", "[1,2]").status == Status::invalid);
  CHECK(school.call("ehcp.nonsense", "{}").status == Status::unknown_operation);
  CHECK(school.call("ehcp.get", R"({"upn":"G938412324006"})").status == Status::not_found);  // valid UPN, no pupil
}

TEST_CASE("The provision catalogue computes the cost per pupil", "[unit]") {
  School school("provision.db");
  auto r = school.call("provision.create", R"({"name":"Precision teaching","areas":["SPLD","Cognition and learning"],
      "wave":2,"delivered_by":"ta","group_size":3,"sessions_per_week":3,"minutes_per_session":20,"weeks":12,
      "staff_hourly_cost":15.5,"resource_cost":30,"measure":"standardised reading score"})");
  REQUIRE(r.status == Status::ok);
  // 3 x 20 min x 12 weeks = 12 h at 15.50 = 186.00, + 30.00 resources, shared by 3.
  CHECK(r.response.at("cost_per_pupil").as_double() == Approx(72.00));
  CHECK(r.response.at("staff_hours_per_pupil").as_double() == Approx(4.0));
  auto id = r.response.at("id").as_int64();
  CHECK(school.call("provision.get", "{\"id\":" + std::to_string(id) + "}").status == Status::ok);
  CHECK(school.call("provision.get", R"({"id":999})").status == Status::not_found);

  r = school.call("provision.create", R"({"name":"Precision teaching","areas":["Dyslexia"],"wave":4,
      "delivered_by":"robot","group_size":0,"sessions_per_week":3,"minutes_per_session":20,"weeks":12,"staff_hourly_cost":15.5})");
  CHECK(school.refused_fields(r) == std::vector<std::string>{"wave", "delivered_by", "group_size", "name"});
  r = school.call("provision.create", R"({"name":"Lego therapy","areas":["Dyslexia"],"wave":2,
      "delivered_by":"ta","group_size":3,"sessions_per_week":1,"minutes_per_session":45,"weeks":10,"staff_hourly_cost":15})");
  CHECK(school.refused_fields(r) == std::vector<std::string>{"areas"});
  auto list = school.call("provision.list", "{}");
  CHECK(list.response.at("provisions").as_array().size() == 1);
}

TEST_CASE("A request that is not UTF-8 is refused naming its field, at every door", "[unit]") {
  School school("utf8_request.db");
  // "\xE9" then a quote: a Windows-1252 é where UTF-8 was due.
  auto bad = school.call("provision.create", std::string("{\"name\":\"Reading \xE9") + "\",\"areas\":[\"SPLD\"]}");
  REQUIRE(bad.status == Status::invalid);
  CHECK(school.refused_fields(bad) == std::vector<std::string>{"name"});
  CHECK_THAT(std::string(bad.response.at("errors").at(0).at("rule").as_string()),
             Catch::Contains("not valid UTF-8") && Catch::Contains("0xE9"));
}

TEST_CASE("Placements take baselines from the MIS and count sessions against the plan", "[unit]") {
  School school("placements.db");
  auto provision = school.call("provision.create", R"({"name":"Reading catch-up","areas":["Cognition and learning"],
      "wave":2,"delivered_by":"ta","group_size":4,"sessions_per_week":3,"minutes_per_session":30,"weeks":12,
      "staff_hourly_cost":14,"measure":"standardised reading score","measure_subject":"RDG"})");
  REQUIRE(provision.status == Status::ok);
  auto id = std::to_string(provision.response.at("id").as_int64());

  auto placed =
      school.call("placement.start", R"({"upn":"A938412323001","provision_id":)" + id + R"(,"start":"2025-01-06"})");
  REQUIRE(placed.status == Status::ok);
  CHECK(placed.response.at("planned_sessions").as_int64() == 36);
  const auto& baseline = placed.response.at("baseline");
  CHECK(baseline.at("value").as_string() == "84");  // the RDG result of 2024-12-04, from the CTF
  CHECK(baseline.at("source").as_string() == "assessment");
  auto placement = std::to_string(placed.response.at("id").as_int64());

  auto again =
      school.call("placement.start", R"({"upn":"A938412323001","provision_id":)" + id + R"(,"start":"2025-01-07"})");
  CHECK(school.refused_fields(again) == std::vector<std::string>{"provision_id"});

  REQUIRE(school
              .call("session.record", R"({"provision_id":)" + id +
                                          R"(,"date":"2025-01-07","status":"delivered","present":["A938412323001"]})")
              .status == Status::ok);
  REQUIRE(school.call("session.record", R"({"provision_id":)" + id + R"(,"date":"2025-01-08","status":"delivered"})")
              .status == Status::ok);
  REQUIRE(school.call("session.record", R"({"provision_id":)" + id + R"(,"date":"2025-01-09","status":"cancelled"})")
              .status == Status::ok);
  auto stranger =
      school.call("session.record", R"({"provision_id":)" + id +
                                        R"(,"date":"2025-01-10","status":"delivered","present":["P938412323002"]})");
  REQUIRE(stranger.status == Status::invalid);
  CHECK_THAT(std::string(stranger.response.at("errors").at(0).at("rule").as_string()),
             Catch::Contains("P938412323002 is not placed"));

  // The same session again (a form sent twice, the CLI run twice) is refused, naming the one held;
  // a second session that day needs both start times.
  auto repeat =
      school.call("session.record", R"({"provision_id":)" + id + R"(,"date":"2025-01-08","status":"delivered"})");
  REQUIRE(school.refused_fields(repeat) == std::vector<std::string>{"date"});
  CHECK_THAT(std::string(repeat.response.at("errors").at(0).at("rule").as_string()),
             Catch::Contains("already recorded on 2025-01-08") && Catch::Contains("start times"));
  auto timed = school.call("session.record",
                           R"({"provision_id":)" + id + R"(,"date":"2025-01-08","time":"14:00","status":"delivered"})");
  CHECK(school.refused_fields(timed) == std::vector<std::string>{"date"});
  auto bad_time = school.call(
      "session.record", R"({"provision_id":)" + id + R"(,"date":"2025-01-06","time":"25:00","status":"delivered"})");
  CHECK(school.refused_fields(bad_time) == std::vector<std::string>{"time"});
  auto got = school.call("placement.get", R"({"placement_id":)" + placement + "}");
  const auto& sessions = got.response.at("sessions");
  CHECK(sessions.at("delivered").as_int64() == 2);
  CHECK(sessions.at("attended").as_int64() == 1);
  CHECK(sessions.at("cancelled").as_int64() == 1);
  CHECK(sessions.at("delivered_percent_of_planned").as_double() == Approx(5.6));
  CHECK(sessions.at("attended_percent_of_delivered").as_double() == Approx(50.0));

  // Twice on one day, each with its start time: two sessions; the same time again is refused.
  REQUIRE(school
              .call("session.record",
                    R"({"provision_id":)" + id + R"(,"date":"2025-01-13","time":"09:00","status":"delivered"})")
              .status == Status::ok);
  REQUIRE(school
              .call("session.record",
                    R"({"provision_id":)" + id + R"(,"date":"2025-01-13","time":"13:30","status":"delivered"})")
              .status == Status::ok);
  auto same_time = school.call(
      "session.record", R"({"provision_id":)" + id + R"(,"date":"2025-01-13","time":"13:30","status":"delivered"})");
  CHECK(school.refused_fields(same_time) == std::vector<std::string>{"time"});
  auto twice = school.call("placement.get", R"({"placement_id":)" + placement + "}");
  CHECK(twice.response.at("sessions").at("delivered").as_int64() == 4);

  auto early = school.call("placement.end", R"({"placement_id":)" + placement + R"(,"end":"2024-12-01"})");
  CHECK(school.refused_fields(early) == std::vector<std::string>{"end"});
  auto ended = school.call("placement.end", R"({"placement_id":)" + placement +
                                                R"(,"end":"2025-03-28","exit":"92","outcome":"exit criteria met"})");
  REQUIRE(ended.status == Status::ok);
  CHECK(ended.response.at("exit").at("value").as_string() == "92");
  CHECK(ended.response.at("exit").at("source").as_string() == "entered");
}

TEST_CASE("Nothing new is recorded for a pupil who has left the roll", "[unit]") {
  School school("left.db");
  school.db.exec("UPDATE pupil SET left_on = '2025-04-01' WHERE upn = 'P938412323002'");
  auto r = school.call("ehcp.request", R"({"upn":"P938412323002","la":"938","date":"2025-05-01"})");
  CHECK(school.refused_fields(r) == std::vector<std::string>{"upn"});
  CHECK_THAT(std::string(r.response.at("errors").at(0).at("rule").as_string()), Catch::Contains("left the roll"));
}

TEST_CASE("A graduated-approach cycle: assess gathers evidence, plan sets targets, review closes it", "[unit]") {
  School school("cycles.db");
  auto assessed = school.call(
      "cycle.assess", R"({"upn":"A938412323001","date":"2025-01-10","pupil_views":"I like reading to the dog"})");
  REQUIRE(assessed.status == Status::ok);
  const auto& evidence = assessed.response.at("assess").at("evidence");
  // Attendance from the marks: 80% over the only fortnight held, and so persistently absent.
  CHECK(evidence.at("attendance").at("year_to_date_percent").as_double() == Approx(80.0));
  CHECK(evidence.at("attendance").at("persistent_absence").as_bool());
  const auto& attainment = evidence.at("attainment").as_array();
  REQUIRE(attainment.size() == 1);  // RDG has a date; the MTC result does not
  CHECK(attainment[0].at("subject").as_string() == "RDG");
  CHECK(attainment[0].at("latest").as_double() == Approx(84));
  auto cycle = std::to_string(assessed.response.at("id").as_int64());

  CHECK(school.refused_fields(school.call("cycle.assess", R"({"upn":"A938412323001","date":"2025-01-11"})")) ==
        std::vector<std::string>{"upn"});  // one open cycle at a time
  auto bad_plan =
      school.call("cycle.plan", R"({"cycle_id":)" + cycle + R"(,"date":"2025-01-09","review_due":"2025-01-05",
      "targets":[{"target":"Read 20 high-frequency words"}]})");
  CHECK(school.refused_fields(bad_plan) == std::vector<std::string>{"date", "review_due", "targets[1]"});
  auto early_review = school.call(
      "cycle.review", R"({"cycle_id":)" + cycle +
                          R"(,"date":"2025-03-01","targets":[{"id":1,"result":"achieved"}],"next_step":"continue"})");
  CHECK(school.refused_fields(early_review)[0] == "cycle_id");  // no plan to review yet

  auto planned =
      school.call("cycle.plan", R"({"cycle_id":)" + cycle + R"(,"date":"2025-01-13","review_due":"2025-04-04",
      "targets":[{"target":"Read 20 high-frequency words","success_criteria":"20 of 20 on two probes"},
                 {"target":"Ask for help with a card","success_criteria":"uses the card 3 times a week"}]})");
  REQUIRE(planned.status == Status::ok);
  const auto& targets = planned.response.at("plan").at("targets").as_array();
  REQUIRE(targets.size() == 2);
  auto t1 = std::to_string(targets[0].at("id").as_int64()), t2 = std::to_string(targets[1].at("id").as_int64());

  auto incomplete =
      school.call("cycle.review", R"({"cycle_id":)" + cycle + R"(,"date":"2025-04-04","targets":[{"id":)" + t1 +
                                      R"(,"result":"achieved"}],"next_step":"continue"})");
  CHECK(school.refused_fields(incomplete) == std::vector<std::string>{"targets"});  // every target needs a result
  auto reviewed = school.call("cycle.review", R"({"cycle_id":)" + cycle + R"(,"date":"2025-04-04","targets":[{"id":)" +
                                                  t1 + R"(,"result":"achieved","evidence":"20/20 twice"},{"id":)" + t2 +
                                                  R"(,"result":"partly"}],
      "parent_views":"pleased","next_step":"step_down"})");
  REQUIRE(reviewed.status == Status::ok);
  CHECK(reviewed.response.at("stage").as_string() == "reviewed");
  CHECK(reviewed.response.at("review").at("next_step").as_string() == "step_down");

  REQUIRE(
      school.call("parent.meeting", R"({"upn":"A938412323001","date":"2025-01-13","notes":"plan agreed"})").status ==
      Status::ok);
  auto chronology = school.call("cycle.list", R"({"upn":"A938412323001"})");
  CHECK(chronology.response.at("cycles").as_array().size() == 1);
  CHECK(chronology.response.at("parent_meetings").as_array().size() == 1);
  // The next cycle's evidence remembers this one.
  auto next = school.call("cycle.assess", R"({"upn":"A938412323001","date":"2025-04-07"})");
  CHECK(next.response.at("assess").at("evidence").at("history").at("reviewed_cycles").as_int64() == 1);
  CHECK(next.response.at("assess").at("evidence").at("history").at("last_next_step").as_string() == "step_down");
}

TEST_CASE("The passport and exam access arrangements", "[unit]") {
  School school("passport.db");
  CHECK(school.call("passport.get", R"({"upn":"A938412323001"})").status == Status::not_found);
  CHECK(school.refused_fields(school.call("passport.set", R"({"upn":"A938412323001"})")) ==
        std::vector<std::string>{""});
  auto set =
      school.call("passport.set",
                  R"({"upn":"A938412323001","support_strategies":["Seat near the front","Instructions written down"],
      "learn_best_when":"I can move around"})");
  REQUIRE(set.status == Status::ok);
  CHECK(set.response.at("support_strategies").as_array().size() == 2);
  auto access = school.call(
      "access.add", R"({"upn":"A938412323001","kind":"extra_time_25","evidence":"normal way of working in class",
      "valid_from":"2025-01-06","valid_to":"2024-07-31"})");
  CHECK(school.refused_fields(access) == std::vector<std::string>{"valid_to"});
  access = school.call("access.add",
                       R"({"upn":"A938412323001","kind":"extra_time_25","evidence":"normal way of working in class",
      "valid_from":"2025-01-06","valid_to":"2025-07-31"})");
  REQUIRE(access.status == Status::ok);
  CHECK(access.response.at("arrangements").at(0).at("current").as_bool());
}

TEST_CASE("A line typed as label = number: one reading for Section F lines and test scores", "[unit]") {
  auto [test, score] = ops::labelled_number("  WRAT5 reading speed = 82 \r");
  CHECK(test == "WRAT5 reading speed");
  CHECK(score == 82.0);
  auto [salt, hours] = ops::labelled_number("SALT (group = 3) = 1.5");  // the last "=" gives the number
  CHECK(salt == "SALT (group = 3)");
  CHECK(hours == 1.5);
  auto [words, none] = ops::labelled_number("reading age twelve");
  CHECK(words == "reading age twelve");
  CHECK_FALSE(none);
  CHECK_FALSE(ops::labelled_number("WRAT5 = eighty").number);
}

TEST_CASE("The class map's spreadsheet carries each pupil's exam access arrangements in force", "[unit]") {
  // The teacher of an exam class gives them in class tests too: the page shows them, so must Excel.
  auto map = boost::json::parse(R"({"class":{"id":"cls-11x","title":"11X English"},"pupils":[
      {"upn":"A938412323001","surname":"O'Brien","forename":"Zoe","status":"K","needs":[{"code":"SPLD"}],
       "strategies":[],"provisions":[],"targets":[],"next_review":null,
       "access_arrangements":["extra_time_25","reader"]},
      {"upn":"P938412323002","surname":"Evans","forename":"Sian","status":"E","needs":[],"strategies":[],
       "provisions":[],"targets":[],"next_review":"2025-07-01","access_arrangements":[]}]})");
  auto table = ops::class_map_table(map);
  REQUIRE(table.columns.back().header == "Exam access arrangements");
  REQUIRE(table.rows.size() == 2);
  CHECK(std::get<std::string>(table.rows[0].back()) == "25% extra time; A reader");
  const auto& none = table.rows[1].back();
  CHECK((std::holds_alternative<std::monostate>(none) || std::get<std::string>(none).empty()));
}

TEST_CASE("Impact: gains on a provision against similar pupils, and plain words when too few", "[unit]") {
  // A generated school: termly reading scores for every pupil, as the MIS would send them.
  auto dir = fresh("impact.xml");
  sm::generator::SchoolSpec spec;
  spec.pupils = 300;
  spec.seed = 9;
  {
    std::ofstream out(dir, std::ios::binary);
    out << sm::generator::generate_ctf(spec);
  }
  store::Database db(fresh("impact.db"), true);
  REQUIRE(sync::import_ctf(db, dir, {}).applied);
  ops::Context context{db, "senco:test", *model::parse_date("2026-07-22"), {}};
  auto ok = [&](const std::string& op, const std::string& request) {
    auto r = ops::call(context, op, request);
    INFO(op << " " << boost::json::serialize(r.response));
    REQUIRE(r.status == Status::ok);
    return r.response;
  };
  auto provision = ok("provision.create", R"({"name":"Reading catch-up","areas":["Cognition and learning"],"wave":2,
      "delivered_by":"ta","group_size":4,"sessions_per_week":3,"minutes_per_session":30,"weeks":12,"staff_hourly_cost":14,
      "resource_cost":100,"measure_subject":"RDG"})");
  auto small =
      ok("provision.create", R"({"name":"Tiny trial","areas":["SPLD"],"wave":2,"delivered_by":"ta","group_size":1,
      "sessions_per_week":1,"minutes_per_session":20,"weeks":5,"staff_hourly_cost":14,"measure_subject":"RDG"})");
  auto id = std::to_string(provision.at("id").as_int64()), tiny = std::to_string(small.at("id").as_int64());

  // Year 8 pupils from the lower autumn reading scores, every third one, so pupils with similar
  // baselines stay off it: eight on the provision, three on the trial.
  auto low = db.prepare(
      "SELECT p.upn FROM pupil p JOIN assessment_result a ON a.pupil_id = p.id WHERE p.nc_year = '8' AND a.subject = "
      "'RDG' "
      "AND a.result_date < '2025-12-31' AND a.result GLOB '[0-9]*' ORDER BY CAST(a.result AS INTEGER), p.upn LIMIT 33");
  std::vector<std::string> upns;
  for (int i = 0; low.step(); ++i)
    if (i % 3 == 0) upns.push_back(low.text(0));
  REQUIRE(upns.size() == 11);
  for (std::size_t i = 0; i < upns.size(); ++i) {
    auto which = i < 8 ? id : tiny;
    auto placed =
        ok("placement.start", R"({"upn":")" + upns[i] + R"(","provision_id":)" + which + R"(,"start":"2025-12-10"})");
    ok("placement.end", R"({"placement_id":)" + std::to_string(placed.at("id").as_int64()) + R"(,"end":"2026-06-30"})");
  }
  auto all = ok("report.impact", "{}").at("provisions").as_array();
  REQUIRE(all.size() == 2);
  const auto& main = all[0].at("provision").at("name") == "Reading catch-up" ? all[0] : all[1];
  const auto& trial = all[0].at("provision").at("name") == "Tiny trial" ? all[0] : all[1];
  CHECK(main.at("with_baseline_and_exit").to_number<std::int64_t>() == 8);
  CHECK(main.at("cost_per_pupil").as_double() == Approx(88.0));  // (36 sessions x 0.5 h x 14 + 100) / 4
  REQUIRE(main.at("effect").is_object());
  const auto& ci = main.at("effect").at("ci95").as_array();
  CHECK(ci[0].as_double() < main.at("effect").at("hedges_g").as_double());
  CHECK(main.at("comparison").at("pupils").to_number<std::int64_t>() >= 5);
  CHECK_FALSE(main.at("conclusion").as_string().empty());
  CHECK(trial.at("effect").is_null());
  CHECK_THAT(std::string(trial.at("conclusion").as_string()), Catch::StartsWith("Too few pupils (3)"));
}

TEST_CASE("Impact reads ages typed as the README shows them, and says why a placement is left out", "[unit]") {
  School school("impact_ages.db");
  auto provision =
      school.call("provision.create", R"({"name":"Reading boost","areas":["SPLD"],"wave":2,"delivered_by":"ta",
      "group_size":2,"sessions_per_week":2,"minutes_per_session":20,"weeks":10,"staff_hourly_cost":14})");
  REQUIRE(provision.status == Status::ok);
  auto id = std::to_string(provision.response.at("id").as_int64());
  auto place = [&](const std::string& upn, const std::string& baseline, const std::string& exit) {
    auto placed = school.call("placement.start", R"({"upn":")" + upn + R"(","provision_id":)" + id +
                                                     R"(,"start":"2025-01-06","baseline":")" + baseline + "\"}");
    REQUIRE(placed.status == Status::ok);
    auto ended =
        school.call("placement.end", R"({"placement_id":)" + std::to_string(placed.response.at("id").as_int64()) +
                                         R"(,"end":"2025-03-28","exit":")" + exit + "\"}");
    REQUIRE(ended.status == Status::ok);
  };
  place("A938412323001", "9y2m", "9y8m");
  place("P938412323002", "8y 11m", "fluent");
  auto impact = school.call("report.impact", R"({"provision_id":)" + id + "}");
  REQUIRE(impact.status == Status::ok);
  const auto& p = impact.response.at("provisions").at(0);
  CHECK(p.at("with_baseline_and_exit").to_number<std::int64_t>() == 1);
  CHECK(p.at("measured_as") == "age in months");
  CHECK(p.at("mean_gain").to_number<double>() == Approx(6.0));  // 9y2m to 9y8m
  CHECK(p.at("not_used").at("not_a_score_or_age").to_number<std::int64_t>() == 1);
  CHECK(model::parse_measure("9:02")->value == Approx(110));
  CHECK_FALSE(model::parse_measure("9y13m"));
  CHECK(model::parse_measure("101.5")->kind == model::Measure::Kind::score);
}

TEST_CASE("Class ids two schools of a trust share are refused unqualified and found as LA-ESTAB/id", "[unit]") {
  School school("shared-class-ids.db");
  school.db.exec("INSERT INTO school (id, la, estab, name) VALUES (2, '702', '4002', 'Second school')");
  school.db.exec(
      "INSERT INTO school_class (school_id, sourced_id, title) VALUES (1, 'cls-7a', '7A first'), (2, 'cls-7a', '7A "
      "second'), "
      "(1, 'cls-8b', '8B')");
  auto shared = school.call("report.class_map", R"({"class_id":"cls-7a"})");
  REQUIRE(shared.status == Status::invalid);
  CHECK_THAT(std::string(shared.response.at("errors").at(0).at("rule").as_string()),
             Catch::Contains("write it as 938-4123/cls-7a"));
  auto second = school.call("report.class_map", R"({"class_id":"702-4002/cls-7a"})");
  REQUIRE(second.status == Status::ok);
  CHECK(second.response.at("class").at("title") == "7A second");
  CHECK(school.call("report.class_map", R"({"class_id":"938-4123/cls-7a"})").response.at("class").at("title") ==
        "7A first");
  CHECK(school.call("report.class_map", R"({"class_id":"cls-8b"})").status ==
        Status::ok);  // one school's: no need to qualify
  CHECK(school.call("report.class_map", R"({"class_id":"702-4002/cls-8b"})").status == Status::not_found);
}
