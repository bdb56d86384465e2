// The header-only C++ wrapper: RAII and exceptions over the same calls.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "senmap/senmap.hpp"

TEST_CASE("The C++ wrapper imports and reads and throws with the report on refusal", "[capi]") {
  auto dir = std::filesystem::temp_directory_path() / ("senmap-hpp-tests-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = (dir / "wrapper.db").string();
  std::filesystem::remove(path);
  senmap_cpp::Database db(path, "hpp-test");
  auto report = db.import_ctf(std::string(SENMAP_FIXTURES) + "/ctf/ctf25_small.xml");
  CHECK_THAT(report, Catch::Contains("\"applied\":true"));
  CHECK_THAT(db.register_json(), Catch::Contains("P938412323002"));
  CHECK_THAT(db.register_summary_json(), Catch::Contains("\"roll\":5"));
  try {
    db.pupil_json("A000000000000");
    FAIL("expected an error");
  } catch (const senmap_cpp::Error& e) {
    CHECK(e.code() == SENMAP_ENOTFOUND);
  }
  auto bad = (dir / "bad.xml").string();
  FILE* f = std::fopen(bad.c_str(), "w");
  std::fputs("<CTfile><Header>", f);
  std::fclose(f);
  try {
    db.import_ctf(bad);
    FAIL("expected a refusal");
  } catch (const senmap_cpp::Error& e) {
    CHECK(e.code() == SENMAP_EBADINPUT);
    CHECK_THAT(e.report(), Catch::Contains("not well-formed"));
  }
}

namespace {
std::string read_text(const std::string& path) {
  std::string text;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
    std::fclose(f);
  }
  return text;
}
}  // namespace

TEST_CASE("A host pushes its data: senmap_ingest and a host source in the sync", "[capi][host]") {
  auto dir = std::filesystem::temp_directory_path() / ("senmap-hpp-host-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto examples = std::string(SENMAP_FIXTURES) + "/../../docs/examples/";
  auto full = read_text(examples + "ingest-full.json");
  REQUIRE_FALSE(full.empty());

  {
    senmap_cpp::Database db((dir / "pushed.db").string(), "hpp-host");
    CHECK_THAT(db.ingest(full), Catch::Contains("\"added\":3"));
    CHECK_THAT(db.register_json(), Catch::Contains("L938412325002"));
    try {
      db.ingest(R"({"schema":"senmap.ingest/1"})");
      FAIL("expected a refusal");
    } catch (const senmap_cpp::Error& e) {
      CHECK(e.code() == SENMAP_EBADINPUT);
      CHECK_THAT(e.what(), Catch::Contains("school: required field is missing"));
      CHECK_THAT(e.report(), Catch::Contains("\"file_rejected\":true"));
    }
  }

  auto config = (dir / "senmap.toml").string();
  {
    FILE* f = std::fopen(config.c_str(), "w");
    std::fputs(
        "database = \"synced.db\"\n[[schools]]\nla = \"938\"\nestab = \"4123\"\n"
        "[[schools.sources]]\nkind = \"host\"\n",
        f);
    std::fclose(f);
  }
  std::vector<std::string> asked;
  auto summary = senmap_cpp::sync(config, false, [&](const std::string& school) -> std::optional<std::string> {
    asked.push_back(school);
    return full;
  });
  CHECK(asked == std::vector<std::string>{"9384123"});
  CHECK_THAT(summary, Catch::Contains("\"status\":\"ok\""));
  CHECK_THAT(summary, Catch::Contains("\"kind\":\"host\""));
  {
    senmap_cpp::Database synced((dir / "synced.db").string(), "hpp-host", false);
    CHECK_THAT(synced.register_json(), Catch::Contains("X938412325001"));
  }

  // A host with nothing to give, and a sync started without a host: the source fails and says why.
  try {
    senmap_cpp::sync(config, false, [](const std::string&) { return std::optional<std::string>(); });
    FAIL("expected the source to fail");
  } catch (const senmap_cpp::Error& e) {
    CHECK(e.code() == SENMAP_EPARTIAL);
    CHECK_THAT(e.report(), Catch::Contains("the host gave no batch for 938 4123"));
  }
  try {
    senmap_cpp::sync(config);
    FAIL("expected the source to fail");
  } catch (const senmap_cpp::Error& e) {
    CHECK_THAT(e.report(), Catch::Contains("host_source callback"));
  }
  std::filesystem::remove_all(dir);
}
