#include "model/utf8.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "config/sync_config.hpp"
#include "config/toml_guard.hpp"

using namespace sm;

TEST_CASE("UTF-8 is checked as the standard defines it", "[unit]") {
  CHECK_FALSE(model::first_invalid_utf8("Zieliński, Łukasz, Ærøskøbing, 日本, 🙂"));
  CHECK_FALSE(model::first_invalid_utf8(""));
  CHECK(model::first_invalid_utf8("Zieli\xF1ski") == 5u);          // Windows-1252 ñ
  CHECK(model::first_invalid_utf8("abcdefghijk\xC0\x80") == 11u);  // overlong NUL, past the 8-byte fast path
  CHECK(model::first_invalid_utf8("\xED\xA0\x80") == 0u);          // a surrogate
  CHECK(model::first_invalid_utf8("\xF4\x90\x80\x80") == 0u);      // past U+10FFFF
  CHECK(model::first_invalid_utf8("ok \xE2\x82") == 3u);           // cut short
  CHECK(model::invalid_bytes_at("ab\xE9z", 2) == "0xE9");
  CHECK(model::valid_utf8("O'Bri\xE9n") == "O'Bri\xEF\xBF\xBDn");
  CHECK(model::valid_utf8("Łukasz") == "Łukasz");
  CHECK(model::position_of("a\nbc\nd", 4).line == 2);
  CHECK(model::position_of("a\nbc\nd", 4).column == 3);
}

TEST_CASE("The TOML guard refuses what would reach undefined behaviour in toml++, with its line", "[unit]") {
  CHECK_FALSE(config::guard_toml(
      "database = \"senmap.db\"\n[[schools]]\nla = \"938\" # Łódź\nname = \"Ysgol Gymraeg Llŷn\"\n"));
  CHECK_FALSE(config::guard_toml("off = [\n  [1, 2],\n  { a = 1 },\n]\n[ \"quoted key\" ]\n"));
  CHECK_FALSE(config::guard_toml("text = \"\"\"\n[;\n\"\"\"\nlit = '''\nŁ [\n'''\n"));
  auto header = config::guard_toml("a = 1\n\n[;");
  REQUIRE(header);
  CHECK(header->line == 3);
  CHECK_THAT(header->rule, Catch::Contains("table header"));
  CHECK(config::guard_toml("[[")->line == 1);
  CHECK(config::guard_toml("[\t]\n"));
  auto bare = config::guard_toml("a = 1\n\xD2\x91 = 2\n");
  REQUIRE(bare);
  CHECK(bare->line == 2);
  CHECK_THAT(bare->rule, Catch::Contains("U+0491"));
  auto bytes = config::guard_toml("a = 1\nb = \"\xE9\"\n");
  REQUIRE(bytes);
  CHECK(bytes->line == 2);
  CHECK_THAT(bytes->rule, Catch::Contains("UTF-8") && Catch::Contains("0xE9"));
}

TEST_CASE("A config that would trip the parser is refused naming the file and line, no key", "[unit]") {
  auto path = std::filesystem::temp_directory_path() / "senmap-utf8-test.toml";
  {
    std::ofstream out(path, std::ios::binary);
    out << "database = \"senmap.db\"\n[;\n";
  }
  auto loaded = config::load_sync_config(path);
  REQUIRE(loaded.problems.size() == 1);
  CHECK(loaded.problems[0].line == 2);
  CHECK(loaded.problems[0].key.empty());
  CHECK_THAT(loaded.problems[0].rule, Catch::Contains("not valid TOML"));
  std::filesystem::remove(path);
}
