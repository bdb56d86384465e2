// The ABI's own conventions: named result codes, options structs by size (*_options_init, older
// accepted, newer refused), and the functions no other host test reaches, each used for real.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "senmap/senmap.h"

namespace fs = std::filesystem;

namespace {
const std::string kFixtures = SENMAP_FIXTURES;

fs::path scratch_dir(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("senmap-capi-abi-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string take(char* s) {
  std::string out = s ? s : "";
  senmap_free(s);
  return out;
}

senmap* open_db(const fs::path& path) {
  senmap_options options;
  REQUIRE(senmap_options_init(&options, sizeof options) == SENMAP_OK);
  const std::string text = path.string();
  options.db_path = text.c_str();
  options.actor = "capi-abi-test";
  senmap* db = nullptr;
  REQUIRE(senmap_open(&db, &options) == SENMAP_OK);
  return db;
}

// Fills a struct with a pattern first, so a member the init function forgot shows.
template <class Options>
void scribble(Options& options) {
  std::memset(&options, 0xA5, sizeof options);
}
}  // namespace

TEST_CASE("Every result code has a name, and unknown codes say so", "[capi]") {
  CHECK(std::string(senmap_errstr(SENMAP_OK)) == "success");
  CHECK(std::string(senmap_errstr(SENMAP_EINVAL)) == "invalid argument");
  CHECK(std::string(senmap_errstr(SENMAP_EDENIED)) == "not allowed for this person");
  // The codes are append-only: their values are part of the ABI.
  CHECK(SENMAP_EINVAL == -1);
  CHECK(SENMAP_EPARTIAL == -10);
  CHECK(SENMAP_EDENIED == -11);
  for (int code = SENMAP_EDENIED; code <= SENMAP_OK; ++code) {
    INFO("code " << code);
    CHECK(std::string(senmap_errstr(code)) != "unknown senmap error code");
  }
  CHECK(std::string(senmap_errstr(SENMAP_EDENIED - 1)) == "unknown senmap error code");
  CHECK(std::string(senmap_errstr(1)) == "unknown senmap error code");
}

TEST_CASE("The version macros come from one configured header", "[capi]") {
  CHECK(std::string(senmap_version()) == SENMAP_VERSION_STRING);
  CHECK(senmap_version_number() == SENMAP_VERSION_NUMBER);
  CHECK(SENMAP_ABI_VERSION >= 0);
}

TEST_CASE("*_options_init gives the _INIT macro's defaults for the caller's size", "[capi]") {
  // Member by member: padding between members holds whatever it held.
  senmap_options open_defaults = SENMAP_OPTIONS_INIT, open;
  scribble(open);
  REQUIRE(senmap_options_init(&open, sizeof open) == SENMAP_OK);
  CHECK(open.struct_size == open_defaults.struct_size);
  CHECK(open.db_path == nullptr);
  CHECK(open.actor == nullptr);
  CHECK(open.flags == open_defaults.flags);
  CHECK(open.config_path == nullptr);

  senmap_import_options import_defaults = SENMAP_IMPORT_OPTIONS_INIT, import;
  scribble(import);
  REQUIRE(senmap_import_options_init(&import, sizeof import) == SENMAP_OK);
  CHECK(import.struct_size == import_defaults.struct_size);
  CHECK(import.lenient == import_defaults.lenient);

  senmap_sync_options sync_defaults = SENMAP_SYNC_OPTIONS_INIT, sync;
  scribble(sync);
  REQUIRE(senmap_sync_options_init(&sync, sizeof sync) == SENMAP_OK);
  CHECK(sync.struct_size == sync_defaults.struct_size);
  CHECK(sync.progress == nullptr);
  CHECK(sync.progress_payload == nullptr);
  CHECK(sync.full == 0);
  CHECK(sync.host_source == nullptr);
  CHECK(sync.host_source_payload == nullptr);
  // A host built against 0.2's header, before host_source was appended, is still accepted.
  scribble(sync);
  REQUIRE(senmap_sync_options_init(&sync, offsetof(senmap_sync_options, host_source)) == SENMAP_OK);
  CHECK(sync.full == 0);

  senmap_generate_options generate;
  scribble(generate);
  REQUIRE(senmap_generate_options_init(&generate, sizeof generate) == SENMAP_OK);
  CHECK(generate.pupils == 2000);
  CHECK(generate.seed == 1);
  CHECK(generate.oneroster_dir == nullptr);
  CHECK(generate.as_of == nullptr);

  senmap_serve_options serve;
  scribble(serve);
  REQUIRE(senmap_serve_options_init(&serve, sizeof serve) == SENMAP_OK);
  CHECK(serve.struct_size == sizeof serve);
  CHECK(serve.listen == nullptr);
  CHECK(serve.max_connections_per_address == 0);

  SECTION("an older, smaller struct: only its own bytes are written") {
    unsigned char older[offsetof(senmap_options, config_path) + 16];
    std::memset(older, 0xA5, sizeof older);
    const uint32_t size = offsetof(senmap_options, config_path);
    REQUIRE(senmap_options_init(reinterpret_cast<senmap_options*>(older), size) == SENMAP_OK);
    uint32_t written_size;
    std::memcpy(&written_size, older, sizeof written_size);
    CHECK(written_size == size);
    for (std::size_t i = size; i < sizeof older; ++i) CHECK(older[i] == 0xA5);
  }
  SECTION("a size this library does not know, or NULL, is refused") {
    CHECK(senmap_options_init(&open, sizeof open + 8) == SENMAP_EINVAL);
    CHECK(std::string(senmap_error_last()).find("senmap_options_init") != std::string::npos);
    CHECK(senmap_options_init(&open, 2) == SENMAP_EINVAL);
    CHECK(senmap_import_options_init(nullptr, sizeof import) == SENMAP_EINVAL);
    CHECK(senmap_serve_options_init(&serve, 3) == SENMAP_EINVAL);
  }
}

TEST_CASE("A struct larger than this library knows is refused, naming both sizes", "[capi]") {
  auto dir = scratch_dir("larger");
  // A host built against a newer senmap.h passes a bigger struct whose new members this library
  // would silently ignore: it must be told, not half-served.
  struct newer_options {
    senmap_options known;
    const char* member_from_the_future;
  } newer{};
  newer.known = SENMAP_OPTIONS_INIT;
  newer.known.struct_size = sizeof newer;
  const std::string db_path = (dir / "x.db").string();
  newer.known.db_path = db_path.c_str();
  senmap* db = reinterpret_cast<senmap*>(0x1);
  CHECK(senmap_open(&db, &newer.known) == SENMAP_EINVAL);
  CHECK(db == nullptr);
  const std::string why = senmap_error_last();
  CHECK(why.find("larger than this library's") != std::string::npos);
  CHECK(why.find(std::to_string(sizeof newer)) != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "x.db"));

