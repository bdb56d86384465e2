// Xporter's rows into senmap's records: the recorded quirks (two-space year groups, null UPN
// without the scope), SEN history, attendance marks as a weekday string, results.
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "xporter/xporter_records.hpp"

namespace {
using sm::xporter::Rows;

Rows rows(const char* text) {
  Rows out;
  auto parsed = boost::json::parse(text);  // held: the rows are copied out of it
  for (const auto& v : parsed.as_array()) out.push_back(v.as_object());
  return out;
}

const char* kStudents = R"([
  {"Id": 4001, "Forename": "Ada", "Surname": "Brook", "LegalForename": "Adaline", "LegalSurname": "Brook",
   "Gender": "F", "DateofBirth": "2014-03-02T00:00:00", "YearGroup": "Year  7", "EnrolmentStatus": "C",
   "EntryDate": "2021-09-01T00:00:00", "SENProvision": "K", "InLeaCare": false, "UPN": "W938412325008"},
  {"Id": 4002, "Forename": "Ben", "Surname": "Carr", "Gender": "M", "DateofBirth": "2019-05-06T00:00:00",
   "YearGroup": "Year  N2", "SENProvision": "N", "UPN": "K938412325009"},
  {"Id": 4003, "Forename": "Cal", "Surname": "Dunn", "Gender": "M", "DateofBirth": "2014-01-01T00:00:00",
   "YearGroup": "Year  7", "UPN": null}
])";
}  // namespace

TEST_CASE("Xporter students become pupils; a null UPN is a problem naming the MIS id and the scope", "[adapter]") {
  sm::live::LiveRead out;
  out.read_at = "2026-12-05T02:00:00";
  auto needs =
      rows(R"([{"StudentMis_Id": 4001, "NeedTypeCode": "SLCN", "Rank": 1, "NeedStartDate": "2022-01-10T00:00:00",
                         "Active": true},
                        {"StudentMis_Id": 4001, "NeedTypeCode": "SEMH", "Rank": 2, "Active": false,
                         "NeedEndDate": "2023-01-01T00:00:00"}])");
  auto provision = rows(R"([{"StudentMis_Id": 4001, "SENProvisionCode": "K", "StartDate": "2022-01-10T00:00:00"}])");
  sm::xporter::add_pupils(rows(kStudents), needs, provision, out);
  REQUIRE(out.pupils.size() == 2);
  const auto& ada = out.pupils[0];
  CHECK(ada.upn == "W938412325008");
  CHECK(ada.mis_id == "4001");
  CHECK(ada.forename == "Adaline");
  CHECK(ada.preferred_forename == "Ada");
  CHECK(ada.nc_year == "7");
  CHECK(ada.sex == "F");
  REQUIRE(ada.needs.size() == 1);  // the ended need is history, not a current need
  CHECK(ada.needs[0].type == "SLCN");
  REQUIRE(ada.sen_status.size() == 1);
  CHECK(ada.sen_status[0].provision == "K");
  CHECK_FALSE(ada.carries.fsm);
  CHECK(out.pupils[1].nc_year == "N2");
  CHECK_FALSE(out.pupils[1].has_sen_history);
  REQUIRE(out.problems.size() == 1);
  CHECK(out.problems[0].record == "4003");
  CHECK(out.problems[0].rule.find("UPN scope") != std::string::npos);
}

TEST_CASE("Xporter attendance marks become two marks a weekday from the first marked day of the year", "[adapter]") {
  sm::live::LiveRead out;
  out.read_at = "2026-12-05T02:00:00";
  sm::xporter::add_pupils(rows(kStudents), {}, {}, out);
  // Friday 2026-09-04 AM and PM, then Monday 2026-09-07 AM only: the weekend is not in the string.
  auto marks = rows(R"([
    {"StudentMis_Id": 4001, "Date": "2026-09-04T00:00:00", "Session": "AM", "Mark": "/"},
    {"StudentMis_Id": 4001, "Date": "2026-09-04T00:00:00", "Session": "PM", "Mark": "\\"},
    {"StudentMis_Id": 4001, "Date": "2026-09-07T00:00:00", "Session": "AM", "Mark": "N"},
    {"StudentMis_Id": 4001, "Date": "2026-07-15T00:00:00", "Session": "AM", "Mark": "/"}])");
  // Last year's register, corrected late, is not this year's: it would replace that year whole.
  std::vector<sm::live::SessionMark> sessions;
  for (const auto& row : marks)
    if (auto mark = sm::xporter::session_mark(row)) sessions.push_back(*mark);
  CHECK(sm::live::add_session_marks(sessions, 2026, out) == 3);
  REQUIRE(out.pupils[0].attendance.size() == 1);
  const auto& year = out.pupils[0].attendance[0];
  CHECK(year.year == 2026);
  CHECK(year.marks == "/\\N-");
  CHECK(year.sessions_possible == 3);
  CHECK(year.sessions_attended == 2);
  CHECK(year.sessions_unauthorised == 1);
  CHECK(out.pupils[1].attendance.empty());
  CHECK(out.pupils[1].carries.attendance);  // a full read with no marks says so
}

