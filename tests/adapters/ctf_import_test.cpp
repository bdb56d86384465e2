#include "sync/ctf_import.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <optional>

#include "report/pupil_record.hpp"
#include "report/register_report.hpp"
#include "test_files.hpp"

using namespace sm;
using sm::test::fixture;

namespace {
model::Date on(const char* text) {
  return *model::parse_date(text);
}

// A copy, not a pointer into `entries`: called on load_register's temporary, a pointer dangled once
// the statement ended (ASan: heap-use-after-free in the status history correction test).
std::optional<report::RegisterEntry> find(const std::vector<report::RegisterEntry>& entries, const std::string& upn) {
  for (const auto& e : entries)
    if (e.upn == upn) return e;
  return std::nullopt;
}

std::int64_t count(store::Database& db, const char* table) {
  auto stmt = db.prepare(std::string("SELECT COUNT(*) FROM ") + table);
  stmt.step();
  return stmt.integer(0);
}
}  // namespace

TEST_CASE("Importing a CTF builds the register", "[adapter]") {
  store::Database db(test::scratch("import.db"), true);
  auto report = sync::import_ctf(db, fixture("ctf/ctf25_small.xml"), {});
  REQUIRE(report.problems.empty());
  CHECK(report.applied);
  CHECK(report.added == 5);

  auto entries = report::load_register(db, on("2025-03-14"));
  REQUIRE(entries.size() == 3);  // K, E and K; the N pupil and the one who came off are not on it
  auto zoe = find(entries, "A938412323001");
  REQUIRE(zoe);
  CHECK(zoe->status == "K");
  CHECK(zoe->status_since == "2024-09-04");
  REQUIRE(zoe->needs.size() == 2);
  CHECK(zoe->needs[0].code == "SLCN");  // sorted by rank, not file order
  CHECK(zoe->needs[0].rank == 1);
  CHECK(zoe->needs[1].code == "SEMH");

  auto sian = find(entries, "P938412323002");
  REQUIRE(sian);
  CHECK(sian->status == "E");
  CHECK(sian->status_since == "2024-03-01");

  // Two K periods in a row are one unbroken stretch of SEN support.
  auto amara = find(entries, "T938412323004");
  REQUIRE(amara);
  CHECK(amara->status_since == "2023-09-06");

  CHECK_FALSE(find(entries, "G938412323005"));  // K then N: off the register
  CHECK_FALSE(find(entries, "D938412323003"));
  CHECK(entries.front().surname == "Evans-Jones");  // sorted by surname
}

TEST_CASE("The pupil record carries history and attendance and assessments", "[adapter]") {
  store::Database db(test::scratch("record.db"), true);
  REQUIRE(sync::import_ctf(db, fixture("ctf/ctf25_small.xml"), {}).applied);
  auto record = report::pupil_record_json(db, "A938412323001", on("2025-03-14"));
  REQUIRE(record);
  const auto& r = record->as_object();
  CHECK(r.at("forename").as_string() == "Zoë");
  CHECK(r.at("status").as_string() == "K");
  const auto& year = r.at("attendance").at("this_year");
  CHECK(year.at("year").as_int64() == 2024);
  CHECK(year.at("attendance_percent").as_double() == Approx(80.0));
  CHECK(year.at("persistent_absence").as_bool());
  CHECK(r.at("assessments").as_array().size() == 2);
  CHECK(r.at("status_history").as_array().size() == 1);
  CHECK_FALSE(report::pupil_record_json(db, "Z999999999999", on("2025-03-14")));
}

TEST_CASE("Re-importing the same file changes nothing", "[adapter]") {
  auto path = test::scratch("reimport.db");
  store::Database db(path, true);
  REQUIRE(sync::import_ctf(db, fixture("ctf/ctf25_small.xml"), {}).applied);
  auto runs = count(db, "import_run");
  auto periods = count(db, "sen_status_period");
  auto again = sync::import_ctf(db, fixture("ctf/ctf25_small.xml"), {});
  CHECK(again.skipped_unchanged);
  CHECK(again.added == 0);
  CHECK(count(db, "import_run") == runs);
  CHECK(count(db, "sen_status_period") == periods);
}

