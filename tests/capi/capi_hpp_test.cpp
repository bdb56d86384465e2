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
