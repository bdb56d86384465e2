// The Arbor read adapter against a fake that behaves as Arbor's SDK documents: reference-only
// lists ending on a short page, one GET per record, changelogs, and Arbor's error envelope.
#include <algorithm>
#include <catch2/catch.hpp>

#include "arbor/arbor_reader.hpp"
#include "fake_arbor.hpp"
#include "model/upn.hpp"

using namespace sm;
using sm::test::FakeArbor;
namespace json = boost::json;

namespace {

arbor::ArborSettings settings(std::size_t page_size = 2) {
  arbor::ArborSettings s;
  s.url = "https://example-school.uk.arbor.sc";
  s.user = "senmap-app";
  s.password = "correct horse";
  s.page_size = page_size;
  return s;
}

live::ReadRequest full_read() {
  live::ReadRequest r;
  r.today = "2026-03-02";
  return r;
}

const model::PupilRecord* pupil(const live::LiveRead& read, const std::string& mis_id) {
  for (const auto& p : read.pupils)
    if (p.mis_id == mis_id) return &p;
  return nullptr;
}

std::string problems_text(const live::LiveRead& read) {
  std::string out;
  for (const auto& p : read.problems) out += p.rule + " [" + p.path + "]\n";
  return out;
}

// A small school: four pupils with UPNs (one on SEN support with two ranked needs, one with an
// EHC plan), a teacher leading a class the first two pupils are in.
struct School {
  FakeArbor arbor;
  test::ArborCodes codes = test::add_codes(arbor);
  long long ada = test::add_pupil(arbor, "A938412323001", "Ada", "Lovelace");
  long long ben = test::add_pupil(arbor, "P938412323002", "Ben", "Okafor", "2014-11-20", "MALE");
  long long cal = test::add_pupil(arbor, "D938412323003", "Cal", "Jones");
  long long dee = test::add_pupil(arbor, "T938412323004", "Dee", "Patel");
  School() {
    auto student = [&](long long id) { return arbor.ref("students", id); };
    arbor.add("sen-status-assignments", {{"student", student(ada)},
                                         {"senStatus", arbor.ref("sen-statuses", codes.support)},
                                         {"startDate", test::arbor_date("2024-09-05")}});
    arbor.add("sen-needs", {{"student", student(ada)},
                            {"senNeedType", arbor.ref("sen-need-types", codes.semh)},
                            {"ranking", 2},
                            {"effectiveDate", test::arbor_date("2024-09-05")}});
    arbor.add("sen-needs", {{"student", student(ada)},
                            {"senNeedType", arbor.ref("sen-need-types", codes.spld)},
                            {"ranking", 1},
                            {"effectiveDate", test::arbor_date("2024-09-05")}});
    arbor.add("sen-status-assignments", {{"student", student(ben)},
                                         {"senStatus", arbor.ref("sen-statuses", codes.ehcp)},
                                         {"startDate", test::arbor_date("2023-01-10")}});
    auto person = arbor.add("people", {{"legalFirstName", "Grace"}, {"legalLastName", "Hopper"}});
    auto teacher = arbor.add("staff", {{"person", arbor.ref("people", person)}});
    auto unit = arbor.add("academic-units", {{"name", "Year 5 Maths"}, {"code", "5MA"}});
    arbor.add("academic-unit-leads",
              {{"academicUnit", arbor.ref("academic-units", unit)}, {"staff", arbor.ref("staff", teacher)}});
    for (auto id : {ada, ben})
      arbor.add("academic-unit-enrolments", {{"academicUnit", arbor.ref("academic-units", unit)},
                                             {"student", student(id)},
                                             {"startDate", test::arbor_date("2025-09-03")}});
  }
};

}  // namespace

