// Arbor as a writeback target: SEN notes, status and needs written once, tagged with the item's
// idempotency key so a re-send after a lost acknowledgement finds what it wrote; refusals read
// as sentences for the SENCO.
#include "writeback/arbor_target.hpp"

#include <catch2/catch.hpp>

#include "../adapters/fake_arbor.hpp"

using namespace sm;
using sm::test::FakeArbor;
namespace json = boost::json;

namespace {

struct Arbor {
  FakeArbor fake;
  test::ArborCodes codes = test::add_codes(fake);
  long long ada = test::add_pupil(fake, "A938412323001", "Ada", "Lovelace");
  std::string known_id;  // what senmap holds as Ada's mis_id, when it does
  writeback::ArborTarget target{fake, options()};

  writeback::ArborTargetOptions options() {
    writeback::ArborTargetOptions o;
    o.settings.url = "https://example-school.uk.arbor.sc";
    o.settings.user = "senmap-app";
    o.settings.password = "correct horse";
    o.student_id_of = [this](const std::string& upn) { return upn == "A938412323001" ? known_id : std::string(); };
    return o;
  }
};

writeback::OutboxItem item(const std::string& key, const std::string& kind, const json::object& payload,
                           const std::string& upn = "A938412323001") {
  writeback::OutboxItem i;
  i.id = 1;
  i.target = "arbor";
  i.idempotency_key = "arbor:" + key;
  i.kind = kind;
  i.upn = upn;
  i.payload = json::serialize(payload);
  return i;
}

json::object note_payload() {
  return {{"note_id", 17},        {"type", "meeting"}, {"visibility", "senco"},
          {"date", "2026-02-27"}, {"author", "senco"}, {"body", "Parents agreed the reading plan."}};
}

}  // namespace

TEST_CASE("Arbor target: a note becomes one tagged SEN note on the pupil found by UPN", "[unit]") {
  Arbor arbor;
  auto note = item("note-17", "note", note_payload());
  CHECK_FALSE(arbor.target.holds(note));
  auto d = arbor.target.deliver(note);
  INFO(d.error);
  REQUIRE(d.ok);
  const auto& notes = arbor.fake.all("sen-notes");
  REQUIRE(notes.size() == 1);
  const auto& n = notes.begin()->second;
  CHECK(n.at("student").at("href").as_string() == "/rest-v2/students/" + std::to_string(arbor.ada));
  CHECK(n.at("content").as_string() == "Parents agreed the reading plan.");
  CHECK(n.at("noteDate").as_string() == "2026-02-27");
  CHECK(n.at("tags").at("senmapKey").as_string() == "arbor:note-17");
  CHECK(arbor.fake.count("GET /rest-v2/uk-dfe_upn-assignments?filters.upn.equals=A938412323001") == 1);
  CHECK(arbor.target.holds(note));
}

TEST_CASE("Arbor target: the mis_id senmap holds saves the UPN look-up", "[unit]") {
  Arbor arbor;
  arbor.known_id = std::to_string(arbor.ada);
  REQUIRE(arbor.target
              .deliver(item("flag-3-raised", "flag_raised",
                            {{"flag_id", 3},
                             {"rule", "attendance_drop"},
                             {"title", "Attendance fell"},
                             {"severity", "warn"},
                             {"date", "2026-02-27"},
                             {"explanation", "Attendance fell to 88%"},
                             {"evidence", json::object{}}}))
              .ok);
  CHECK(arbor.fake.count("GET /rest-v2/uk-dfe_upn-assignments") == 0);
  CHECK(arbor.fake.all("sen-notes").begin()->second.at("summary").as_string() == "senmap flag: Attendance fell");
}