TEST_CASE("A newer file updates only what changed and keeps status history", "[adapter]") {
  store::Database db(test::scratch("newer.db"), true);
  REQUIRE(sync::import_ctf(db, fixture("ctf/ctf25_small.xml"), {}).applied);
  // Later that term: Zoë's EHC plan is issued, SEMH is no longer listed, Amara leaves the register.
  auto newer = test::variant(
      fixture("ctf/ctf25_small.xml"), "newer.xml",
      {{"<DateTime>2025-03-14T10:00:00", "<DateTime>2025-06-20T10:00:00"},
       {"<SEN><StartDate>2024-09-04</StartDate><SENprovision>K</SENprovision></SEN>\n        <SENneeds>",
        "<SEN><StartDate>2024-09-04</StartDate><SENprovision>K</SENprovision></SEN>\n"
        "        <SEN><StartDate>2025-05-12</StartDate><SENprovision>E</SENprovision></SEN>\n        <SENneeds>"},
       {"<SENneed><NeedStartDate>2024-09-04</NeedStartDate><SENtypeRank>2</SENtypeRank><SENtype>SEMH</SENtype></"
        "SENneed>",
        ""},
       {"<SEN><StartDate>2024-09-04</StartDate><SENprovision>K</SENprovision></SEN>\n        <SENneeds>\n          "
        "<SENneed><SENtypeRank>1</SENtypeRank><SENtype>NSA</SENtype></SENneed>",
        "<SEN><StartDate>2024-09-04</StartDate><SENprovision>K</SENprovision></SEN>\n"
        "        <SEN><StartDate>2025-06-02</StartDate><SENprovision>N</SENprovision></SEN>\n        <SENneeds>"}});
  auto report = sync::import_ctf(db, newer, {});
  REQUIRE(report.problems.empty());
  CHECK(report.changed == 2);
  CHECK(report.unchanged == 3);

  auto entries = report::load_register(db, on("2025-06-20"));
  auto zoe = find(entries, "A938412323001");
  REQUIRE(zoe);
  CHECK(zoe->status == "E");
  CHECK(zoe->status_since == "2025-05-12");
  REQUIRE(zoe->needs.size() == 1);
  CHECK(zoe->needs[0].code == "SLCN");
  CHECK_FALSE(find(entries, "T938412323004"));

  auto record = report::pupil_record_json(db, "A938412323001", on("2025-06-20"));
  const auto& history = record->at("status_history").as_array();
  REQUIRE(history.size() == 2);  // the K period is history, not overwritten
  CHECK(history[0].at("status").as_string() == "K");
  CHECK(history[0].at("end").as_string() == "2025-05-12");
  const auto& needs = record->at("needs").as_array();
  REQUIRE(needs.size() == 2);  // SEMH ended on the file's date, not deleted
  CHECK(needs[1].at("code").as_string() == "SEMH");
  CHECK(needs[1].at("end").as_string() == "2025-06-20");
  CHECK_FALSE(needs[1].at("current").as_bool());
}

TEST_CASE("An older file never overwrites newer data", "[adapter]") {
  store::Database db(test::scratch("older.db"), true);
  auto newer = test::variant(fixture("ctf/ctf25_small.xml"), "newer_first.xml",
                             {{"<DateTime>2025-03-14T10:00:00", "<DateTime>2025-06-20T10:00:00"},
                              {"<Surname>O'Brien</Surname>", "<Surname>O'Brien-Walsh</Surname>"}});
  REQUIRE(sync::import_ctf(db, newer, {}).applied);
  auto report = sync::import_ctf(db, fixture("ctf/ctf25_small.xml"), {});
  CHECK(report.applied);
  CHECK(report.not_applied == 1);
  REQUIRE(report.warnings.size() == 1);
  CHECK(report.warnings[0].upn == "A938412323001");
  auto record = report::pupil_record_json(db, "A938412323001", on("2025-06-20"));
  CHECK(record->at("surname").as_string() == "O'Brien-Walsh");
}