TEST_CASE("Arbor: a full read maps students, UPNs, SEN and the roster", "[adapter]") {
  School school;
  auto read = arbor::read_arbor(school.arbor, settings(), full_read());
  INFO(problems_text(read));
  REQUIRE(read.problems.empty());
  CHECK(read.kind == "arbor");
  CHECK(read.full);
  REQUIRE(read.pupils.size() == 4);

  const auto* ada = pupil(read, std::to_string(school.ada));
  REQUIRE(ada);
  CHECK(ada->upn == "A938412323001");
  CHECK(ada->forename == "Ada");
  CHECK(ada->surname == "Lovelace");
  CHECK(ada->sex == "F");
  CHECK(ada->dob == *model::parse_date("2015-03-04"));
  CHECK(ada->carries.sen_status);
  CHECK(ada->carries.needs);
  CHECK_FALSE(ada->carries.attendance);
  REQUIRE(ada->sen_status.size() == 1);
  CHECK(ada->sen_status[0].provision == "K");
  REQUIRE(ada->needs.size() == 2);
  CHECK(ada->needs[0].type == "SPLD");  // ranked: the primary need first
  CHECK(ada->needs[0].rank == 1);
  CHECK(ada->needs[1].type == "SEMH");
  const auto* ben = pupil(read, std::to_string(school.ben));
  REQUIRE(ben);
  CHECK(ben->sex == "M");
  CHECK(ben->sen_status.at(0).provision == "E");
  CHECK(ben->needs.empty());

  // Roster: students keyed by Arbor id with their UPN, the teacher, the class and its members.
  auto users = read.roster.users;
  auto student = std::find_if(users.begin(), users.end(),
                              [&](const auto& u) { return u.sourced_id == std::to_string(school.ada); });
  REQUIRE(student != users.end());
  CHECK(student->upn == "A938412323001");
  CHECK(student->role == model::RosterRole::student);
  auto teacher = std::find_if(users.begin(), users.end(), [](const auto& u) { return u.family_name == "Hopper"; });
  REQUIRE(teacher != users.end());
  CHECK(teacher->role == model::RosterRole::teacher);
  CHECK(teacher->sourced_id.rfind("staff-", 0) == 0);
  REQUIRE(read.roster.classes.size() == 1);
  CHECK(read.roster.classes[0].title == "Year 5 Maths");
  CHECK(read.roster.enrollments.size() == 3);
  CHECK(read.roster.mode("users") == model::RosterFileMode::bulk);

  // Records come one GET each, through send_all; only the list pages go one at a time.
  CHECK(school.arbor.batches > 0);
  CHECK(school.arbor.batched_requests >= 4 + 4 + 3 + 2);  // students, their people, SEN, ...
  CHECK(school.arbor.count("GET /rest-v2/students/") == 4);
  CHECK(school.arbor.count("GET /rest-v2/students/", true) == 0);
  for (auto key : {"students", "uk-dfe_upn-assignments", "sen-status-assignments", "sen-needs", "staff"})
    CHECK(read.cursors.contains(key));
}

TEST_CASE("Arbor: a list ends on its first short page", "[adapter]") {
  School school;  // four students: pages of 2 are 2, 2, then an empty (short) page
  auto read = arbor::read_arbor(school.arbor, settings(2), full_read());
  REQUIRE(read.problems.empty());
  CHECK(school.arbor.count("GET /rest-v2/students?") == 3);
  school.arbor.log.clear();
  read = arbor::read_arbor(school.arbor, settings(3), full_read());  // 3, then 1
  CHECK(school.arbor.count("GET /rest-v2/students?") == 2);
  CHECK(read.pupils.size() == 4);
}

TEST_CASE("Arbor: a list that never ends is cut at the page cap and refuses the read", "[adapter]") {
  School school;
  school.arbor.endless_lists = true;
  auto s = settings(2);
  s.max_pages = 5;
  auto read = arbor::read_arbor(school.arbor, s, full_read());
  REQUIRE_FALSE(read.problems.empty());
  CHECK_THAT(read.problems[0].rule, Catch::Contains("did not end within 5 pages"));
  CHECK(school.arbor.count("GET /rest-v2/students?") == 5);
  CHECK(read.pupils.empty());
  CHECK(read.cursors.empty());  // a refused read moves no cursor
}

TEST_CASE("Arbor: a student without a UPN assignment is a problem that names the student", "[adapter]") {
  School school;
  auto nobody = test::add_pupil(school.arbor, "", "Eve", "Nolan");
  auto read = arbor::read_arbor(school.arbor, settings(), full_read());
  REQUIRE(read.problems.size() == 1);
  const auto& p = read.problems[0];
  auto id = std::to_string(nobody);
  CHECK(p.record == id);
  CHECK(p.path == "/rest-v2/students/" + id);
  CHECK_THAT(p.rule, Catch::Contains("Arbor student " + id) && Catch::Contains("no current UPN assignment"));
  CHECK_FALSE(pupil(read, id));  // never keyed by nothing
}