TEST_CASE("Arbor target: a re-send after a lost acknowledgement makes no duplicate", "[unit]") {
  Arbor arbor;
  auto note = item("note-17", "note", note_payload());
  arbor.fake.lose_next_ack = true;  // Arbor writes the note, the answer never arrives
  CHECK_THROWS_AS(arbor.target.deliver(note), writeback::NoAnswer);
  CHECK(arbor.fake.all("sen-notes").size() == 1);
  CHECK(arbor.target.holds(note));  // the next attempt asks first, and finds it
  CHECK(arbor.fake.all("sen-notes").size() == 1);

  // Needs: the acknowledgement of the first SenNeed is lost; the re-sent item writes each once.
  auto needs = item("needs-A938412323001-2026-02-27-9", "needs_changed",
                    {{"date", "2026-02-27"},
                     {"needs", json::array{{{"code", "SPLD"}, {"rank", 1}}, {{"code", "SEMH"}, {"rank", 2}}}},
                     {"agreed_by", "senco"}});
  arbor.fake.lose_next_ack = true;
  CHECK_THROWS_AS(arbor.target.deliver(needs), writeback::NoAnswer);
  CHECK_FALSE(arbor.target.holds(needs));
  REQUIRE(arbor.target.deliver(needs).ok);
  CHECK(arbor.fake.all("sen-needs").size() == 2);
  CHECK(arbor.target.holds(needs));
  REQUIRE(arbor.target.deliver(needs).ok);  // even a blind re-send
  CHECK(arbor.fake.all("sen-needs").size() == 2);
  CHECK(arbor.fake.all("sen-notes").size() == 2);
}

TEST_CASE("Arbor target: a change of SEN status ends the open assignment and starts the new one", "[unit]") {
  Arbor arbor;
  auto student = arbor.fake.ref("students", arbor.ada);
  auto open =
      arbor.fake.add("sen-status-assignments", {{"student", student},
                                                {"senStatus", arbor.fake.ref("sen-statuses", arbor.codes.support)},
                                                {"startDate", "2024-09-05"}});
  auto d = arbor.target.deliver(item("status-cycle-4", "status_change",
                                     {{"date", "2026-02-27"}, {"status", "E"}, {"reason", "EHC plan issued"}}));
  INFO(d.error);
  REQUIRE(d.ok);
  const auto& assignments = arbor.fake.all("sen-status-assignments");
  REQUIRE(assignments.size() == 2);
  CHECK(assignments.at(open).at("endDate").as_string() == "2026-02-26");
  const auto& added = assignments.rbegin()->second;
  CHECK(added.at("senStatus").at("href").as_string() == "/rest-v2/sen-statuses/" + std::to_string(arbor.codes.ehcp));
  CHECK(added.at("startDate").as_string() == "2026-02-27");

  // Leaving the register ends it and starts nothing.
  REQUIRE(arbor.target
              .deliver(item("status-cycle-5", "status_change",
                            {{"date", "2026-03-02"}, {"status", "N"}, {"reason", "the review agreed to leave"}}))
              .ok);
  CHECK(arbor.fake.all("sen-status-assignments").size() == 2);
  CHECK(arbor.fake.all("sen-status-assignments").rbegin()->second.at("endDate").as_string() == "2026-03-01");
}

TEST_CASE("Arbor target: a validation failure sent as a 200 payload is quoted for the SENCO", "[unit]") {
  Arbor arbor;
  arbor.fake.refuse_writes["sen-notes"] = 422;
  auto d = arbor.target.deliver(item("note-17", "note", note_payload()));
  CHECK_FALSE(d.ok);
  CHECK_FALSE(d.may_have_applied);
  CHECK_THAT(d.error, Catch::Contains("A938412323001") && Catch::Contains("noteDate: The date cannot be after today") &&
                          Catch::Contains("add a SEN note"));
  CHECK(d.error.find('{') == std::string::npos);  // a sentence, not a raw body
}

TEST_CASE("Arbor target: a permission refusal says who must grant what", "[unit]") {
  Arbor arbor;
  arbor.fake.refuse_writes["sen-notes"] = 403;
  auto d = arbor.target.deliver(item("note-17", "note", note_payload()));
  CHECK_FALSE(d.ok);
  CHECK_THAT(d.error, Catch::Contains("senmap-app") && Catch::Contains("permission") &&
                          Catch::Contains("administrator") &&
                          Catch::Contains("The application has no permission to create SenNote"));
  CHECK(d.error.find("correct horse") == std::string::npos);
  CHECK(d.error.find('{') == std::string::npos);
}

TEST_CASE("Arbor target: a pupil Arbor does not know is a readable failure", "[unit]") {
  Arbor arbor;
  auto d = arbor.target.deliver(item("note-18", "note", note_payload(), "P938412323002"));
  CHECK_FALSE(d.ok);
  CHECK_THAT(d.error, Catch::Contains("no pupil with UPN P938412323002"));
  CHECK(arbor.fake.all("sen-notes").empty());
}
