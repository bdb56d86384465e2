// The register as the SENCO's working list (register.view): every pupil on the register with
// their classes, key workers, next review, open flags and provision; each filter, the search
// (which also finds pupils off the register), the sort, the refusals, and the export table.
// The small fixture on 2 June 2025: A...001 O'Brien SEN support, year 6, FSM; P...002 Evans-Jones
// EHC plan, year 7, looked after; T...004 Okafor SEN support, year 5; D...003 Nowak and G...005 Smith off it.
#include "ops_fixture.hpp"
#include "rules/flag_store.hpp"

namespace {

struct Listed : School {
  explicit Listed(const std::string& name) : School(name) {
    db.exec(
        "INSERT INTO staff (id, school_id, sourced_id, given_name, family_name, role) VALUES "
        "(1, 1, 'stf-01', 'Ravi', 'Patel', 'teacher'), (2, 1, 'stf-02', 'Hannah', 'Jones', 'aide');"
        "INSERT INTO school_class (id, school_id, sourced_id, title) VALUES (1, 1, 'cls-7ma', '7MA Maths'), "
        "(2, 1, 'cls-old', 'Old class');"
        "UPDATE school_class SET ended_on = '2025-01-01' WHERE id = 2;"
        "INSERT INTO class_member (class_id, sourced_id, pupil_id, role) SELECT 1, 'e-' || upn, id, 'student' FROM "
        "pupil WHERE upn = 'P938412323002';"
        "INSERT INTO class_member (class_id, sourced_id, pupil_id, role) SELECT 2, 'e-' || upn, id, 'student' FROM "
        "pupil WHERE upn = 'P938412323002';"
        "INSERT INTO ta_assignment (staff_id, pupil_id, assigned_on, assigned_by) SELECT 2, id, 'x', 'x' FROM pupil "
        "WHERE upn = 'T938412323004';");
  }
  json::object view(const std::string& request = "{}") {
    auto r = call("register.view", request);
    REQUIRE(r.status == Status::ok);
    return r.response.as_object();
  }
  std::vector<std::string> upns(const std::string& request = "{}") {
    std::vector<std::string> out;
    auto list = view(request);  // kept: a loop over a temporary's member would outlive it
    for (const auto& p : list.at("pupils").as_array()) out.emplace_back(p.at("upn").as_string());
    return out;
  }
  const json::object& pupil(const json::object& list, const std::string& upn) {
    for (const auto& p : list.at("pupils").as_array())
      if (p.at("upn").as_string() == upn) return p.as_object();
    FAIL("no " + upn + " in the list");
    throw;
  }
};

const std::string kA = "A938412323001", kP = "P938412323002", kT = "T938412323004";

}  // namespace

TEST_CASE("register.view lists every pupil on the register with what the SENCO works from", "[unit]") {
  Listed school("register-view.db");
  auto list = school.view();
  CHECK(list.at("as_of") == "2025-06-02");
  CHECK(list.at("count") == 3);
  // By surname: Evans-Jones, O'Brien, Okafor; the two off the register are not listed.
  CHECK(school.upns() == std::vector<std::string>{kP, kA, kT});
  const auto& p = school.pupil(list, kP);
  CHECK(p.at("status") == "E");
  CHECK(p.at("year") == "7");
  // Only the class running now (the ended one is not the pupil's class any more).
  REQUIRE(p.at("classes").as_array().size() == 1);
  CHECK(p.at("classes").at(0).at("class_id") == "cls-7ma");
  CHECK(p.at("classes").at(0).at("title") == "7MA Maths");
  CHECK(school.pupil(list, kT).at("key_workers") == json::array{"Hannah Jones"});
  CHECK(school.pupil(list, kA).at("pupil_premium") == true);
  CHECK(school.pupil(list, kA).at("next_review").is_null());
  CHECK(school.pupil(list, kA).at("provisions") == 0);
  CHECK(school.pupil(list, kA).at("wave").is_null());
}

