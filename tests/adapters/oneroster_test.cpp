#include <zip.h>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "ops/operation.hpp"
#include "report/classes_report.hpp"
#include "report/pupil_record.hpp"
#include "report/table_export.hpp"
#include "sync/ctf_import.hpp"
#include "sync/oneroster_import.hpp"
#include "test_files.hpp"

using namespace sm;
using sm::test::fixture;
namespace fs = std::filesystem;

namespace {
model::Date on(const char* text) {
  return *model::parse_date(text);
}

// A copy of the fixture bundle that a test may change.
fs::path bundle_copy(const std::string& name) {
  auto dir = test::scratch(name);
  fs::remove_all(dir);
  fs::copy(fixture("oneroster/small"), dir);
  return dir;
}

void edit(const fs::path& file, const std::string& find, const std::string& replace) {
  auto text = test::read_file(file);
  auto at = text.find(find);
  INFO(file << " lacks: " << find);
  REQUIRE(at != std::string::npos);
  text.replace(at, find.size(), replace);
  test::write_file(file, text);
}

// The small school's CTF first: the roster's students are matched to its pupils by UPN.
struct School {
  store::Database db;
  explicit School(const std::string& name) : db(test::scratch(name), true) {
    REQUIRE(sync::import_ctf(db, fixture("ctf/ctf25_small.xml"), {}).applied);
  }
  sync::ImportReport roster(const fs::path& bundle, bool lenient = false) {
    sync::RosterImportOptions options;
    options.lenient = lenient;
    options.today = "2025-03-20";
    return sync::import_oneroster(db, bundle, options);
  }
  boost::json::object klass(const std::string& id) {
    auto classes = report::classes_json(db, on("2025-03-20"));
    for (const auto& c : classes.as_array())
      if (c.at("id").as_string() == id) return c.as_object();
    return {};
  }
  std::vector<std::string> pupils(const std::string& id) {
    std::vector<std::string> out;
    auto k = klass(id);
    if (k.empty()) return out;
    for (const auto& p : k.at("pupils").as_array()) out.emplace_back(p.as_string());
    return out;
  }
  std::string snapshot() {
    std::string out;
    for (auto table : {"staff", "roster_student", "school_class", "class_member", "academic_session", "line_item",
                       "assessment_result"}) {
      auto all = db.prepare(std::string("SELECT * FROM ") + table);
      out += table;
      while (all.step())
        for (int c = 0; c < all.column_count(); ++c) out += "|" + all.text(c);
    }
    return out;
  }
};
}  // namespace

TEST_CASE("A OneRoster bundle gives classes with their teachers and pupils", "[adapter]") {
  School school("roster.db");
  auto report = school.roster(fixture("oneroster/small"));
  INFO(report.problems.size());
  REQUIRE(report.problems.empty());
  CHECK(report.applied);
  CHECK(report.details.at("students_matched") == 4);
  CHECK(report.details.at("staff") == 2);
  CHECK(report.details.at("enrollments") == 6);  // e-2 (the unmatched student) is skipped

  auto willow = school.klass("cls-5w");
  REQUIRE_FALSE(willow.empty());
  CHECK(willow.at("title").as_string() == "Year 5 Willow");
  CHECK(willow.at("code").as_string() == "5W");
  const auto& teachers = willow.at("teachers").as_array();
  REQUIRE(teachers.size() == 2);
  CHECK(teachers[0].at("name").as_string() == "Ravi Patel");  // the primary teacher first
  CHECK(teachers[1].at("role").as_string() == "aide");
  CHECK(school.pupils("cls-5w") == std::vector<std::string>{"T938412323004"});
  // stu-3 has no identifier: the UPN comes from its {UPN:...} userIds entry.
  CHECK(school.pupils("cls-7ma") == std::vector<std::string>{"D938412323003", "P938412323002"});

  // The student with no UPN is reported, with file, line and sourcedId, and does not stop the import.
  REQUIRE(report.warnings.size() == 1);
  CHECK(report.warnings[0].record == "stu-9");
  CHECK(report.warnings[0].line == 6);
  CHECK_THAT(report.warnings[0].file, Catch::EndsWith("users.csv"));

  // Gradebook results are assessment results of the pupil.
  auto record = report::pupil_record_json(school.db, "P938412323002", on("2025-03-20"));
  bool found = false;
  for (const auto& a : record->at("assessments").as_array())
    if (a.at("source").as_string() == "oneroster") {
      found = true;
      CHECK(a.at("result").as_string() == "91");
      CHECK(a.at("subject").as_string() == "Spring maths standardised score");
    }
  CHECK(found);
}

