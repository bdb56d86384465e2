// A host pushes a school's data as a senmap.ingest/1 batch: the rules of a CTF import hold
// (every rule located by field and UPN, all or nothing, leavers marked left, the same batch once).
#include "sync/host_ingest.hpp"

#include <catch2/catch.hpp>
#include <optional>

#include "report/register_report.hpp"
#include "test_files.hpp"

using namespace sm;

namespace {

std::string example(const std::string& name) {
  return test::read_file(test::fixture("../../docs/examples/" + name));
}

std::int64_t count(store::Database& db, const std::string& sql) {
  auto s = db.prepare(sql);
  s.step();
  return s.integer(0);
}

std::optional<report::RegisterEntry> on_register(store::Database& db, const std::string& upn, const char* day) {
  for (auto& e : report::load_register(db, *model::parse_date(day)))
    if (e.upn == upn) return e;
  return std::nullopt;
}

sync::ImportReport ingest(store::Database& db, const std::string& json, bool lenient = false) {
  sync::IngestOptions options;
  options.today = "2026-12-05";
  options.lenient = lenient;
  return sync::ingest_batch(db, json, options);
}

// One pupil in a minimal batch, with `fields` spliced into the pupil object.
std::string one_pupil(const std::string& fields, const std::string& upn = "X938412325001") {
  return R"({"schema":"senmap.ingest/1","school":{"la":"938","estab":"4123"},"as_of":"2026-11-27T16:00:00",)"
         R"("pupils":[{"upn":")" +
         upn + R"(","surname":"Okafor","forename":"Amara","dob":"2015-03-14","sex":"F")" + fields + "}]}";
}

// "path: rule" of each problem, to compare at once.
std::vector<std::string> located(const sync::ImportReport& report) {
  std::vector<std::string> out;
  for (const auto& p : report.problems) out.push_back(p.path + ": " + p.rule);
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& prefix) {
  for (const auto& s : list)
    if (s.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("The documented batches build the register, the classes and the leavers", "[adapter][host]") {
  store::Database db(test::scratch("host_ingest.db"), true);
  auto full = ingest(db, example("ingest-full.json"));
  INFO(located(full).size());
  REQUIRE(full.problems.empty());
  CHECK(full.applied);
  CHECK(full.source == "host");
  CHECK(full.added == 3);
  CHECK(full.details.at("classes") == 2);
  CHECK(full.details.at("enrollments") == 5);  // 3 pupils and 2 staff in 6B and 5H
  CHECK(count(db, "SELECT COUNT(*) FROM import_run WHERE source = 'host' AND status = 'applied'") == 1);

  auto amara = on_register(db, "X938412325001", "2026-11-27");
  REQUIRE(amara);
  CHECK(amara->status == "K");
  CHECK(amara->status_since == "2023-01-09");
  REQUIRE(amara->needs.size() == 2);
  CHECK(amara->needs[0].code == "SLCN");
  CHECK(on_register(db, "L938412325002", "2026-11-27")->status == "E");
  CHECK_FALSE(on_register(db, "A938412325003", "2026-11-27"));  // no SEN

  // The delta: Ella's status as today's code only (dated the batch's day), Jakub has left.
  auto delta = ingest(db, example("ingest-delta.json"));
  REQUIRE(delta.problems.empty());
  CHECK(delta.changed == 1);
  CHECK(delta.left == 1);
  auto ella = on_register(db, "A938412325003", "2026-12-04");
  REQUIRE(ella);
  CHECK(ella->status == "K");
  CHECK(ella->status_since == "2026-12-04");
  CHECK(count(db, "SELECT COUNT(*) FROM pupil WHERE upn = 'L938412325002' AND left_on = '2026-12-02'") == 1);
  CHECK(count(db, "SELECT COUNT(*) FROM pupil") == 3);  // left, never deleted
  // A delta says nothing of Amara: what senmap holds of her stays.
  CHECK(on_register(db, "X938412325001", "2026-12-04")->needs.size() == 2);

  // The same batch again changes nothing.
  auto again = ingest(db, example("ingest-full.json"));
  CHECK(again.skipped_unchanged);
  CHECK_FALSE(again.applied);
}

TEST_CASE("A whole-roll batch marks the pupils it leaves out as left", "[adapter][host]") {
  store::Database db(test::scratch("host_roll.db"), true);
  REQUIRE(ingest(db, example("ingest-full.json")).applied);
  auto batch = one_pupil("");
  batch.replace(batch.find("\"pupils\""), 0, "\"full\":true,");
  batch.replace(batch.find("2026-11-27T16:00:00"), 19, "2026-11-30T16:00:00");
  auto report = ingest(db, batch);
  REQUIRE(report.problems.empty());
  CHECK(report.left == 2);
  CHECK(count(db, "SELECT COUNT(*) FROM pupil WHERE left_on IS NULL") == 1);
  CHECK(count(db, "SELECT COUNT(*) FROM pupil") == 3);
}

TEST_CASE("Each broken rule names the field, the pupil and the rule, and nothing is stored", "[adapter][host]") {
  store::Database db(test::scratch("host_rules.db"), true);
  REQUIRE(ingest(db, example("ingest-full.json")).applied);
  auto before = count(db, "SELECT COUNT(*) FROM sen_need");

  SECTION("a wrong UPN check letter, with the right one") {
    auto r = ingest(db, one_pupil("", "A938412325001"));
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].path == "pupils[0].upn");
    CHECK(r.problems[0].upn == "A938412325001");
    CHECK(r.problems[0].rule == "UPN check letter is wrong: it should be 'X'");
  }
  SECTION("census codes, ranks, dates and marks") {
    auto r =
        ingest(db, one_pupil(R"(,"nc_year":"15","sen":{"status":[{"start":"2023-01-09","provision":"E"}],)"
                             R"("needs":[{"type":"NSA","rank":1},{"type":"XYZ","rank":2},{"type":"ASD","rank":1}]},)"
                             R"("attendance":[{"year":2026,"marks_start":"2026-11-23","marks":"//9/"}],)"
                             R"("fsm":[{"start":"2026-02-30"}])"));
    auto got = located(r);
    CHECK(has(got, "pupils[0].nc_year: not a National Curriculum year"));
    CHECK(has(got, "pupils[0].sen.needs[0].type: NSA (no specialist assessment) is only valid with SEN support"));
    CHECK(has(got, "pupils[0].sen.needs[1].type: unknown SEN type code"));
    CHECK(has(got, "pupils[0].sen.needs[2].rank: two current needs share the same rank"));
    CHECK(has(got, "pupils[0].attendance[0].marks: unknown attendance code at session 3"));
    CHECK(has(got, "pupils[0].fsm[0].start: not a valid date"));
    for (const auto& p : r.problems) CHECK(p.upn == "X938412325001");
    CHECK(r.rejected == 1);
  }
  SECTION("a date after the batch was written, and a field senmap does not know") {
    auto r = ingest(db, one_pupil(R"(,"dob":"2027-01-01","sen_status":"K")"));
    auto got = located(r);
    CHECK(has(got, "pupils[0].dob: date is after the file was written (2026-11-27T16:00:00)"));
    CHECK(has(got, "pupils[0].sen_status: unknown field (allowed here: upn, mis_id"));
  }
  SECTION("a pupil without a name or sex, or listed twice") {
    auto batch = one_pupil(R"(,"sex":"X")");
    auto r = ingest(db, batch);
    CHECK(has(located(r), "pupils[0].sex: must be M or F"));
  }
  CHECK(count(db, "SELECT COUNT(*) FROM sen_need") == before);
  CHECK(count(db, "SELECT COUNT(*) FROM import_run WHERE source = 'host'") == 1);
}