TEST_CASE("register.view shows the next review, open flags and provision running today", "[unit]") {
  Listed school("register-view-working.db");
  auto assessed = school.call("cycle.assess", R"({"upn":")" + kA + R"(","date":"2025-03-01"})");
  REQUIRE(assessed.status == Status::ok);
  auto cycle = std::to_string(assessed.response.at("id").to_number<std::int64_t>());
  REQUIRE(school
              .call("cycle.plan", R"({"cycle_id":)" + cycle + R"(,"date":"2025-03-02","review_due":"2025-05-30",
      "targets":[{"target":"Reads 20 key words","success_criteria":"in two weeks running"}]})")
              .status == Status::ok);
  auto wave3 = school.call("provision.create", R"({"name":"Speech and language therapy","areas":["SLCN"],"wave":3,
      "delivered_by":"specialist","group_size":1,"sessions_per_week":1,"minutes_per_session":45,"weeks":10,
      "staff_hourly_cost":45})");
  auto wave2 = school.call("provision.create", R"({"name":"Reading catch-up","areas":["Cognition and learning"],
      "wave":2,"delivered_by":"ta","group_size":4,"sessions_per_week":3,"minutes_per_session":30,"weeks":12,
      "staff_hourly_cost":14})");
  auto id = [](const ops::CallResult& r) { return std::to_string(r.response.at("id").to_number<std::int64_t>()); };
  std::string ended;
  for (const auto& [upn, provision] : {std::pair{kA, id(wave2)}, {kA, id(wave3)}, {kT, id(wave2)}}) {
    auto placed = school.call(
        "placement.start",
        json::serialize(json::object{{"upn", upn}, {"provision_id", std::stoll(provision)}, {"start", "2025-04-01"}}));
    REQUIRE(placed.status == Status::ok);
    ended = id(placed);
  }
  REQUIRE(school.call("placement.end", R"({"placement_id":)" + ended + R"(,"end":"2025-05-23"})").status == Status::ok);
  rules::run_rules(school.db, school.context.today, {}, school.context.clock);

  auto list = school.view();
  const auto& a = school.pupil(list, kA);
  CHECK(a.at("next_review").at("date") == "2025-05-30");
  CHECK(a.at("next_review").at("what") == "SEN support review");
  CHECK(a.at("next_review").at("overdue") == true);  // due before 2 June, not recorded
  CHECK(a.at("provisions") == 2);
  CHECK(a.at("wave") == 3);
  // Okafor's placement ended in May: not running today.
  CHECK(school.pupil(list, kT).at("provisions") == 0);

  // Open flags are the active ones; a snoozed flag leaves the count until its day comes.
  auto flags = school.call("flags.list", R"({"upn":")" + kA + "\"}").response.at("flags").as_array();
  REQUIRE(!flags.empty());
  CHECK(a.at("open_flags") == static_cast<std::int64_t>(flags.size()));
  auto first = std::to_string(flags.at(0).at("id").as_int64());
  REQUIRE(
      school.call("flag.snooze", R"({"flag_id":)" + first + R"(,"until":"2025-06-20","note":"After SATs"})").status ==
      Status::ok);
  CHECK(school.pupil(school.view(), kA).at("open_flags") == static_cast<std::int64_t>(flags.size() - 1));

  // Filters on what the list shows.
  CHECK(school.upns(R"({"wave":3})") == std::vector<std::string>{kA});
  CHECK(school.upns(R"({"wave":0})") == std::vector<std::string>{kP, kT});
  auto rule = std::string(flags.at(1 % flags.size()).at("rule").as_string());
  auto with_rule = school.upns(R"({"flag":")" + rule + "\"}");
  CHECK(std::find(with_rule.begin(), with_rule.end(), kA) != with_rule.end());
  for (const auto& upn : school.upns(R"({"flag":"any"})")) CHECK(school.pupil(list, upn).at("open_flags") != 0);
  // Sorted by next review: pupils with none come last, either way round.
  CHECK(school.upns(R"({"sort":"next_review"})").front() == kA);
  CHECK(school.upns(R"({"sort":"next_review","order":"desc"})").front() == kA);
  CHECK(school.upns(R"({"sort":"provisions","order":"desc"})").front() == kA);
}