TEST_CASE("A zipped bundle reads the same as the folder", "[adapter]") {
  School school("roster_zip.db");
  auto zip_path = test::scratch("bundle.zip");
  int error = 0;
  zip_t* archive = zip_open(zip_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive);
  for (const auto& entry : fs::directory_iterator(fixture("oneroster/small"))) {
    auto* source = zip_source_file(archive, entry.path().c_str(), 0, -1);
    REQUIRE(source);
    REQUIRE(zip_file_add(archive, ("export/" + entry.path().filename().string()).c_str(), source, ZIP_FL_OVERWRITE) >=
            0);
  }
  REQUIRE(zip_close(archive) == 0);
  auto report = school.roster(zip_path);
  REQUIRE(report.problems.empty());
  CHECK(school.pupils("cls-7ma").size() == 2);
}

TEST_CASE("A delta bundle changes only what it lists", "[adapter]") {
  School school("roster_delta.db");
  REQUIRE(school.roster(fixture("oneroster/small")).applied);
  auto delta = test::scratch("delta");
  fs::remove_all(delta);
  fs::create_directories(delta);
  test::write_file(delta / "manifest.csv",
                   "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.2\r\nfile.enrollments,delta\r\n");
  test::write_file(delta / "enrollments.csv",
                   "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
                   "beginDate,endDate\r\n"
                   "e-6,tobedeleted,2025-03-20T09:00:00.000Z,cls-7ma,org-9384123,stu-3,student,false,2024-09-02,\r\n"
                   "e-8,active,2025-03-20T09:00:00.000Z,cls-7ma,org-9384123,stu-1,student,false,2025-03-17,\r\n");
  auto report = school.roster(delta);
  INFO((report.problems.empty() ? std::string() : report.problems[0].rule));
  REQUIRE(report.applied);
  CHECK(school.pupils("cls-7ma") == std::vector<std::string>{"A938412323001", "P938412323002"});
  CHECK(school.pupils("cls-5w") == std::vector<std::string>{"T938412323004"});  // untouched
}

TEST_CASE("A bulk bundle that no longer lists a teacher or class ends them", "[adapter]") {
  School school("roster_bulk.db");
  REQUIRE(school.roster(fixture("oneroster/small")).applied);
  auto bundle = bundle_copy("bulk_again");
  edit(bundle / "users.csv",
       "stf-02,active,2025-03-14T10:00:00.000Z,true,h.jones,,Hannah,Jones,,HJO,h.jones@example.org,,,,,,,,,,,org-"
       "9384123,\r\n",
       "");
  edit(bundle / "roles.csv", "r-stf-02,active,2025-03-14T10:00:00.000Z,stf-02,primary,aide,,,org-9384123,\r\n", "");
  edit(bundle / "enrollments.csv",
       "e-4,active,2025-03-14T10:00:00.000Z,cls-5w,org-9384123,stf-02,aide,false,2024-09-02,\r\n", "");
  edit(bundle / "classes.csv",
       "cls-7ma,active,2025-03-14T10:00:00.000Z,Year 7 Maths Set "
       "1,07,,7Ma1,scheduled,,org-9384123,year-2024,Maths,,\r\n",
       "");
  for (auto id : {"e-5", "e-6", "e-7"}) {
    auto text = test::read_file(bundle / "enrollments.csv");
    auto at = text.find(std::string(id) + ",");
    text.erase(at, text.find('\n', at) + 1 - at);
    test::write_file(bundle / "enrollments.csv", text);
  }
  edit(bundle / "lineItems.csv",
       "li-1,active,2025-03-14T10:00:00.000Z,Spring maths standardised "
       "score,,2025-03-10,2025-03-10,cls-7ma,,term-2024-spring,,55,145\r\n",
       "");
  test::write_file(
      bundle / "results.csv",
      "sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment\r\n");
  auto report = school.roster(bundle);
  INFO((report.problems.empty() ? std::string() : report.problems[0].rule));
  REQUIRE(report.applied);
  CHECK(school.klass("cls-7ma").empty());  // ended, not listed
  auto willow = school.klass("cls-5w");
  CHECK(willow.at("teachers").as_array().size() == 1);
  auto left = school.db.prepare("SELECT left_on FROM staff WHERE sourced_id = 'stf-02'");
  REQUIRE(left.step());
  CHECK(left.text(0) == "2025-03-20");  // kept, marked as left
}