TEST_CASE("Arbor: an invalid UPN check letter is refused; a temporary UPN is taken", "[adapter]") {
  School school;
  auto temp = test::add_pupil(school.arbor, "", "Fay", "Ng");
  // A temporary UPN ends in a letter; its check letter still holds.
  auto temporary = std::string(1, *model::upn_check_letter("93841232300A")) + "93841232300A";
  REQUIRE(model::upn_is_valid(temporary));
  school.arbor.add("uk-dfe_upn-assignments", {{"student", school.arbor.ref("students", temp)},
                                              {"upn", temporary},
                                              {"isTemporary", true},
                                              {"startDatetime", test::arbor_date("2025-09-01")}});
  auto read = arbor::read_arbor(school.arbor, settings(), full_read());
  CHECK(read.problems.empty());
  REQUIRE(pupil(read, std::to_string(temp)));
  CHECK(pupil(read, std::to_string(temp))->upn == temporary);
  auto bad = test::add_pupil(school.arbor, "B938412323001", "Gil", "Ortiz");  // wrong check letter
  read = arbor::read_arbor(school.arbor, settings(), full_read());
  REQUIRE_FALSE(read.problems.empty());
  CHECK(std::any_of(read.problems.begin(), read.problems.end(), [&](const auto& p) {
    return p.value == "B938412323001" && p.rule.find("Arbor student " + std::to_string(bad)) != std::string::npos;
  }));
}

TEST_CASE("Arbor: a delta reads what the changelogs name; deletions are pupils who left", "[adapter]") {
  School school;
  auto first = arbor::read_arbor(school.arbor, settings(), full_read());
  REQUIRE(first.problems.empty());

  // Ben's name is corrected, Dee leaves (her record is deleted), Cal gains a need.
  school.arbor.update("students", school.ben, {{"legalFirstName", "Benedict"}, {"legalLastName", "Okafor"}});
  school.arbor.remove("students", school.dee);
  school.arbor.add("sen-needs", {{"student", school.arbor.ref("students", school.cal)},
                                 {"senNeedType", school.arbor.ref("sen-need-types", school.codes.asd)},
                                 {"ranking", 1},
                                 {"effectiveDate", test::arbor_date("2026-02-01")}});
  school.arbor.log.clear();
  live::ReadRequest delta = full_read();
  delta.full = false;
  delta.cursors = first.cursors;
  auto read = arbor::read_arbor(school.arbor, settings(), delta);
  INFO(problems_text(read));
  REQUIRE(read.problems.empty());
  CHECK_FALSE(read.full);
  CHECK(read.left_mis_ids == std::vector<std::string>{std::to_string(school.dee)});
  REQUIRE(read.pupils.size() == 2);  // Ben (changed) and Cal (a new need); not Ada
  const auto* ben = pupil(read, std::to_string(school.ben));
  REQUIRE(ben);
  CHECK(ben->forename == "Benedict");
  CHECK(ben->upn.empty());  // unchanged assignment: matched by the mis_id senmap holds
  const auto* cal = pupil(read, std::to_string(school.cal));
  REQUIRE(cal);
  CHECK(cal->carries.needs);
  REQUIRE(cal->needs.size() == 1);
  CHECK(cal->needs[0].type == "ASD");
  CHECK(read.cursors.at("students") == std::to_string(school.arbor.revision() - 1));  // the highest toRevision seen
  CHECK(std::stoll(read.cursors.at("sen-needs")) > std::stoll(first.cursors.at("sen-needs")));
  CHECK(school.arbor.count("GET /rest-v2/students?") == 0);  // no full list of students again
  CHECK(school.arbor.count("GET /rest-v2/students/changelog?from-revision=" + first.cursors.at("students")) == 1);
  // The roster hears of Dee as a deleted student.
  CHECK(std::any_of(read.roster.users.begin(), read.roster.users.end(), [&](const auto& u) {
    return u.sourced_id == std::to_string(school.dee) && u.status == model::RosterStatus::to_be_deleted;
  }));

  // Nothing changed since: an empty delta keeps every cursor.
  auto again = full_read();
  again.full = false;
  again.cursors = read.cursors;
  auto quiet = arbor::read_arbor(school.arbor, settings(), again);
  CHECK(quiet.problems.empty());
  CHECK(quiet.pupils.empty());
  CHECK(quiet.cursors == read.cursors);
}

TEST_CASE("Arbor: refused credentials and permissions are problems naming the user and the service", "[adapter]") {
  School school;
  auto s = settings();
  s.password = "wrong horse";
  auto read = arbor::read_arbor(school.arbor, s, full_read());
  REQUIRE(read.problems.size() == 1);
  CHECK_THAT(read.problems[0].rule, Catch::Contains("senmap-app") &&
                                        Catch::Contains("https://example-school.uk.arbor.sc") &&
                                        Catch::Contains("401"));
  CHECK(read.problems[0].rule.find("wrong horse") == std::string::npos);

  school.arbor.forbidden_reads.insert("sen-needs");
  read = arbor::read_arbor(school.arbor, settings(), full_read());
  REQUIRE(read.problems.size() == 1);
  CHECK_THAT(read.problems[0].rule, Catch::Contains("senmap-app") && Catch::Contains("permission") &&
                                        Catch::Contains("The application may not read sen-needs"));
  CHECK(read.pupils.empty());
}
