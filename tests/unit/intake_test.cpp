// The intake view: a feeder primary's CTF read (not stored) and its pupils in the order the SENCO
// must act on them.
#include "ops/intake.hpp"

#include <boost/json.hpp>
#include <fstream>

#include "ops_fixture.hpp"

namespace {

std::int64_t count(store::Database& db, const std::string& sql) {
  auto s = db.prepare(sql);
  s.step();
  return s.integer(0);
}

}  // namespace

TEST_CASE("An intake CTF sorted by urgency: EHC plans, recent SEN support, the previous school's flags", "[unit]") {
  School school("intake.db");
  const auto pupils_before = count(school.db, "SELECT COUNT(*) FROM pupil");
  const auto file = std::string(SENMAP_FIXTURES) + "/ctf/intake_from_primary.xml";
  auto intake = ops::read_intake(school.context, file).as_object();

  std::vector<std::string> order;
  for (const auto& p : intake.at("pupils").as_array()) order.push_back(std::string(p.at("surname").as_string()));
  CHECK(order == std::vector<std::string>{"Clarke", "Dunn", "Baker", "Evans", "Ahmed", "Adams"});
  const auto& pupils = intake.at("pupils").as_array();
  CHECK(pupils.at(0).at("urgency") == 1);
  CHECK(pupils.at(0).at("why") == "EHC plan since 2024-02-01");
  CHECK(pupils.at(0).at("needs").at(0).at("code") == "ASD");
  // SEN support: what began most recently first (provision that must not stop in September).
  CHECK(pupils.at(1).at("why") == "SEN support since 2025-01-13");
  CHECK(pupils.at(2).at("sen_since") == "2023-09-06");
  // Off the register now, but the file says more: once on SEN support, looked after, and below 90%.
  std::vector<std::string> flags;
  for (const auto& f : pupils.at(3).at("flags").as_array()) flags.push_back(std::string(f.at("flag").as_string()));
  CHECK(flags == std::vector<std::string>{"former_sen", "looked_after", "persistent_absence"});
  CHECK(pupils.at(3).at("urgency") == 3);
  CHECK(pupils.at(3).at("attendance_percent") == 85.3);    // 290 of 340 sessions, to one place
  CHECK(pupils.at(4).at("flags").as_array().size() == 1);  // a medical flag alone comes after three flags
  CHECK(pupils.at(5).at("urgency") == 4);
  CHECK(pupils.at(5).at("on_roll_here") == true);  // already on this school's roll
  CHECK(pupils.at(0).at("on_roll_here") == false);
  CHECK(intake.at("from_school").at("name") == "Brookside Test Primary");
  CHECK(intake.at("counts").at("ehc_plan") == 1);
  CHECK(intake.at("counts").at("sen_support") == 2);
  CHECK(intake.at("counts").at("flags_sent") == 2);

  // A pupil the file gets wrong is named, not listed, and does not stop the others.
  const auto& problems = intake.at("problems").as_array();
  REQUIRE(problems.size() == 1);
  CHECK(problems.at(0).at("upn") == "W938200125008");
  CHECK_THAT(std::string(problems.at(0).at("path").as_string()), Catch::Contains("SENprovision"));
  CHECK(problems.at(0).at("line").to_number<std::int64_t>() > 0);

  // Read, not stored: no pupil added; each pupil listed an audited read (the UPN, nothing the file says).
  CHECK(count(school.db, "SELECT COUNT(*) FROM pupil") == pupils_before);
  CHECK(count(school.db.audit_file(), "SELECT COUNT(*) FROM audit_log WHERE action = 'intake.read'") == 7);
  CHECK(count(school.db.audit_file(),  // the pupil named only in the problems too
              "SELECT COUNT(*) FROM audit_log WHERE action = 'intake.read' AND upn = 'W938200125008'") == 1);
  CHECK(count(school.db.audit_file(),
              "SELECT COUNT(*) FROM audit_log WHERE action = 'intake.read' AND upn = 'A938200125003'") == 1);
}

TEST_CASE("An intake file that is not a CTF lists no pupils and says why", "[unit]") {
  School school("intake-bad.db");
  auto bad = fresh("intake-not-ctf.xml");
  std::ofstream(bad) << "<roster><pupil/></roster>\n";
  auto intake = ops::read_intake(school.context, bad.string()).as_object();
  CHECK(intake.at("pupils").as_array().empty());
  CHECK_FALSE(intake.contains("from_school"));
  REQUIRE_FALSE(intake.at("problems").as_array().empty());
  CHECK(intake.at("problems").at(0).at("file").as_string() == bad.string());
}