TEST_CASE("A refused pupil refuses the whole batch, unless the source is lenient", "[adapter][host]") {
  auto batch = one_pupil("");
  auto second = R"({"upn":"L938412325002","surname":"Nowak","forename":"Jakub","dob":"2015-07-02","sex":"Q"})";
  batch.insert(batch.rfind("]}"), std::string(",") + second);

  store::Database strict(test::scratch("host_strict.db"), true);
  auto refused = ingest(strict, batch);
  CHECK_FALSE(refused.applied);
  CHECK(refused.problems.size() == 1);
  CHECK(refused.problems[0].upn == "L938412325002");
  CHECK(count(strict, "SELECT COUNT(*) FROM pupil") == 0);

  store::Database lenient(test::scratch("host_lenient.db"), true);
  auto applied = ingest(lenient, batch, true);
  CHECK(applied.applied);
  CHECK(applied.added == 1);
  CHECK(applied.rejected == 1);
  CHECK(applied.pupils_in_file == 2);
  CHECK(count(lenient, "SELECT COUNT(*) FROM pupil") == 1);
}

TEST_CASE("A batch that is not one is refused whole, saying where", "[adapter][host]") {
  store::Database db(test::scratch("host_bad.db"), true);
  auto first = [&](const std::string& json) {
    auto r = ingest(db, json);
    CHECK(r.file_rejected);
    CHECK_FALSE(r.applied);
    REQUIRE_FALSE(r.problems.empty());
    return r.problems[0].path + ": " + r.problems[0].rule;
  };
  CHECK(first("{\n\"schema\": \"senmap.ingest/1\",\n\"pupils\": [1,]\n}").find("not JSON (line 3, column") !=
        std::string::npos);
  CHECK(first("{\"schema\":\"senmap.ingest/1\",\"school\":{\"la\":\"938\",\"estab\":\"4123\"},"
              "\"as_of\":\"2026-11-27T16:00:00\",\"pupils\":[{\"surname\":\"\xC3\x28\"}]}")
            .find("not JSON") != std::string::npos);  // invalid UTF-8 never reaches the store
  CHECK(first(R"({"schema":"senmap.ingest/2"})") == "schema: this senmap reads batches of schema senmap.ingest/1");
  CHECK(first(R"({"schema":"senmap.ingest/1","school":{"la":"938","estab":"4123"},"as_of":"2099-01-01T00:00:00",)"
              R"("pupils":[]})") == "as_of: the batch is dated in the future: check the host's clock");
  CHECK(first(R"({"schema":"senmap.ingest/1","as_of":"2026-11-27T16:00:00","pupils":[]})")
            .rfind("school: required field is missing", 0) == 0);
  CHECK(first("[]").find("a batch is a JSON object") != std::string::npos);
  CHECK(count(db, "SELECT COUNT(*) FROM pupil") == 0);

  // The sync asked the host for one school: a batch for another is refused.
  sync::IngestOptions options;
  options.today = "2026-12-05";
  options.expected_school = model::SchoolRef{"938", "4124", "", "", std::nullopt};
  auto other = sync::ingest_batch(db, example("ingest-full.json"), options);
  CHECK(other.file_rejected);
  CHECK(other.problems.at(0).rule == "the sync asked the host for 938 4124, and this batch is for another school");
}
