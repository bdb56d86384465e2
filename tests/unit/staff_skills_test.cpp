// Staff SEND skills: training and confidence recorded with every rule named, and the audit's
// known answers on a small staff (two teachers and a TA) set against the fixture's register.
#include "ops_fixture.hpp"

namespace {

// Two classes and a TA: Ms Able teaches Zoë (SLCN, and SEMH second) and Siân (ASD) in 7A; Mr Baker
// teaches Amara (SEN support, no specialist assessment) in 7B; Mrs Carter, a TA, is assigned to Siân.
void add_staff(store::Database& db) {
  db.exec(R"sql(
INSERT INTO staff (id, school_id, sourced_id, given_name, family_name, role) VALUES
  (1, 1, 'stf-1', 'Ann', 'Able', 'teacher'), (2, 1, 'stf-2', 'Ben', 'Baker', 'teacher'),
  (3, 1, 'stf-3', 'Cath', 'Carter', 'aide');
INSERT INTO school_class (id, school_id, sourced_id, title) VALUES (1, 1, 'cls-7a', '7A'), (2, 1, 'cls-7b', '7B');
INSERT INTO class_member (class_id, sourced_id, staff_id, role) VALUES (1, 'stf-1', 1, 'teacher'),
  (2, 'stf-2', 2, 'teacher');
INSERT INTO class_member (class_id, sourced_id, pupil_id, role)
  SELECT 1, upn, id, 'student' FROM pupil WHERE upn IN ('A938412323001', 'P938412323002', 'D938412323003');
INSERT INTO class_member (class_id, sourced_id, pupil_id, role)
  SELECT 2, upn, id, 'student' FROM pupil WHERE upn IN ('T938412323004', 'G938412323005');
INSERT INTO ta_assignment (staff_id, pupil_id, assigned_on, assigned_by)
  SELECT 3, id, '2024-09-02', 'test' FROM pupil WHERE upn = 'P938412323002';
)sql");
}

json::object area_of(const json::value& audit, std::string_view area) {
  for (const auto& a : audit.at("areas").as_array())
    if (a.at("area").as_string() == area) return a.as_object();
  FAIL("no area " << area);
  return {};
}

}  // namespace

TEST_CASE("Staff training and confidence: each rule named, the same course again corrects it", "[unit]") {
  School school("staff-training.db");
  add_staff(school.db);
  auto refused =
      school.call("staff.training", R"({"staff_id":"stf-1","course":"Juggling for all","completed_on":"2024-01-10",
      "area":"Juggling","hours":0})");
  CHECK(school.refused_fields(refused) == std::vector<std::string>{"area", "hours"});
  CHECK(school.refused_fields(school.call("staff.training", R"({"staff_id":"stf-1","course":"Autism awareness",
      "completed_on":"2025-09-01","area":"ASD"})")) == std::vector<std::string>{"completed_on"});
  CHECK(school
            .call("staff.training", R"({"staff_id":"stf-9","course":"Autism awareness",
      "completed_on":"2024-01-10","area":"ASD"})")
            .status == Status::not_found);
  REQUIRE(school
              .call("staff.training", R"({"staff_id":"stf-1","course":"Autism awareness",
      "completed_on":"2024-01-10","area":"ASD","provider":"LA outreach","hours":3})")
              .status == Status::ok);
  auto again = school.call("staff.training", R"({"staff_id":"stf-1","course":"Autism awareness",
      "completed_on":"2024-01-10","area":"ASD","provider":"LA autism outreach","hours":6})");
  REQUIRE(again.status == Status::ok);
  const auto& mine = again.response;
  REQUIRE(mine.at("training").as_array().size() == 1);
  CHECK(mine.at("training").at(0).at("area") == "Communication and interaction");  // ASD's broad area
  CHECK(mine.at("training").at(0).at("hours").as_double() == 6);
  CHECK(mine.at("register_pupils") == 2);

  CHECK(school.refused_fields(school.call("staff.confidence", R"({"staff_id":"stf-3"})")) ==
        std::vector<std::string>{"communication_and_interaction"});
  CHECK(school.refused_fields(school.call("staff.confidence", R"({"staff_id":"stf-3","sensory_and_physical":3,
      "cognition_and_learning":7})")) == std::vector<std::string>{"cognition_and_learning"});
  auto rated = school.call("staff.confidence", R"({"staff_id":"stf-3","communication_and_interaction":2,
      "social_emotional_mental_health":3})");
  REQUIRE(rated.status == Status::ok);
  CHECK(rated.response.at("confidence").at("communication_and_interaction") == 2);
  CHECK(rated.response.at("confidence").at("cognition_and_learning").is_null());
}

