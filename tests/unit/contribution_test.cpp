// Teachers' contributions (cycle.contribute): their views for the next review and strategy
// feedback, refused when they say nothing, kept with the cycle running and shown in it.
#include "ops_fixture.hpp"

TEST_CASE("A teacher's views and strategy feedback are kept with the cycle running, by name", "[unit]") {
  School school("contribution.db");
  school.db.exec(
      "INSERT INTO staff (id, school_id, sourced_id, given_name, family_name, role) VALUES "
      "(1, 1, 'stf-01', 'Ravi', 'Patel', 'teacher')");
  const std::string upn = "A938412323001";
  // Before any cycle: kept for the next one.
  auto estab = school.db.prepare("SELECT la || '-' || estab FROM school WHERE id = 1");
  REQUIRE(estab.step());
  const auto teacher = "staff:" + estab.text(0) + "/stf-01";  // as the change log names a member of staff
  school.context.actor = teacher;
  auto early =
      school.call("cycle.contribute", R"({"upn":")" + upn + R"(","kind":"views","note":"Settles well after lunch"})");
  REQUIRE(early.status == Status::ok);
  CHECK(early.response.at("cycle_id").is_null());
  CHECK(early.response.at("by_name") == "Ravi Patel");

  school.context.actor = "senco:test";
  auto assessed = school.call("cycle.assess", R"({"upn":")" + upn + R"(","date":"2025-05-01"})");
  REQUIRE(assessed.status == Status::ok);
  const auto cycle = assessed.response.at("id").as_int64();
  school.context.actor = teacher;
  auto worked =
      school.call("cycle.contribute", R"({"upn":")" + upn +
                                          R"(","kind":"strategy_worked","strategy":"Visual timetable",)"
                                          R"("note":"Used it all week; fewer questions about what is next"})");
  REQUIRE(worked.status == Status::ok);
  CHECK(worked.response.at("cycle_id") == cycle);

  auto got = school.call("cycle.get", R"({"cycle_id":)" + std::to_string(cycle) + "}");
  REQUIRE(got.status == Status::ok);
  const auto& contributions = got.response.at("contributions").as_array();
  REQUIRE(contributions.size() == 1);
  CHECK(contributions.at(0).at("kind") == "strategy_worked");
  CHECK(contributions.at(0).at("strategy") == "Visual timetable");
  CHECK(contributions.at(0).at("by_name") == "Ravi Patel");
  CHECK(contributions.at(0).at("recorded_on") == "2025-06-02");
}

TEST_CASE("A contribution that says nothing, or no strategy for strategy feedback, is refused", "[unit]") {
  School school("contribution-refused.db");
  const std::string upn = R"("upn":"A938412323001")";
  CHECK(school.refused_fields(school.call("cycle.contribute", "{" + upn + R"(,"kind":"views","note":"  "})")) ==
        std::vector<std::string>{"note"});
  CHECK(school.refused_fields(
            school.call("cycle.contribute", "{" + upn + R"(,"kind":"strategy_did_not_work","note":"x"})")) ==
        std::vector<std::string>{"strategy"});
  CHECK(school.refused_fields(school.call("cycle.contribute", "{" + upn + R"(,"kind":"gossip","note":"x"})")) ==
        std::vector<std::string>{"kind"});
  auto count = school.db.prepare("SELECT COUNT(*) FROM teacher_contribution");
  REQUIRE(count.step());
  CHECK(count.integer(0) == 0);
}