  senmap_generate_options generate = SENMAP_GENERATE_OPTIONS_INIT;
  generate.struct_size = sizeof generate + 16;
  CHECK(senmap_generate_ctf((dir / "g.xml").string().c_str(), &generate) == SENMAP_EINVAL);
  CHECK_FALSE(fs::exists(dir / "g.xml"));
}

namespace {
std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The first teacher's id in the classes JSON after `from` (a cheap scan: the test needs two ids).
std::string teacher_after(const std::string& classes, std::size_t& from) {
  auto at = classes.find("\"teachers\":[{\"id\":\"", from);
  REQUIRE(at != std::string::npos);
  at += std::strlen("\"teachers\":[{\"id\":\"");
  auto end = classes.find('"', at);
  from = end;
  return classes.substr(at, end - at);
}
}  // namespace

TEST_CASE("A whole school through the ABI: trust, sync, rosters, catalogue, exports, acting for staff", "[capi]") {
  auto dir = scratch_dir("school");
  senmap_generate_options generate = SENMAP_GENERATE_OPTIONS_INIT;
  generate.pupils = 60;
  generate.seed = 5;
  REQUIRE(senmap_generate_trust(dir.string().c_str(), 1, &generate) == SENMAP_OK);
  const auto config = dir / "senmap.toml";
  REQUIRE(fs::exists(config));

  char* summary = nullptr;
  senmap_sync_options sync = SENMAP_SYNC_OPTIONS_INIT;
  REQUIRE(senmap_sync(&summary, config.string().c_str(), &sync) == SENMAP_OK);
  CHECK_THAT(take(summary), Catch::Contains("\"status\":\"ok\""));

  senmap* db = open_db(dir / "senmap.db");
  char* out = nullptr;
  REQUIRE(senmap_classes_json(&out, db) == SENMAP_OK);
  const auto classes = take(out);
  CHECK_THAT(classes, Catch::Contains("\"pupils\":[\""));
  REQUIRE(senmap_runs_json(&out, db) == SENMAP_OK);
  const auto runs = take(out);
  CHECK_THAT(runs, Catch::Contains("\"source\":\"ctf\"") && Catch::Contains("\"source\":\"oneroster\""));

  // The bundle the sync applied, imported again: recognised by its checksum, nothing changes.
  fs::path bundle;
  for (const auto& school : fs::directory_iterator(dir))
    if (fs::is_directory(school.path() / "oneroster")) bundle = school.path() / "oneroster";
  REQUIRE_FALSE(bundle.empty());
  REQUIRE(senmap_import_oneroster(&out, db, bundle.string().c_str(), nullptr) == SENMAP_OK);
  CHECK_THAT(take(out), Catch::Contains("\"skipped_unchanged\":true"));

  // A catalogue from a spreadsheet, and back out as the CSV a SENCO opens.
  const auto catalogue = dir / "catalogue.csv";
  std::ofstream(catalogue) << "name,areas,wave,delivered_by,group_size,sessions_per_week,minutes_per_session,weeks,"
                              "staff_hourly_cost\nPhonics catch-up,SPLD,2,ta,4,3,20,10,14.5\n";
  REQUIRE(senmap_import_provisions(&out, db, catalogue.string().c_str()) == SENMAP_OK);
  CHECK_THAT(take(out), Catch::Contains("\"created\":1"));
  const auto exported = dir / "provisions.csv";
  REQUIRE(senmap_report_export(db, "provision.list", "{}", "csv", exported.string().c_str()) == SENMAP_OK);
  CHECK_THAT(read_file(exported), Catch::Contains("Phonics catch-up"));

  // The EHC plans the school holds, from the SENCO's spreadsheet: one bad row refuses the file whole.
  REQUIRE(senmap_register_json(&out, db) == SENMAP_OK);
  const auto listed = take(out);
  const auto at = listed.find("\"upn\":\"");
  REQUIRE(at != std::string::npos);
  const auto upn = listed.substr(at + 7, 13);
  const auto plans = dir / "plans.csv";
  std::ofstream(plans) << "UPN,LA,Issue date,Last review date,Section F\n"
                       << upn << ",938,14/03/2022,2025-03-11,Speech and language therapy = 1\n"
                       << "A000000000000,938,2022-03-14,,\n";
  CHECK(senmap_import_ehc_plans(&out, db, plans.string().c_str()) == SENMAP_EBADINPUT);
  CHECK_THAT(take(out), Catch::Contains("\"line\":3") && Catch::Contains("\"recorded\":0"));
  std::ofstream(plans) << "UPN,LA,Issue date,Last review date,Section F\n"
                       << upn << ",938,14/03/2022,2025-03-11,Speech and language therapy = 1\n";
  REQUIRE(senmap_import_ehc_plans(&out, db, plans.string().c_str()) == SENMAP_OK);
  CHECK_THAT(take(out), Catch::Contains("\"recorded\":1"));

  // The school's exclusion log: a suspension without its sessions refuses the file whole.
  const auto log = dir / "exclusions.csv";
  std::ofstream(log) << "UPN,Type,Start date,Sessions lost\n" << upn << ",Fixed term,14/03/2022,\n";
  CHECK(senmap_import_exclusions(&out, db, log.string().c_str()) == SENMAP_EBADINPUT);
  CHECK_THAT(take(out), Catch::Contains("\"field\":\"sessions\"") && Catch::Contains("\"recorded\":0"));
  std::ofstream(log) << "UPN,Type,Start date,Sessions lost\n" << upn << ",Fixed term,14/03/2022,2\n";
  REQUIRE(senmap_import_exclusions(&out, db, log.string().c_str()) == SENMAP_OK);
  CHECK_THAT(take(out), Catch::Contains("\"recorded\":1"));

  // The intake view of a feeder primary's CTF: read, most urgent first, nothing stored.
  REQUIRE(senmap_intake_ctf(&out, db, (kFixtures + "/ctf/intake_from_primary.xml").c_str()) == SENMAP_OK);
  const auto intake = take(out);
  CHECK_THAT(intake, Catch::Contains("\"from_school\"") && Catch::Contains("\"why\":\"EHC plan since 2024-02-01\""));
  CHECK(intake.find("Clarke") < intake.find("Dunn"));
  CHECK(senmap_intake_ctf(&out, db, plans.string().c_str()) == SENMAP_EBADINPUT);  // a CSV is not a CTF
  CHECK_THAT(take(out), Catch::Contains("\"problems\":[{"));
  CHECK(senmap_intake_ctf(&out, db, nullptr) == SENMAP_EINVAL);

  // The register as a CTF for the MIS: every pupil on roll.
  const auto ctf = dir / "for-mis.xml";
  REQUIRE(senmap_export_ctf(&out, db, nullptr, ctf.string().c_str()) == SENMAP_OK);
  CHECK_THAT(take(out), Catch::Contains("\"pupils\":60"));
  CHECK_THAT(read_file(ctf), Catch::Contains("<CTfile"));

  // Acting for the person in front of the host: their role decides, as senmap serve's does.
  std::size_t from = 0;
  const auto teacher = teacher_after(classes, from);
  std::string senco = teacher;
  while (senco == teacher) senco = teacher_after(classes, from);
  REQUIRE(senmap_call(&out, db, "staff.role", ("{\"staff_id\":\"" + teacher + "\",\"role\":\"teacher\"}").c_str()) ==
          SENMAP_OK);
  senmap_free(out);
  REQUIRE(senmap_call(&out, db, "staff.role", ("{\"staff_id\":\"" + senco + "\",\"role\":\"senco\"}").c_str()) ==
          SENMAP_OK);
  senmap_free(out);
  CHECK(senmap_call_as(&out, db, senco.c_str(), "register.list", "{}") == SENMAP_OK);
  CHECK_THAT(take(out), Catch::Contains("\"upn\""));
  CHECK(senmap_call_as(&out, db, teacher.c_str(), "register.list", "{}") == SENMAP_EDENIED);
  CHECK_THAT(take(out), Catch::Contains("a teacher may not"));
  CHECK(senmap_call_as(&out, db, "stf-nobody", "register.list", "{}") == SENMAP_EDENIED);
  senmap_free(out);
  CHECK(senmap_call_as(&out, db, senco.c_str(), "token.create", "{}") == SENMAP_EDENIED);  // the server's own only
  senmap_free(out);
  CHECK(senmap_call_as(nullptr, db, senco.c_str(), "register.list", "{}") == SENMAP_EINVAL);
  CHECK(senmap_call_as(&out, db, "", "register.list", "{}") == SENMAP_EINVAL);
  senmap_close(db);
}
