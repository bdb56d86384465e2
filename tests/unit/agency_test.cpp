// The agency directory and the team around the child: every rule named, the same agency again
// updates its entry, a referral waits until decided, an involvement ends; the advice an agency's
// report gave is kept with the cycle it informed and travels with it.
#include "ops_fixture.hpp"

namespace {

std::int64_t add_agency(School& school, const std::string& request) {
  auto saved = school.call("agency.save", request);
  REQUIRE(saved.status == Status::ok);
  return saved.response.at("agency_id").as_int64();
}

}  // namespace

TEST_CASE("The agency directory: each rule named, the same name again updates the entry", "[unit]") {
  School school("agency-directory.db");
  auto refused = school.call("agency.save", R"({"name":"County EPS","service":"wizardry","email":"not an address",
      "waiting_weeks":400})");
  CHECK(school.refused_fields(refused) == std::vector<std::string>{"service", "email", "waiting_weeks"});
  const auto ep = add_agency(school, R"({"name":"County Educational Psychology Service",
      "service":"educational_psychology","contact":"Duty psychologist","phone":"01632 960001",
      "email":"eps@example.org","offers":"Consultation, assessment, training","referral_route":"Termly planning meeting",
      "waiting_weeks":12})");
  const auto again = add_agency(school, R"({"name":"County Educational Psychology Service",
      "service":"educational_psychology","phone":"01632 960002","waiting_weeks":16})");
  CHECK(again == ep);
  auto list = school.call("agency.list", "{}").response;
  REQUIRE(list.at("agencies").as_array().size() == 1);
  const auto& entry = list.at("agencies").at(0);
  CHECK(entry.at("phone") == "01632 960002");
  CHECK(entry.at("waiting_weeks") == 16);
  CHECK(entry.at("contact").is_null());  // the entry is replaced as a whole
  const auto salt =
      add_agency(school, R"({"name":"Speech and Language Therapy","service":"speech_and_language_therapy"})");
  CHECK(school.refused_fields(school.call("agency.save", R"({"agency_id":)" + std::to_string(salt) +
                                                             R"(,"name":"County Educational Psychology Service",
      "service":"speech_and_language_therapy"})")) == std::vector<std::string>{"name"});
  auto table = ops::report_table("agency.list", school.call("agency.list", "{}").response);
  REQUIRE(table);
  CHECK(table->rows.size() == 2);
}

