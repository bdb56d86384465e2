// Exam access arrangements as the JCQ process runs them: evidence, an approval that lasts 26 months
// (JCQ Access Arrangements and Reasonable Adjustments), and the exams officer's list.
#include "ops_fixture.hpp"
#include "rules/flag_store.hpp"

TEST_CASE("An access arrangement's evidence, its approval and when the approval lapses", "[unit]") {
  School school("access.db");  // today is 2 June 2025
  const std::string a = R"({"upn":"A938412323001")";
  auto add = [&](const std::string& rest) { return school.call("access.add", a + rest + "}"); };
  // One arrangement of a response's list (they come oldest first), by its id.
  auto with_id = [](const json::value& response, const std::string& id) {
    for (const auto& x : response.at("arrangements").as_array())
      if (std::to_string(x.at("id").as_int64()) == id) return x;
    FAIL("no arrangement " << id);
    return json::value();
  };
  CHECK(school.refused_fields(add(R"(,"kind":"extra_time_25","evidence":"slow","valid_from":"2025-01-06",)"
                                  R"("scores":[{"test":"WRAT5 reading speed","score":12},{"score":90}])")) ==
        std::vector<std::string>{"scores[0].score", "scores[1].test"});
  // Extra time with no assessment: recorded, but its application cannot be approved yet.
  auto bare = add(R"(,"kind":"extra_time_25","evidence":"finishes two thirds of a test","valid_from":"2025-01-06")");
  REQUIRE(bare.status == Status::ok);
  auto bare_id = std::to_string(bare.response.at("id").as_int64());
  auto refused = school.call("access.approve", a + R"(,"arrangement_id":)" + bare_id + R"(,"date":"2025-01-10"})");
  CHECK(school.refused_fields(refused) ==
        std::vector<std::string>{"arrangement_id", "arrangement_id", "arrangement_id"});
  // With the assessor, the scores and the normal way of working, it is approved on 29 February 2024:
  // 26 months on is 29 April 2026.
  auto full = add(R"(,"kind":"extra_time_25","evidence":"slow processing","valid_from":"2024-02-26",)"
                  R"("assessor":"J. Okafor","assessor_qualification":"APC, PATOSS",)"
                  R"("scores":[{"test":"WRAT5 reading speed","score":82}],)"
                  R"("normal_way_of_working":"uses extra time in class tests, marked in a different pen")");
  REQUIRE(full.status == Status::ok);
  auto full_id = std::to_string(full.response.at("id").as_int64());
  auto approved = school.call("access.approve", a + R"(,"arrangement_id":)" + full_id + R"(,"date":"2024-02-29"})");
  REQUIRE(approved.status == Status::ok);
  const auto done = with_id(approved.response, full_id);
  CHECK(done.at("approved_on") == "2024-02-29");
  CHECK(done.at("approval_expires") == "2026-04-29");
  CHECK_FALSE(done.at("approval_lapsed").as_bool());
  CHECK(done.at("scores").at(0).at("score") == 82);
  CHECK(approved.response.at("history_of_need").at("cycles").is_int64());
  // A month end that does not exist 26 months on: the last day of that month.
  auto word = add(R"(,"kind":"word_processor","evidence":"writes with a laptop","valid_from":"2023-12-01",)"
                  R"("normal_way_of_working":"a laptop in every lesson")");
  auto word_id = std::to_string(word.response.at("id").as_int64());
  auto december = school.call("access.approve", a + R"(,"arrangement_id":)" + word_id + R"(,"date":"2023-12-31"})");
  REQUIRE(december.status == Status::ok);
  CHECK(with_id(december.response, word_id).at("approval_expires") == "2026-02-28");

  // The exams officer's list: the one to apply for first, then those to renew.
  auto centre = school.call("access.centre_list", "{}").response;
  const auto& rows = centre.at("arrangements").as_array();
  REQUIRE(rows.size() == 3);
  CHECK(rows.at(0).at("action") == "apply");
  CHECK(rows.at(1).at("action").as_string().starts_with("renew before "));
  CHECK(centre.at("approval_lasts") == "26 months");
  // No applications deadline unless the school gives this year's (JCQ's key dates change).
  CHECK(centre.at("applications_by").is_null());
  school.context.clock.access_applications_by = model::parse_day_of_year("06-02", "a test's key dates");
  CHECK(school.call("access.centre_list", "{}").response.at("applications_by").at("date") == "2025-06-02");
}

TEST_CASE("An approval lapsing within eight weeks while the arrangement runs is flagged", "[unit]") {
  School school("access-flag.db");  // today is 2 June 2025
  const std::string a = R"({"upn":"A938412323001")";
  auto added = school.call("access.add", a + R"(,"kind":"rest_breaks","evidence":"fatigue","valid_from":"2023-05-01",)"
                                             R"("normal_way_of_working":"short breaks in long tasks"})");
  REQUIRE(added.status == Status::ok);
  auto id = std::to_string(added.response.at("id").as_int64());
  // Approved 10 May 2023: 26 months on is 10 July 2025, five weeks away.
  REQUIRE(school.call("access.approve", a + R"(,"arrangement_id":)" + id + R"(,"date":"2023-05-10"})").status ==
          Status::ok);
  rules::run_rules(school.db, school.context.today, {}, school.context.clock);
  auto s =
      school.db.prepare("SELECT explanation FROM flag WHERE rule = 'access_approval_lapsing' AND cleared_on IS NULL");
  REQUIRE(s.step());
  CHECK_THAT(s.text(0), Catch::Contains("lapses on 2025-07-10"));
}
