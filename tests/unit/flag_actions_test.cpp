// What staff do with a flag (flag.acknowledge, flag.snooze, flag.assign, flag.resolve): each
// changes what the active list shows, is kept with who did it and why, and survives the nightly
// run; a resolved flag is not raised again while its condition holds.
#include <set>

#include "ops_fixture.hpp"
#include "rules/flag_store.hpp"

namespace {

rules::FlagRun run(School& school) {
  return rules::run_rules(school.db, school.context.today, {}, school.context.clock);
}

// The id of the one active flag a rule raised for a pupil.
std::int64_t flag_of(School& school, const std::string& rule, const std::string& upn) {
  auto listed = school.call("flags.list", R"({"rule":")" + rule + R"(","upn":")" + upn + R"("})");
  REQUIRE(listed.status == Status::ok);
  REQUIRE(listed.response.at("flags").as_array().size() == 1);
  return listed.response.at("flags").at(0).at("id").as_int64();
}

std::set<std::int64_t> ids(School& school, const std::string& request = "{}") {
  auto listed = school.call("flags.list", request);
  REQUIRE(listed.status == Status::ok);
  std::set<std::int64_t> out;
  for (const auto& f : listed.response.at("flags").as_array()) out.insert(f.at("id").as_int64());
  return out;
}

std::string with_id(std::int64_t id, const std::string& rest = "") {
  return R"({"flag_id":)" + std::to_string(id) + rest + "}";
}

}  // namespace

TEST_CASE("A flag acknowledged stays active and shows who acknowledged it and the note", "[unit]") {
  School school("flag-acknowledge.db");
  run(school);
  auto id = flag_of(school, "sen_persistent_absence", "A938412323001");
  auto done = school.call("flag.acknowledge", with_id(id, R"(,"note":"Attendance officer meeting booked for 9 June")"));
  REQUIRE(done.status == Status::ok);
  CHECK(done.response.at("state") == "active");
  CHECK(done.response.at("acknowledged_on") == "2025-06-02");
  const auto& action = done.response.at("actions").at(0);
  CHECK(action.at("action") == "acknowledge");
  CHECK(action.at("by") == "senco:test");
  CHECK(action.at("note") == "Attendance officer meeting booked for 9 June");
  CHECK(ids(school).count(id) == 1);
  // The change log names the pupil the flag is about (the request named only the flag).
  auto log = school.db.prepare("SELECT upn, object_id FROM change_log WHERE operation = 'flag.acknowledge'");
  REQUIRE(log.step());
  CHECK(log.text(0) == "A938412323001");
  CHECK(log.integer(1) == id);
  // A note is required, and it must say something.
  CHECK(school.refused_fields(school.call("flag.acknowledge", with_id(id, R"(,"note":"   ")"))) ==
        std::vector<std::string>{"note"});
  CHECK(school.call("flag.acknowledge", with_id(999999, R"(,"note":"x")")).status == Status::not_found);
}

TEST_CASE("A snoozed flag leaves the active list until its day, then returns by itself", "[unit]") {
  School school("flag-snooze.db");
  run(school);
  auto id = flag_of(school, "nsa_over_a_term", "T938412323004");
  // Not today or earlier, and not for more than a year.
  CHECK(school.refused_fields(school.call("flag.snooze", with_id(id, R"(,"until":"2025-06-02")"))) ==
        std::vector<std::string>{"until"});
  CHECK(school.refused_fields(school.call("flag.snooze", with_id(id, R"(,"until":"2026-07-01")"))) ==
        std::vector<std::string>{"until"});
  auto done = school.call("flag.snooze", with_id(id, R"(,"until":"2025-06-16","note":"Speech therapy report due")"));
  REQUIRE(done.status == Status::ok);
  CHECK(done.response.at("state") == "snoozed");
  CHECK(ids(school).count(id) == 0);
  CHECK(ids(school, R"({"state":"snoozed"})").count(id) == 1);
  // The nightly run does not wake it or raise it again.
  auto again = run(school);
  CHECK(again.raised == 0);
  CHECK(ids(school).count(id) == 0);
  // On its day it is active again, with its history.
  school.context.today = *model::parse_date("2025-06-16");
  CHECK(ids(school).count(id) == 1);
  auto shown = school.call("flags.list", R"({"upn":"T938412323004","rule":"nsa_over_a_term"})");
  CHECK(shown.response.at("flags").at(0).at("actions").at(0).at("until") == "2025-06-16");
}