TEST_CASE("register.view filters by the groups a SENCO looks at", "[unit]") {
  Listed school("register-view-filters.db");
  CHECK(school.upns(R"({"status":"E"})") == std::vector<std::string>{kP});
  CHECK(school.upns(R"({"year":"5"})") == std::vector<std::string>{kT});
  // Pupil premium: O'Brien's free school meals, Evans-Jones looked after.
  CHECK(school.upns(R"({"pupil_premium":true})") == std::vector<std::string>{kP, kA});
  CHECK(school.upns(R"({"pupil_premium":false})") == std::vector<std::string>{kT});
  CHECK(school.upns(R"({"looked_after":true})") == std::vector<std::string>{kP});
  CHECK(school.upns(R"({"looked_after":true,"status":"K"})").empty());
  auto filtered = school.view(R"({"status":"K","year":"6"})");
  CHECK(filtered.at("filters") == json::object{{"status", "K"}, {"year", "6"}});
  CHECK(filtered.at("count") == 1);
  CHECK(school.upns(R"({"sort":"year"})") == std::vector<std::string>{kT, kA, kP});
  CHECK(school.upns(R"({"sort":"year","order":"desc"})") == std::vector<std::string>{kP, kA, kT});
  CHECK(school.upns(R"({"sort":"name","order":"desc"})") == std::vector<std::string>{kT, kA, kP});
}

TEST_CASE("register.view's search finds pupils on and off the register by name or UPN", "[unit]") {
  Listed school("register-view-search.db");
  // Any case, part of a name, "surname, forename", or a UPN from its start.
  CHECK(school.upns(R"({"search":"o'b"})") == std::vector<std::string>{kA});
  CHECK(school.upns(R"({"search":"okafor, am"})") == std::vector<std::string>{kT});
  CHECK(school.upns(R"({"search":"t93841"})") == std::vector<std::string>{kT});
  CHECK(school.upns(R"({"search":"938412323004"})").empty());  // a UPN matches from its start only
  auto found = school.view(R"({"search":"nowak"})");
  CHECK(found.at("count") == 0);
  REQUIRE(found.at("not_on_register").as_array().size() == 1);
  CHECK(found.at("not_on_register").at(0).at("upn") == "D938412323003");
  CHECK(found.at("not_on_register").at(0).at("year") == "7");
  // Without a search the list says nothing of pupils off the register.
  CHECK(!school.view().contains("not_on_register"));
}

TEST_CASE("register.view sorts and finds names as a reader does: accents and case aside", "[unit]") {
  Listed school("register-view-names.db");
  school.db.exec(
      "UPDATE pupil SET surname = 'Ábel', forename = 'Zoë' WHERE upn = 'A938412323001';"
      "UPDATE pupil SET surname = 'de Souza' WHERE upn = 'T938412323004';");
  // Byte order would put Ábel after every unaccented name and "de Souza" after Evans-Jones.
  CHECK(school.upns(R"({"sort":"name"})") == std::vector<std::string>{kA, kT, kP});
  CHECK(school.upns(R"({"sort":"name","order":"desc"})") == std::vector<std::string>{kP, kT, kA});
  CHECK(school.upns(R"({"search":"zoe abel"})") == std::vector<std::string>{kA});
  CHECK(school.upns(R"({"search":"ÁBEL, ZOË"})") == std::vector<std::string>{kA});
  CHECK(school.upns(R"({"search":"souza"})") == std::vector<std::string>{kT});
}

TEST_CASE("register.view refuses a filter it cannot apply, naming it", "[unit]") {
  Listed school("register-view-refused.db");
  auto refused = [&](const std::string& request) {
    return school.refused_fields(school.call("register.view", request));
  };
  CHECK(refused(R"({"sort":"shoe_size"})") == std::vector<std::string>{"sort"});
  CHECK(refused(R"({"order":"sideways"})") == std::vector<std::string>{"order"});
  CHECK(refused(R"({"wave":4})") == std::vector<std::string>{"wave"});
  CHECK(refused(R"({"flag":"no_such_rule"})") == std::vector<std::string>{"flag"});
  CHECK(refused(R"({"status":"N"})") == std::vector<std::string>{"status"});
  CHECK(refused(R"({"area":"Handwriting"})") == std::vector<std::string>{"area"});
}

TEST_CASE("The register's export table has a row a pupil, with typed dates and counts", "[unit]") {
  Listed school("register-view-table.db");
  auto list = school.view(R"({"status":"K"})");
  auto table = ops::report_table("register.view", list);
  REQUIRE(table);
  CHECK(table->title == "SEN register");
  REQUIRE(table->rows.size() == 2);
  CHECK(table->columns.at(0).header == "UPN");
  CHECK(std::get<std::string>(table->rows.at(0).at(0)) == kA);
  CHECK(std::get<std::string>(table->rows.at(1).at(8)) == "Hannah Jones");  // Okafor's key worker
  CHECK(table->columns.at(11).type == report::ColumnType::count);
  CHECK(std::get<double>(table->rows.at(0).at(11)) >= 0);
}