TEST_CASE("Every kind of bad CSV is refused with file, line and sourcedId, the store untouched", "[adapter]") {
  School school("roster_bad.db");
  REQUIRE(school.roster(fixture("oneroster/small")).applied);
  auto before = school.snapshot();
  struct Case {
    const char* name;
    const char* file;
    std::string find, replace;
    std::size_t line;
    std::string record, rule;
  };
  const std::vector<Case> cases{
      {"missing column", "classes.csv", ",title,", ",name,", 1, "", "required column 'title'"},
      {"bad date", "enrollments.csv",
       "e-5,active,2025-03-14T10:00:00.000Z,cls-7ma,org-9384123,stu-2,student,false,2024-09-02",
       "e-5,active,2025-03-14T10:00:00.000Z,cls-7ma,org-9384123,stu-2,student,false,2024-02-30", 6, "e-5",
       "not a valid date"},
      {"unknown reference", "enrollments.csv", "e-7,active,2025-03-14T10:00:00.000Z,cls-7ma,",
       "e-7,active,2025-03-14T10:00:00.000Z,cls-9zz,", 8, "e-7", "refers to no class"},
      {"duplicate sourcedId", "classes.csv", "cls-7ma,active", "cls-5w,active", 3, "cls-5w", "duplicate sourcedId"},
      {"wrong encoding", "users.csv", "Zoë", "Zo\xEB", 2, "", "not UTF-8"},
      {"unbalanced quotes", "classes.csv", "\"year-2024,term-2024-spring\"", "\"year-2024,term-2024-spring", 2, "",
       "not valid CSV"},
      {"bad status", "users.csv", "stu-4,active", "stu-4,archived", 5, "stu-4", "status must be"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      auto bundle = bundle_copy("bad_bundle");
      edit(bundle / c.file, c.find, c.replace);
      auto report = school.roster(bundle);
      CHECK_FALSE(report.applied);
      REQUIRE_FALSE(report.problems.empty());
      const auto& p = report.problems.front();
      CHECK_THAT(p.file, Catch::EndsWith(c.file));
      CHECK(p.line == c.line);
      CHECK(p.record == c.record);
      CHECK_THAT(p.rule, Catch::Contains(c.rule));
      CHECK(school.snapshot() == before);
    }
  }
}

TEST_CASE("A folder without a manifest is not a OneRoster bundle", "[adapter]") {
  School school("roster_nomanifest.db");
  auto bundle = bundle_copy("no_manifest");
  fs::remove(bundle / "manifest.csv");
  auto report = school.roster(bundle, true);
  CHECK(report.file_rejected);
  CHECK_THAT(report.problems.front().rule, Catch::Contains("manifest.csv is missing"));
}