TEST_CASE("A flag is assigned to a member of staff of the pupil's school only", "[unit]") {
  School school("flag-assign.db");
  run(school);
  auto school_id = [&] {
    auto s = school.db.prepare("SELECT school_id FROM pupil WHERE upn = 'A938412323001'");
    s.step();
    return s.integer(0);
  }();
  school.db
      .prepare(
          "INSERT INTO staff (school_id, sourced_id, given_name, family_name, role) VALUES (?1, 'stf-0001', "
          "'Priya', 'Shah', 'teacher')")
      .bind(1, school_id)
      .run();
  school.db.exec("INSERT INTO school (la, estab) VALUES ('701', '4001')");
  school.db.exec(
      "INSERT INTO staff (school_id, sourced_id, given_name, family_name, role) SELECT id, 'stf-9', 'Other', "
      "'School', 'teacher' FROM school WHERE estab = '4001'");
  const std::string school_la_estab = [&] {
    auto s = school.db.prepare("SELECT la || '-' || estab FROM school WHERE id = ?1");
    s.bind(1, school_id);
    s.step();
    return s.text(0);
  }();
  auto id = flag_of(school, "sen_persistent_absence", "A938412323001");
  CHECK(school.refused_fields(school.call("flag.assign", with_id(id, R"(,"staff_id":"stf-9")"))) ==
        std::vector<std::string>{"staff_id"});
  CHECK(school.call("flag.assign", with_id(id, R"(,"staff_id":"stf-404")")).status == Status::not_found);
  auto done = school.call("flag.assign", with_id(id, R"(,"staff_id":"stf-0001","note":"Call home this week")"));
  REQUIRE(done.status == Status::ok);
  CHECK(done.response.at("assigned_to").at("name") == "Priya Shah");
  // Named as staff.list names them, unique in a trust's database.
  CHECK(done.response.at("actions").at(0).at("staff").at("staff_id") == json::value(school_la_estab + "/stf-0001"));
  CHECK(ids(school, R"({"assigned_to":"stf-0001"})") == std::set<std::int64_t>{id});
  CHECK(ids(school).count(id) == 1);  // still active: assigned is not done
}

TEST_CASE("A resolved flag is not raised again while it holds, and the MIS hears it is cleared", "[unit]") {
  School school("flag-resolve.db");
  school.db.exec("INSERT INTO writeback_target (name, kind, path) VALUES ('csv', 'csv', '/dev/null')");
  run(school);
  auto id = flag_of(school, "nsa_over_a_term", "T938412323004");
  CHECK(school.refused_fields(school.call("flag.resolve", with_id(id, R"(,"reason":"")"))) ==
        std::vector<std::string>{"reason"});
  auto done = school.call("flag.resolve",
                          with_id(id, R"(,"reason":"Assessment by the educational psychologist booked for July")"));
  REQUIRE(done.status == Status::ok);
  CHECK(done.response.at("state") == "resolved");
  CHECK(ids(school).count(id) == 0);
  CHECK(ids(school, R"({"state":"resolved"})").count(id) == 1);
  auto outbox = school.db.prepare("SELECT kind, payload FROM outbox WHERE idempotency_key = ?1");
  outbox.bind(1, "csv:flag-" + std::to_string(id) + "-cleared");
  REQUIRE(outbox.step());
  CHECK(outbox.text(0) == "flag_cleared");
  CHECK_THAT(outbox.text(1), Catch::Contains("resolved: Assessment by the educational psychologist"));
  // The condition still holds: the nightly run neither raises it again nor wakes it.
  auto again = run(school);
  CHECK(again.raised == 0);
  CHECK(ids(school).count(id) == 0);
  // Nothing more is done with a resolved flag.
  CHECK(school.refused_fields(school.call("flag.acknowledge", with_id(id, R"(,"note":"x")"))) ==
        std::vector<std::string>{"flag_id"});
  // When it stops holding it is cleared as history; if it comes back it is a new flag.
  school.db.exec(
      "UPDATE sen_need SET need_type = 'SPLD' WHERE pupil_id = (SELECT id FROM pupil WHERE upn = 'T938412323004') "
      "AND need_type = 'NSA'");
  run(school);
  auto history = school.call("flags.list", R"({"state":"all","rule":"nsa_over_a_term"})");
  REQUIRE(history.response.at("flags").as_array().size() == 1);
  CHECK(history.response.at("flags").at(0).at("state") == "cleared");
  CHECK(history.response.at("flags").at(0).at("resolved_why") ==
        "Assessment by the educational psychologist booked for July");
  // A cleared flag is history: it is refused by every action.
  CHECK(school.refused_fields(school.call("flag.snooze", with_id(id, R"(,"until":"2025-07-01")"))) ==
        std::vector<std::string>{"flag_id"});
}

TEST_CASE("flags.list takes a state and refuses one it does not know", "[unit]") {
  School school("flag-states.db");
  run(school);
  auto active = ids(school);
  CHECK(ids(school, R"({"state":"open"})") == active);
  CHECK(ids(school, R"({"state":"snoozed"})").empty());
  CHECK(school.refused_fields(school.call("flags.list", R"({"state":"sleeping"})")) ==
        std::vector<std::string>{"state"});
}