TEST_CASE("A full CTF without SEN history for a pupil on the register takes them off it", "[adapter]") {
  store::Database db(test::scratch("offregister.db"), true);
  REQUIRE(sync::import_ctf(db, fixture("ctf/ctf25_small.xml"), {}).applied);
  auto text = test::read_file(fixture("ctf/ctf25_small.xml"));
  auto start = text.find("<SENhistory>", text.find("<UPN>T938412323004"));
  auto end = text.find("</SENhistory>", start) + std::string("</SENhistory>").size();
  text.erase(start, end - start);
  text.replace(text.find("2025-03-14T10:00:00"), 19, "2025-04-01T09:00:00");
  auto path = test::scratch("no_sen.xml");
  test::write_file(path, text);
  REQUIRE(sync::import_ctf(db, path, {}).applied);
  auto record = report::pupil_record_json(db, "T938412323004", on("2025-04-01"));
  CHECK(record->at("status").as_string() == "N");
  CHECK(record->at("status_since").as_string() == "2025-04-01");
  CHECK(record->at("status_history").as_array().size() == 3);
}

TEST_CASE("A pupil a full CTF no longer lists has left the roll and leaves the register", "[adapter]") {
  store::Database db(test::scratch("leavers.db"), true);
  REQUIRE(sync::import_ctf(db, fixture("ctf/ctf25_small.xml"), {}).applied);
  auto text = test::read_file(fixture("ctf/ctf25_small.xml"));
  auto start = text.find("    <Pupil>\n      <UPN>A938412323001");
  auto end = text.find("</Pupil>", start) + std::string("</Pupil>\n").size();
  text.erase(start, end - start);
  text.replace(text.find("2025-03-14T10:00:00"), 19, "2025-04-01T09:00:00");

  SECTION("a full export of the school marks them as left, never deletes them") {
    auto path = test::scratch("leaver.xml");
    test::write_file(path, text);
    auto report = sync::import_ctf(db, path, {});
    REQUIRE(report.applied);
    CHECK(report.left == 1);
    CHECK_FALSE(find(report::load_register(db, on("2025-04-01")), "A938412323001"));
    auto record = report::pupil_record_json(db, "A938412323001", on("2025-04-01"));
    REQUIRE(record);
    CHECK(record->at("left_on").as_string() == "2025-04-01");
    // Back on a later export: back on roll.
    auto back =
        test::variant(fixture("ctf/ctf25_small.xml"), "back.xml",
                      {{"2025-03-14T10:00:00", "2025-05-01T09:00:00"}, {"<Surname>Okafor", "<Surname>Okafor-Reid"}});
    REQUIRE(sync::import_ctf(db, back, {}).applied);
    CHECK(report::pupil_record_json(db, "A938412323001", on("2025-05-01"))->at("left_on").is_null());
  }
  SECTION("a partial CTF or a transfer to another school says nothing about who left") {
    auto partial = text;
    partial.replace(partial.find("<DocumentQualifier>full"), 23, "<DocumentQualifier>partial");
    auto path = test::scratch("partial.xml");
    test::write_file(path, partial);
    CHECK(sync::import_ctf(db, path, {}).left == 0);
    auto transfer = text;
    transfer.replace(transfer.find("2025-04-01T09:00:00"), 19, "2025-04-02T09:00:00");
    transfer.replace(transfer.find("<Estab>4123</Estab>\n    </DestSchool>"), 19, "<Estab>4999</Estab>");
    path = test::scratch("transfer.xml");
    test::write_file(path, transfer);
    auto report = sync::import_ctf(db, path, {});
    CHECK(report.applied);
    CHECK(report.left == 0);
    CHECK(find(report::load_register(db, on("2025-04-02")), "A938412323001"));
  }
}

