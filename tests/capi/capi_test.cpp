// The C ABI as a host sees it: arguments checked, codes stable, memory handed over.
#include <sqlite3.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <string>

#include "senmap/senmap.h"

namespace fs = std::filesystem;

namespace {
const std::string kFixture = std::string(SENMAP_FIXTURES) + "/ctf/ctf25_small.xml";

std::string scratch(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("senmap-capi-tests-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto path = dir / name;
  for (auto suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return path.string();
}

senmap* open_db(const std::string& path) {
  senmap_options options = SENMAP_OPTIONS_INIT;
  options.db_path = path.c_str();
  options.actor = "capi-test";
  senmap* db = nullptr;
  REQUIRE(senmap_open(&db, &options) == SENMAP_OK);
  REQUIRE(db);
  return db;
}

std::string take(char* s) {
  std::string out = s ? s : "";
  senmap_free(s);
  return out;
}
}  // namespace

TEST_CASE("Version is reported consistently with the header", "[capi]") {
  // The header this test was compiled with against the library loaded at run time: a header bumped
  // without the library (or the library's string literal left behind) fails here.
  const std::string header_version = std::to_string(SENMAP_VERSION_MAJOR) + "." + std::to_string(SENMAP_VERSION_MINOR) +
                                     "." + std::to_string(SENMAP_VERSION_PATCH);
  CHECK(std::string(senmap_version()) == header_version);
  CHECK(senmap_version_number() == SENMAP_VERSION_MAJOR * 10000 + SENMAP_VERSION_MINOR * 100 + SENMAP_VERSION_PATCH);
  // And both against the project's version in CMakeLists.txt (what the .so, .pc and .deb carry).
  CHECK(header_version == SENMAP_PROJECT_VERSION);
}

TEST_CASE("NULL and invalid arguments are refused on every function", "[capi]") {
  senmap* db = open_db(scratch("null.db"));
  char* out = reinterpret_cast<char*>(0x1);  // must be reset to NULL on failure

  senmap_options options = SENMAP_OPTIONS_INIT;
  CHECK(senmap_open(nullptr, &options) == SENMAP_EINVAL);
  senmap* other = nullptr;
  CHECK(senmap_open(&other, nullptr) == SENMAP_EINVAL);
  CHECK(senmap_open(&other, &options) == SENMAP_EINVAL);  // no db_path
  CHECK_THAT(senmap_error_last(), Catch::Contains("db_path"));
  options.struct_size = 2;
  options.db_path = "x.db";
  CHECK(senmap_open(&other, &options) == SENMAP_EINVAL);
  CHECK(other == nullptr);

  CHECK(senmap_import_ctf(nullptr, db, kFixture.c_str(), nullptr) == SENMAP_EINVAL);
  CHECK(senmap_import_ctf(&out, nullptr, kFixture.c_str(), nullptr) == SENMAP_EINVAL);
  CHECK(out == nullptr);
  CHECK(senmap_import_ctf(&out, db, nullptr, nullptr) == SENMAP_EINVAL);
  CHECK(senmap_import_ctf(&out, db, "", nullptr) == SENMAP_EINVAL);
  senmap_import_options small = SENMAP_IMPORT_OPTIONS_INIT;
  small.struct_size = 1;
  CHECK(senmap_import_ctf(&out, db, kFixture.c_str(), &small) == SENMAP_EINVAL);

  CHECK(senmap_ingest(nullptr, db, "{}") == SENMAP_EINVAL);
  CHECK(senmap_ingest(&out, nullptr, "{}") == SENMAP_EINVAL);
  CHECK(senmap_ingest(&out, db, nullptr) == SENMAP_EINVAL);
  CHECK(senmap_ingest(&out, db, "") == SENMAP_EINVAL);
  CHECK_THAT(senmap_error_last(), Catch::Contains("senmap_ingest"));
  CHECK(out == nullptr);
  CHECK(senmap_ingest(&out, db, "{\"schema\":\"senmap.ingest/1\",") == SENMAP_EBADINPUT);
  REQUIRE(out != nullptr);  // the report says why, even for a batch that is not JSON
  CHECK_THAT(out, Catch::Contains("not JSON (line 1"));
  senmap_free(out);
  out = nullptr;

  CHECK(senmap_register_json(nullptr, db) == SENMAP_EINVAL);
  CHECK(senmap_register_json(&out, nullptr) == SENMAP_EINVAL);
  CHECK(senmap_register_summary_json(nullptr, db) == SENMAP_EINVAL);
  CHECK(senmap_register_summary_json(&out, nullptr) == SENMAP_EINVAL);
  CHECK(senmap_pupil_json(nullptr, db, "A938412323001") == SENMAP_EINVAL);
  CHECK(senmap_pupil_json(&out, nullptr, "A938412323001") == SENMAP_EINVAL);
  CHECK(senmap_pupil_json(&out, db, nullptr) == SENMAP_EINVAL);
  CHECK(senmap_pupil_json(&out, db, "") == SENMAP_EINVAL);

  CHECK(senmap_generate_ctf(nullptr, nullptr) == SENMAP_EINVAL);
  senmap_generate_options gen = SENMAP_GENERATE_OPTIONS_INIT;
  gen.pupils = 0;
  CHECK(senmap_generate_ctf(scratch("g.xml").c_str(), &gen) == SENMAP_EINVAL);
  gen = SENMAP_GENERATE_OPTIONS_INIT;
  gen.phase = 7;
  CHECK(senmap_generate_ctf(scratch("g.xml").c_str(), &gen) == SENMAP_EINVAL);

  senmap_close(nullptr);  // harmless
  senmap_free(nullptr);
  senmap_close(db);
}

TEST_CASE("Import then read the register and a pupil as JSON", "[capi]") {
  senmap* db = open_db(scratch("read.db"));
  char* report = nullptr;
  REQUIRE(senmap_import_ctf(&report, db, kFixture.c_str(), nullptr) == SENMAP_OK);
  CHECK_THAT(take(report), Catch::Contains("\"added\":5"));

  char* reg = nullptr;
  REQUIRE(senmap_register_json(&reg, db) == SENMAP_OK);
  auto text = take(reg);
  CHECK_THAT(text, Catch::Contains("\"upn\":\"A938412323001\"") && Catch::Contains("\"forename\":\"Zoë\"") &&
                       Catch::Contains("\"status_since\":\"2024-09-04\"") &&
                       Catch::Contains("\"needs\":[{\"code\":\"SLCN\",\"rank\":1},{\"code\":\"SEMH\",\"rank\":2}]"));

  char* pupil = nullptr;
  REQUIRE(senmap_pupil_json(&pupil, db, "P938412323002") == SENMAP_OK);
  CHECK_THAT(take(pupil), Catch::Contains("\"status\":\"E\""));

  char* missing = reinterpret_cast<char*>(0x1);
  CHECK(senmap_pupil_json(&missing, db, "A000000000000") == SENMAP_ENOTFOUND);
  CHECK(missing == nullptr);
  CHECK_THAT(senmap_error_last(), Catch::Contains("A000000000000"));
  senmap_close(db);
}

TEST_CASE("A refused import returns SENMAP_EBADINPUT and the report of every problem", "[capi]") {
  senmap* db = open_db(scratch("refused.db"));
  auto bad = scratch("bad.xml");
  {
    FILE* f = std::fopen(bad.c_str(), "w");
    std::fputs("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><CTfile/>", f);
    std::fclose(f);
  }
  char* report = nullptr;
  CHECK(senmap_import_ctf(&report, db, bad.c_str(), nullptr) == SENMAP_EBADINPUT);
  CHECK_THAT(senmap_error_last(), Catch::Contains("DOCTYPE"));
  REQUIRE(report);
  CHECK_THAT(take(report), Catch::Contains("\"file_rejected\":true"));

  char* missing_file = nullptr;
  CHECK(senmap_import_ctf(&missing_file, db, scratch("nope.xml").c_str(), nullptr) == SENMAP_EBADINPUT);
  CHECK_THAT(take(missing_file), Catch::Contains("cannot open the file"));
  senmap_close(db);
}

TEST_CASE("A database from a newer senmap gives SENMAP_ESCHEMA", "[capi]") {
  auto path = scratch("newer.db");
  senmap_close(open_db(path));
  {
    // Bump the schema version as a future senmap would (SQLite itself, not the sqlite3 program,
    // which a machine that only builds need not have).
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    const int bumped = sqlite3_exec(raw, "PRAGMA user_version = 4242", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    REQUIRE(bumped == SQLITE_OK);
  }
  senmap_options options = SENMAP_OPTIONS_INIT;
  options.db_path = path.c_str();
  senmap* db = nullptr;
  CHECK(senmap_open(&db, &options) == SENMAP_ESCHEMA);
  CHECK(db == nullptr);
  CHECK_THAT(senmap_error_last(), Catch::Contains("newer"));
}

TEST_CASE("Opening without SENMAP_OPEN_CREATE does not create a file", "[capi]") {
  auto path = scratch("absent.db");
  senmap_options options = SENMAP_OPTIONS_INIT;
  options.db_path = path.c_str();
  options.flags = 0;
  senmap* db = nullptr;
  CHECK(senmap_open(&db, &options) == SENMAP_EIO);
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("An older smaller options struct is accepted", "[capi]") {
  // A host built against a header whose senmap_options ended at db_path.
  struct old_options {
    uint32_t struct_size;
    const char* db_path;
  };
  auto path = scratch("old.db");
  old_options old{sizeof(old_options), path.c_str()};
  senmap* db = nullptr;
  CHECK(senmap_open(&db, reinterpret_cast<const senmap_options*>(&old)) == SENMAP_OK);
  senmap_close(db);
}

TEST_CASE("senmap_call runs operations and refuses bad requests with field errors", "[capi]") {
  senmap* db = open_db(scratch("call.db"));
  char* report = nullptr;
  REQUIRE(senmap_import_ctf(&report, db, kFixture.c_str(), nullptr) == SENMAP_OK);
  senmap_free(report);

  char* out = nullptr;
  REQUIRE(senmap_call(&out, db, "ehcp.request", R"({"upn":"P938412323002","la":"938","date":"2025-01-06"})") ==
          SENMAP_OK);
  CHECK_THAT(take(out), Catch::Contains("\"assessment_decision\":\"2025-02-17\""));

  CHECK(senmap_call(&out, db, "ehcp.request", R"({"upn":"P938412323002","la":"9","date":"2025-13-01"})") ==
        SENMAP_EBADINPUT);
  auto refused = take(out);
  CHECK_THAT(refused, Catch::Contains("\"field\":\"date\"") && Catch::Contains("\"errors\""));
  CHECK_THAT(senmap_error_last(), Catch::Contains("ehcp.request refused"));

  CHECK(senmap_call(&out, db, "no.such", "{}") == SENMAP_ENOTFOUND);
  senmap_free(out);
  CHECK(senmap_call(&out, db, "ehcp.get", R"({"upn":"A938412323001"})") == SENMAP_ENOTFOUND);  // no plan
  senmap_free(out);
  CHECK(senmap_call(nullptr, db, "ehcp.get", "{}") == SENMAP_EINVAL);
  CHECK(senmap_call(&out, nullptr, "ehcp.get", "{}") == SENMAP_EINVAL);
  CHECK(senmap_call(&out, db, nullptr, "{}") == SENMAP_EINVAL);
  CHECK(senmap_call(&out, db, "provision.list", nullptr) == SENMAP_OK);  // NULL request means {}
  senmap_free(out);

  char* ops = nullptr;
  REQUIRE(senmap_ops_json(&ops) == SENMAP_OK);
  auto listed = take(ops);
  for (auto name : {"ehcp.request", "ehcp.issue", "ehcp.review_meeting", "ehcp.get", "provision.create"})
    CHECK_THAT(listed, Catch::Contains(std::string("\"name\":\"") + name + "\""));
  CHECK(senmap_ops_json(nullptr) == SENMAP_EINVAL);
  senmap_close(db);
}

TEST_CASE("Report tables come typed and JSON numbers as plain decimals", "[capi]") {
  senmap* db = open_db(scratch("typed.db"));
  char* out = nullptr;
  REQUIRE(senmap_import_ctf(&out, db, kFixture.c_str(), nullptr) == SENMAP_OK);
  senmap_free(out);
  REQUIRE(
      senmap_call(
          &out, db, "provision.create",
          R"({"name":"Speech group","areas":["SLCN"],"wave":2,"delivered_by":"ta","group_size":4,"sessions_per_week":3,
                          "minutes_per_session":30,"weeks":12,"staff_hourly_cost":15.5,"resource_cost":120})") ==
      SENMAP_OK);
  auto provision = take(out);
  CHECK_THAT(provision,
             Catch::Contains("\"staff_hourly_cost\":15.5") && Catch::Contains("\"staff_hours_per_pupil\":4.5"));
  auto id = provision.substr(provision.find("\"id\":") + 5);
  id = id.substr(0, id.find_first_of(",}"));
  REQUIRE(senmap_call(&out, db, "placement.start",
                      (R"({"upn":"A938412323001","provision_id":)" + id + R"(,"start":"2024-10-01"})").c_str()) ==
          SENMAP_OK);
  senmap_free(out);

  // The table's cells are typed: numbers as JSON numbers, not "2.00" text.
  REQUIRE(senmap_report_table_json(&out, db, "report.costs", R"({"from":"2024-09-01","to":"2025-08-31"})") ==
          SENMAP_OK);
  auto costs = take(out);
  CHECK_THAT(costs, Catch::Contains("\"types\":[\"text\",\"text\",\"count\",\"money\",\"money\"]"));
  CHECK_THAT(costs, Catch::Contains("[\"Provision\",\"Speech group\",1,"));
  CHECK_THAT(costs, Catch::Contains("[\"Total\",null,1,"));
  REQUIRE(senmap_report_table_json(&out, db, "report.provision_map", R"({"from":"2024-09-01","to":"2025-08-31"})") ==
          SENMAP_OK);
  CHECK_THAT(take(out), Catch::Contains("\"2024-10-01\",null,36,"));  // start a date, no end, 36 sessions planned

  // Operations' JSON: 20% of a roll of five is 20, not 2E1.
  REQUIRE(senmap_call(&out, db, "report.register_analytics", "{}") == SENMAP_OK);
  auto analytics = take(out);
  CHECK_THAT(analytics, Catch::Contains("\"ehc_plan_percent\":20"));
  CHECK_THAT(analytics, !Catch::Contains("E1") && !Catch::Contains("E0"));
  senmap_close(db);
}

TEST_CASE("senmap_report_table_csv writes the CLI's CSV bytes, formulas neutralised", "[capi]") {
  // The bytes the CLI printed for --format csv before it used this function (its own writer, now
  // gone): formula-like text (= + - @ tab CR) neutralised, quotes, commas, line breaks, numbers
  // (negative, huge, tiny) as plain decimals, UTF-8 untouched, no BOM.
  const char* table =
      R"json({"title":"Tricky","headers":["Name","=Head","Count","Cost","Date","Num"],"types":["text","text","count","money","date","number"],"rows":[["=SUM(A1:A9)","+44 1234",0,1287.5,"2025-09-01",-0.25],["-1","@cmd",2000,-3.25,null,0.1],["\tTab","\rCR",-7,1e20,"n/a","0.1 to 0.5"],["say \"hi\"","a,b",12,15.1,"2025-09-02",196.29999999999998],["line\nbreak","Zoë Ødegård, 日本語",null,0,"2025-12-31",-0.0011070000000000001],["","-3.5",3,-0.5,"2026-01-01",1e-7]]})json";
  char* out = reinterpret_cast<char*>(0x1);
  REQUIRE(senmap_report_table_csv(&out, table) == SENMAP_OK);
  CHECK(take(out) == std::string("Name,'=Head,Count,Cost,Date,Num\r\n"
                                 "'=SUM(A1:A9),'+44 1234,0,1287.5,2025-09-01,-0.25\r\n"
                                 "'-1,'@cmd,2000,-3.25,,0.1\r\n"
                                 "'\tTab,\"'\rCR\",-7,100000000000000000000,n/a,0.1 to 0.5\r\n"
                                 "\"say \"\"hi\"\"\",\"a,b\",12,15.1,2025-09-02,196.3\r\n"
                                 "\"line\nbreak\",\"Zoë Ødegård, 日本語\",,0,2025-12-31,-0.001107\r\n"
                                 ",'-3.5,3,-0.5,2026-01-01,0.0000001\r\n"));

  // Rows a host builds itself (the CLI's register and class map): every cell text, types absent.
  const char* rows = R"json({"headers":["UPN","=Pupil","Needs, ranked"],
    "rows":[["-1","@x","a\"b"],["Zoë","\tt","line\r\nx"],["","+1","plain"]]})json";
  REQUIRE(senmap_report_table_csv(&out, rows) == SENMAP_OK);
  CHECK(take(out) == std::string("UPN,'=Pupil,\"Needs, ranked\"\r\n"
                                 "'-1,'@x,\"a\"\"b\"\r\n"
                                 "Zoë,'\tt,\"line\r\n"
                                 "x\"\r\n"
                                 ",'+1,plain\r\n"));

  out = reinterpret_cast<char*>(0x1);
  CHECK(senmap_report_table_csv(&out, "not json") == SENMAP_EINVAL);
  CHECK(out == nullptr);
  CHECK_THAT(senmap_error_last(), Catch::Contains("not JSON"));
  CHECK(senmap_report_table_csv(&out, R"({"headers":["a"]})") == SENMAP_EINVAL);
  CHECK_THAT(senmap_error_last(), Catch::Contains("rows"));
  CHECK(senmap_report_table_csv(&out, R"({"headers":["a"],"rows":[["x"],"y"]})") == SENMAP_EINVAL);
  CHECK_THAT(senmap_error_last(), Catch::Contains("rows[1]"));
  CHECK(senmap_report_table_csv(nullptr, table) == SENMAP_EINVAL);
  CHECK(senmap_report_table_csv(&out, nullptr) == SENMAP_EINVAL);
  CHECK(out == nullptr);
}