TEST_CASE("The team around the child: referrals wait, involvements end, advice stays with its cycle", "[unit]") {
  School school("agency-team.db");
  const auto ep = add_agency(school, R"({"name":"Educational Psychology","service":"educational_psychology"})");
  const auto salt =
      add_agency(school, R"({"name":"Speech and Language Therapy","service":"speech_and_language_therapy"})");
  const auto camhs = add_agency(school, R"({"name":"CAMHS","service":"camhs"})");
  const std::string zoe = "A938412323001";
  auto involve = [&](std::int64_t agency, const std::string& rest) {
    return school.call("agency.involve", R"({"upn":")" + zoe + R"(","agency_id":)" + std::to_string(agency) +
                                             (rest.empty() ? "" : ",") + rest + "}");
  };
  CHECK(school.refused_fields(involve(ep, "")) == std::vector<std::string>{"referred_on"});
  CHECK(school.refused_fields(involve(ep, R"("referred_on":"2025-03-01","decided_on":"2025-02-01",
      "decision":"declined","involved_from":"2025-03-10","ended_on":"2025-03-05")")) ==
        std::vector<std::string>{"decided_on", "involved_from", "ended_on"});
  CHECK(school.refused_fields(involve(ep, R"("referred_on":"2025-07-01")")) ==
        std::vector<std::string>{"referred_on"});  // after today (2 June 2025)
  CHECK(involve(99, R"("referred_on":"2025-03-01")").status == Status::not_found);

  // SaLT: referred in January, seen from 3 March (6 weeks 2 days), ended in May with a programme.
  auto seen = involve(salt, R"("referred_on":"2025-01-20","decision":"accepted","decided_on":"2025-01-31",
      "involved_from":"2025-03-03","professional":"J. Therapist")");
  REQUIRE(seen.status == Status::ok);
  CHECK(seen.response.at("status") == "involved");
  const auto salt_id = seen.response.at("involvement_id").as_int64();
  REQUIRE(school
              .call("agency.involve", R"({"upn":")" + zoe + R"(","agency_id":)" + std::to_string(salt) +
                                          R"(,"involvement_id":)" + std::to_string(salt_id) +
                                          R"(,"referred_on":"2025-01-20","decision":"accepted",
      "decided_on":"2025-01-31","involved_from":"2025-03-03","ended_on":"2025-05-16",
      "outcome":"Discharged with a school programme"})")
              .status == Status::ok);
  // EP: referred on 12 May, no decision yet: waiting 21 days. CAMHS: declined.
  REQUIRE(involve(ep, R"("referred_on":"2025-05-12")").status == Status::ok);
  REQUIRE(involve(camhs, R"("referred_on":"2025-02-03","decision":"redirected","decided_on":"2025-02-20",
      "outcome":"Redirected to the school nurse")")
              .status == Status::ok);

  auto team = school.call("agency.team", R"({"upn":")" + zoe + R"("})").response;
  REQUIRE(team.at("team").as_array().size() == 1);
  CHECK(team.at("team").at(0).at("agency") == "Educational Psychology");
  CHECK(team.at("team").at(0).at("status") == "waiting");
  CHECK(team.at("team").at(0).at("days_waiting") == 21);
  REQUIRE(team.at("past").as_array().size() == 2);
  CHECK(team.at("past").at(0).at("status") == "redirected");
  CHECK(team.at("past").at(1).at("status") == "ended");
  CHECK(team.at("past").at(1).at("outcome") == "Discharged with a school programme");

  auto list = school.call("agency.list", "{}").response;
  for (const auto& a : list.at("agencies").as_array()) {
    if (a.at("name") == "Speech and Language Therapy") {
      CHECK(a.at("pupils_involved_now") == 0);
      CHECK(a.at("seen_wait_weeks").as_double() == Approx(6.0).margin(0.05));  // 42 days
    }
    if (a.at("name") == "Educational Psychology") CHECK(a.at("referrals_waiting") == 1);
  }

  // The SaLT report informed the cycle of March: kept with it, and in the pupil's team.
  auto cycle = school.call("cycle.assess", R"({"upn":")" + zoe + R"(","date":"2025-03-10"})");
  REQUIRE(cycle.status == Status::ok);
  const auto cycle_id = std::to_string(cycle.response.at("id").as_int64());
  CHECK(school.refused_fields(school.call("cycle.advice", R"({"cycle_id":)" + cycle_id + R"(,"agency_id":)" +
                                                              std::to_string(salt) + R"(,"author":"J. Therapist",
      "received_on":"2025-03-07","recommendations":"","document":"x"})")) ==
        std::vector<std::string>{"recommendations"});
  auto kept = school.call("cycle.advice", R"({"cycle_id":)" + cycle_id + R"(,"agency_id":)" + std::to_string(salt) +
                                              R"(,"author":"J. Therapist","received_on":"2025-03-07",
      "recommendations":"Visual timetable; pre-teach topic vocabulary","document":"SALT-report-2025-03.pdf"})");
  REQUIRE(kept.status == Status::ok);
  auto shown = school.call("cycle.get", R"({"cycle_id":)" + cycle_id + "}");
  REQUIRE(shown.status == Status::ok);
  REQUIRE(shown.response.at("advice").as_array().size() == 1);
  CHECK(shown.response.at("advice").at(0).at("recommendations") == "Visual timetable; pre-teach topic vocabulary");
  team = school.call("agency.team", R"({"upn":")" + zoe + R"("})").response;
  REQUIRE(team.at("advice").as_array().size() == 1);
  CHECK(team.at("advice").at(0).at("cycle_assessed_on") == "2025-03-10");
}