TEST_CASE("A newer file corrects SEN status history: what the MIS no longer lists goes", "[adapter]") {
  store::Database db(test::scratch("correction.db"), true);
  // File 1 says K then E; the MIS then corrects the E away (it was entered on the wrong pupil).
  auto first = test::variant(
      fixture("ctf/ctf25_small.xml"), "with_e.xml",
      {{"<SEN><StartDate>2024-09-04</StartDate><SENprovision>K</SENprovision></SEN>\n        <SENneeds>",
        "<SEN><StartDate>2024-09-04</StartDate><SENprovision>K</SENprovision></SEN>\n"
        "        <SEN><StartDate>2025-01-10</StartDate><SENprovision>E</SENprovision></SEN>\n        <SENneeds>"}});
  REQUIRE(sync::import_ctf(db, first, {}).applied);
  CHECK(find(report::load_register(db, on("2025-03-14")), "A938412323001")->status == "E");
  auto corrected = test::variant(fixture("ctf/ctf25_small.xml"), "corrected.xml",
                                 {{"<DateTime>2025-03-14T10:00:00", "<DateTime>2025-03-20T10:00:00"}});
  REQUIRE(sync::import_ctf(db, corrected, {}).applied);
  auto zoe = find(report::load_register(db, on("2025-03-20")), "A938412323001");
  REQUIRE(zoe);
  CHECK(zoe->status == "K");
  CHECK(zoe->status_since == "2024-09-04");
}

TEST_CASE("An older full CTF does not change who has left, and a file from the future is refused", "[adapter]") {
  store::Database db(test::scratch("older_roll.db"), true);
  REQUIRE(sync::import_ctf(db, fixture("ctf/ctf25_small.xml"), {}).applied);
  auto text = test::read_file(fixture("ctf/ctf25_small.xml"));
  auto start = text.find("    <Pupil>\n      <UPN>A938412323001");
  text.erase(start, text.find("</Pupil>", start) + std::string("</Pupil>\n").size() - start);
  text.replace(text.find("2025-03-14T10:00:00"), 19, "2025-02-01T10:00:00");  // older than what is held
  auto older = test::scratch("older_roll.xml");
  test::write_file(older, text);
  auto report = sync::import_ctf(db, older, {});
  CHECK(report.left == 0);
  CHECK(find(report::load_register(db, on("2025-03-14")), "A938412323001"));

  auto future =
      test::variant(fixture("ctf/ctf25_small.xml"), "future.xml", {{"2025-03-14T10:00:00", "2062-10-01T10:00:00"}});
  auto refused = sync::import_ctf(db, future, {});
  CHECK(refused.file_rejected);
  CHECK_THAT(refused.problems.at(0).rule, Catch::Contains("dated in the future"));
  auto no_pupils = test::variant(fixture("ctf/ctf25_small.xml"), "wrong_case.xml",
                                 {{"<CTFpupilData>", "<CTFPupilData>"}, {"</CTFpupilData>", "</CTFPupilData>"}});
  auto empty = sync::import_ctf(db, no_pupils, {});
  CHECK(empty.file_rejected);
  CHECK_THAT(empty.problems.at(0).rule, Catch::Contains("CTFpupilData"));
}

TEST_CASE("A pupil who moved school mid-year keeps both schools' attendance for the year", "[adapter]") {
  store::Database db(test::scratch("two_schools.db"), true);
  auto path =
      test::variant(fixture("ctf/ctf25_small.xml"), "two_blocks.xml",
                    {{"<YearData>\n          <Year>2024</Year>\n          <SessionsPossible>20</SessionsPossible>",
                      "<YearData><Year>2024</Year><LEA>938</LEA><Estab>4000</Estab>"
                      "<AttendSessions><AttendanceStartDate>2024-09-02</AttendanceStartDate>"
                      "<AttendanceMarks>/\\/\\OOOO</AttendanceMarks></AttendSessions></YearData>\n"
                      "        <YearData>\n          <Year>2024</Year><LEA>938</LEA><Estab>4123</Estab>\n"
                      "          <SessionsPossible>20</SessionsPossible>"}});
  REQUIRE(sync::import_ctf(db, path, {}).applied);
  auto record = report::pupil_record_json(db, "A938412323001", on("2025-03-14"));
  const auto& years = record->at("attendance").at("years").as_array();
  REQUIRE(years.size() == 2);
  // 4 of 8 sessions at the first school, 16 of 20 at the second: 20 of 28.
  CHECK(record->at("attendance").at("this_year").at("attendance_percent").as_double() == Approx(71.4));
}