TEST_CASE("The class provision map lists the class's pupils on the register with their support", "[adapter]") {
  School school("class_map.db");
  REQUIRE(school.roster(fixture("oneroster/small")).applied);
  ops::Context context{school.db, "teacher:stf-01", on("2025-03-20"), {}};
  auto call = [&](const std::string& op, const std::string& request) {
    auto r = ops::call(context, op, request);
    INFO(boost::json::serialize(r.response));
    REQUIRE(r.status == ops::CallResult::Status::ok);
    return r.response;
  };
  call("passport.set", R"({"upn":"P938412323002","support_strategies":["Visual timetable","Warn before changes"]})");
  auto provision =
      call("provision.create", R"({"name":"Maths mastery group","areas":["Cognition and learning"],"wave":2,
      "delivered_by":"teacher","group_size":6,"sessions_per_week":2,"minutes_per_session":30,"weeks":10,"staff_hourly_cost":30})");
  call("placement.start", R"({"upn":"P938412323002","provision_id":)" + std::to_string(provision.at("id").as_int64()) +
                              R"(,"start":"2025-02-03"})");
  auto cycle = call("cycle.assess", R"({"upn":"P938412323002","date":"2025-02-03"})");
  call("cycle.plan", R"({"cycle_id":)" + std::to_string(cycle.at("id").as_int64()) +
                         R"(,"date":"2025-02-04","review_due":"2025-05-16",
      "targets":[{"target":"Count on in tens","success_criteria":"to 100 without the number line"}]})");

  auto map = call("report.class_map", R"({"class_id":"cls-7ma"})");
  CHECK(map.at("class").at("title").as_string() == "Year 7 Maths Set 1");
  const auto& pupils = map.at("pupils").as_array();
  REQUIRE(pupils.size() == 1);  // Łukasz (N) is in the class but not on the register
  const auto& sian = pupils[0];
  CHECK(sian.at("upn").as_string() == "P938412323002");
  CHECK(sian.at("status").as_string() == "E");
  CHECK(sian.at("needs").at(0).at("code").as_string() == "ASD");
  CHECK(sian.at("strategies").as_array().size() == 2);
  CHECK(sian.at("provisions").at(0).at("name").as_string() == "Maths mastery group");
  CHECK(sian.at("targets").at(0).as_string() == "Count on in tens");
  CHECK(sian.at("next_review").as_string() == "2025-05-16");

  auto table = ops::class_map_table(map);
  auto csv = test::scratch("class_map.csv");
  report::write_csv(table, csv);
  auto text = test::read_file(csv);
  CHECK_THAT(
      text, Catch::Contains("P938412323002,Evans-Jones,Siân,EHC plan,ASD; SLCN,Visual timetable; Warn before changes"));
  auto xlsx = test::scratch("class_map.xlsx");
  report::write_xlsx(table, xlsx);
  CHECK(test::read_file(xlsx).substr(0, 2) == "PK");  // a zip, as every .xlsx is

  CHECK(ops::call(context, "report.class_map", R"({"class_id":"cls-none"})").status ==
        ops::CallResult::Status::not_found);
  auto calendar = call("report.review_calendar", "{}");
  REQUIRE(calendar.at("events").as_array().size() == 1);
  CHECK(calendar.at("events").at(0).at("date").as_string() == "2025-05-16");
  CHECK_THAT(std::string(calendar.at("ics").as_string()), Catch::Contains("DTSTART;VALUE=DATE:20250516"));
  auto audit = school.db.audit_file().prepare(
      "SELECT COUNT(*) FROM audit_log WHERE action = 'report.class_map' AND actor = 'teacher:stf-01'");
  audit.step();
  CHECK(audit.integer(0) == 1);

  // A student the roster no longer lists (left the school's roster) drops out of the class map and
  // the class list alike, though their enrolment row stays as history.
  school.db.exec(
      "UPDATE roster_student SET left_on = '2025-03-19' WHERE pupil_id = (SELECT id FROM pupil WHERE upn = "
      "'P938412323002')");
  CHECK(call("report.class_map", R"({"class_id":"cls-7ma"})").at("pupils").as_array().empty());
  auto maps = call("report.teacher_maps", "{}");
  for (const auto& m : maps.at("classes").as_array())
    for (const auto& p : m.at("pupils").as_array()) CHECK(p.at("upn").as_string() != "P938412323002");
  auto listed = school.pupils("cls-7ma");
  CHECK(std::find(listed.begin(), listed.end(), "P938412323002") == listed.end());
}

TEST_CASE("An unmatched student's later enrolments wait, and they are matched when the CTF arrives", "[adapter]") {
  School school("unmatched.db");
  auto bundle = bundle_copy("unmatched_bundle");
  // stu-9 now has a UPN the store does not hold yet.
  edit(bundle / "users.csv", "stu-9,active,2025-03-14T10:00:00.000Z,true,new.arrival,,Nova,Arrival,,,",
       "stu-9,active,2025-03-14T10:00:00.000Z,true,new.arrival,{UPN:G938412324006},Nova,Arrival,,G938412324006,");
  auto first = school.roster(bundle);
  REQUIRE(first.applied);
  CHECK(first.details.at("students_unmatched") == 1);
  auto delta = test::scratch("unmatched_delta");
  fs::remove_all(delta);
  fs::create_directories(delta);
  test::write_file(delta / "manifest.csv",
                   "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.2\r\nfile.enrollments,delta\r\n");
  test::write_file(delta / "enrollments.csv",
                   "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
                   "beginDate,endDate\r\n"
                   "e-9,active,2025-03-18T09:00:00.000Z,cls-7ma,org-9384123,stu-9,student,false,2025-03-18,\r\n");
  auto waiting = school.roster(delta);
  INFO((waiting.problems.empty() ? std::string() : waiting.problems[0].rule));
  CHECK(waiting.applied);  // not refused: the student is known, just not matched yet
  CHECK(waiting.details.at("enrollments_waiting") == 1);
  // The MIS's CTF brings the pupil: the import matches them and their waiting enrolment joins its
  // class at once (before, it waited for a roster bundle that changed, and the delta's was lost).
  auto ctf = sync::import_ctf(school.db, fixture("ctf/ctf24_variants.xml"), {});
  REQUIRE(ctf.applied);
  CHECK(ctf.details.at("students_matched_later") == 1);
  CHECK(ctf.details.at("enrollments_applied_from_waiting") == 2);  // the bundle's own and the delta's
  auto listed = school.pupils("cls-7ma");
  CHECK(std::find(listed.begin(), listed.end(), "G938412324006") != listed.end());
  auto again = school.roster(bundle_copy("unmatched_bundle_again"));
  CHECK(again.details.at("students_matched_later") == 0);
}