TEST_CASE("Xporter group members become enrolments; a deleted student is not enrolled again", "[adapter]") {
  sm::live::LiveRead out;
  out.read_at = "2026-12-05T02:00:00";
  out.left_mis_ids.push_back("4002");
  auto students = rows(kStudents);
  auto staff = rows(R"([{"Id": 77, "Forename": "Tess", "Surname": "Hale", "IsTeacher": true}])");
  auto groups = rows(R"([{"Id": 9, "Name": "7X/Ma1", "Code": "7XMa1", "Subject": "Maths",
    "StaffMembers": [{"StaffMis_Id": 77, "Role": "Teacher"}],
    "StudentMembers": [{"StudentMis_Id": 4001}, {"StudentMis_Id": 4002}]}])");
  sm::xporter::add_roster(students, staff, groups, out);
  REQUIRE(out.roster.classes.size() == 1);
  std::size_t students_enrolled = 0, teachers = 0;
  for (const auto& e : out.roster.enrollments) {
    if (e.role == sm::model::RosterRole::student)
      ++students_enrolled;
    else
      ++teachers;
  }
  CHECK(students_enrolled == 1);
  CHECK(teachers == 1);
}

TEST_CASE("An Xporter delta whose staff and groups are as last applied does not rewrite them", "[adapter]") {
  auto students = rows(kStudents);
  auto staff = rows(R"([{"Id": 77, "Forename": "Tess", "Surname": "Hale", "IsTeacher": true}])");
  auto groups = rows(R"([{"Id": 9, "Name": "7X/Ma1", "Code": "7XMa1", "Subject": "Maths",
    "StaffMembers": [{"StaffMis_Id": 77, "Role": "Teacher"}],
    "StudentMembers": [{"StudentMis_Id": 4001}, {"StudentMis_Id": 4002}]}])");
  auto read = [&](bool full, const std::string& held, const char* left = nullptr) {
    sm::live::LiveRead out;
    out.full = full;
    out.read_at = "2026-12-05T02:00:00";
    if (left) out.left_mis_ids.push_back(left);
    sm::xporter::add_roster(students, staff, groups, out);
    sm::xporter::keep_roster_only_if_changed(out, held);
    return out;
  };
  auto first = read(true, "");
  auto fingerprint = first.cursors["roster"];
  CHECK(fingerprint.rfind("sha256:", 0) == 0);
  CHECK(first.roster.enrollments.size() == 3);  // a full read always applies the roster

  auto same = read(false, fingerprint);
  CHECK(same.cursors["roster"] == fingerprint);
  CHECK(same.roster.classes.empty());
  CHECK(same.roster.enrollments.empty());
  CHECK(same.roster.mode("enrollments") == sm::model::RosterFileMode::delta);  // nothing cleared
  CHECK(same.roster.mode("classes") == sm::model::RosterFileMode::delta);
  CHECK(same.roster.users.size() == 2);  // the students' own records stay; the teacher goes
  for (const auto& u : same.roster.users) CHECK(u.role == sm::model::RosterRole::student);

  // A pupil who left while the MIS still lists them in a group: the roster is applied again.
  auto left = read(false, fingerprint, "4002");
  CHECK(left.cursors["roster"] != fingerprint);
  CHECK(left.roster.enrollments.size() == 2);
  CHECK(left.roster.mode("enrollments") == sm::model::RosterFileMode::bulk);

  auto changed = read(false, "sha256:something-else");
  CHECK(changed.roster.enrollments.size() == 3);
  CHECK(changed.roster.mode("classes") == sm::model::RosterFileMode::bulk);
}