TEST_CASE("The skills audit: who works with which needs, trained or confident, and where training is needed",
          "[unit]") {
  School school("staff-audit.db");
  add_staff(school.db);
  // Ms Able: autism training last year. Mr Baker: dyslexia training five years ago (not recent).
  // Mrs Carter: not confident with communication needs.
  REQUIRE(school
              .call("staff.training", R"({"staff_id":"stf-1","course":"Autism awareness",
      "completed_on":"2024-01-10","area":"ASD"})")
              .status == Status::ok);
  REQUIRE(school
              .call("staff.training", R"({"staff_id":"stf-2","course":"Dyslexia friendly classrooms",
      "completed_on":"2020-03-01","area":"Cognition and learning"})")
              .status == Status::ok);
  REQUIRE(school.call("staff.confidence", R"({"staff_id":"stf-3","communication_and_interaction":2})").status ==
          Status::ok);

  auto audit = school.call("report.staff_skills", "{}").response;
  CHECK(audit.at("recent_since") == "2022-06-02");
  auto comm = area_of(audit, "Communication and interaction");
  CHECK(comm.at("register_pupils") == 2);  // Zoë (SLCN), Siân (ASD)
  CHECK(comm.at("staff_working_with_them") == 2);
  CHECK(comm.at("staff_trained_recently") == 1);
  CHECK(comm.at("staff_confident") == 0);
  CHECK(comm.at("staff_not_rated") == 1);
  CHECK(comm.at("staff_needing_training") == 1);
  CHECK(comm.at("pupils_with_staff_needing_training") == 1);  // Siân, through her TA
  CHECK(comm.at("percent_staff_ready").as_double() == 50.0);
  CHECK(area_of(audit, "Cognition and learning").at("register_pupils") == 0);
  auto semh = area_of(audit, "Social, emotional and mental health");
  CHECK(semh.at("register_pupils") == 1);  // Zoë's second need
  CHECK(semh.at("staff_needing_training") == 1);
  CHECK(semh.at("percent_staff_ready").as_double() == 0.0);
  REQUIRE(audit.at("training_most_needed").as_array().size() == 2);
  CHECK(audit.at("training_most_needed").at(0).at("area") == "Communication and interaction");
  CHECK(audit.at("training_most_needed").at(1).at("area") == "Social, emotional and mental health");
  // Mr Baker's one register pupil has no assessed area: he needs none; his old course is not recent.
  const auto& staff = audit.at("staff").as_array();
  REQUIRE(staff.size() == 3);
  CHECK(staff.at(0).at("name") == "Ann Able");
  REQUIRE(staff.at(0).at("training_needed").as_array().size() == 1);
  CHECK(staff.at(0).at("training_needed").at(0).at("area") == "Social, emotional and mental health");
  CHECK(staff.at(1).at("name") == "Ben Baker");
  CHECK(staff.at(1).at("courses_recently") == 0);
  CHECK(staff.at(1).at("training_needed").as_array().empty());
  CHECK(staff.at(2).at("name") == "Cath Carter");
  REQUIRE(staff.at(2).at("training_needed").as_array().size() == 1);
  CHECK(staff.at(2).at("training_needed").at(0).at("pupils") == 1);

  // Once Mrs Carter is confident, nobody needs training in communication needs.
  REQUIRE(school.call("staff.confidence", R"({"staff_id":"stf-3","communication_and_interaction":4})").status ==
          Status::ok);
  audit = school.call("report.staff_skills", "{}").response;
  REQUIRE(audit.at("training_most_needed").as_array().size() == 1);
  CHECK(audit.at("training_most_needed").at(0).at("area") == "Social, emotional and mental health");
  CHECK(area_of(audit, "Communication and interaction").at("staff_confident") == 1);
  auto table = ops::report_table("report.staff_skills", audit);
  REQUIRE(table);
  CHECK(table->rows.size() == 5);  // the four areas and Ms Able's one gap
}