TEST_CASE("Gradebook scores keep each pupil's latest two per line item title, through bulk and delta results",
          "[adapter]") {
  School school("roster_trend.db");
  auto bundle = bundle_copy("trend");
  // The same assessment twice a year: autumn and spring, under one title.
  test::write_file(
      bundle / "lineItems.csv",
      "sourcedId,status,dateLastModified,title,description,assignDate,dueDate,classSourcedId,categorySourcedId,"
      "gradingPeriodSourcedId,academicSessionSourcedId,resultValueMin,resultValueMax\r\n"
      "li-1,active,2025-03-14T10:00:00.000Z,Maths standardised score,,2024-11-10,2024-11-10,cls-7ma,,,,55,145\r\n"
      "li-2,active,2025-03-14T10:00:00.000Z,Maths standardised score,,2025-03-10,2025-03-10,cls-7ma,,,,55,145\r\n");
  test::write_file(
      bundle / "results.csv",
      "sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment\r\n"
      "res-1,active,2025-03-14T10:00:00.000Z,li-1,stu-3,fully graded,82,2024-11-10,\r\n"
      "res-2,active,2025-03-14T10:00:00.000Z,li-2,stu-3,fully graded,78,2025-03-10,\r\n"
      "res-3,active,2025-03-14T10:00:00.000Z,li-2,stu-2,fully graded,101,2025-03-10,\r\n");
  auto trends = [&] {
    std::vector<std::string> out;
    auto s = school.db.prepare(
        "SELECT p.upn, t.source, t.subject, t.previous_on, t.previous_score, t.latest_on, t.latest_score FROM "
        "assessment_trend t "
        "JOIN pupil p ON p.id = t.pupil_id ORDER BY p.upn, t.source, t.subject");
    while (s.step()) {
      std::string row;
      for (int c = 0; c < 7; ++c) row += (c ? "|" : "") + s.text(c);
      out.push_back(row);
    }
    return out;
  };
  REQUIRE(school.roster(bundle).applied);
  CHECK(trends() ==
        std::vector<std::string>{"D938412323003|oneroster|Maths standardised score|2024-11-10|82.0|2025-03-10|78.0"});

  // A delta withdraws the spring score: one score is no trend.
  auto delta = test::scratch("trend-delta");
  fs::remove_all(delta);
  fs::create_directories(delta);
  test::write_file(delta / "manifest.csv",
                   "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.2\r\nfile.results,delta\r\n");
  test::write_file(
      delta / "results.csv",
      "sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment\r\n"
      "res-2,tobedeleted,2025-03-20T09:00:00.000Z,li-2,stu-3,fully graded,78,2025-03-10,\r\n");
  REQUIRE(school.roster(delta).applied);
  CHECK(trends().empty());
  // A delta that corrects it brings the trend back with the corrected score.
  test::write_file(
      delta / "results.csv",
      "sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment\r\n"
      "res-2,active,2025-03-21T09:00:00.000Z,li-2,stu-3,fully graded,80,2025-03-10,\r\n");
  REQUIRE(school.roster(delta).applied);
  CHECK(trends() ==
        std::vector<std::string>{"D938412323003|oneroster|Maths standardised score|2024-11-10|82.0|2025-03-10|80.0"});
  // A bulk file with no results: the school's gradebook is empty, and so are its trends.
  test::write_file(
      bundle / "results.csv",
      "sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment\r\n");
  REQUIRE(school.roster(bundle).applied);
  CHECK(trends().empty());
}
