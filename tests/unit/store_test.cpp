#include <catch2/catch.hpp>

#include <filesystem>

#include "store/database.hpp"
#include "store/migrations.hpp"

using namespace sm::store;
namespace fs = std::filesystem;

namespace {
fs::path fresh_db(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("senmap-store-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto path = dir / name;
  for (auto suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return path;
}
}  // namespace

TEST_CASE("A new database gets the whole schema and WAL with foreign keys", "[unit]") {
  auto path = fresh_db("new.db");
  Database db(path, true);
  CHECK(db.schema_version() == latest_schema_version());
  auto mode = db.prepare("PRAGMA journal_mode");
  REQUIRE(mode.step());
  CHECK(mode.text(0) == "wal");
  auto fk = db.prepare("PRAGMA foreign_keys");
  REQUIRE(fk.step());
  CHECK(fk.integer(0) == 1);
  // Foreign keys are enforced: a need for a pupil that does not exist is refused.
  CHECK_THROWS_AS(db.exec("INSERT INTO sen_need (pupil_id, need_type, rank) VALUES (999, 'ASD', 1)"), StoreError);
}

TEST_CASE("A new database file is readable by its owner only", "[unit]") {
  auto path = fresh_db("private.db");
  Database db(path, true);
  auto perms = fs::status(path).permissions();
  CHECK((perms & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
  CHECK((perms & fs::perms::owner_read) != fs::perms::none);
}

TEST_CASE("Reopening an up-to-date database changes nothing", "[unit]") {
  auto path = fresh_db("reopen.db");
  { Database db(path, true); db.exec("INSERT INTO school (la, estab) VALUES ('938', '4123')"); }
  Database again(path, false);
  auto count = again.prepare("SELECT COUNT(*) FROM school");
  REQUIRE(count.step());
  CHECK(count.integer(0) == 1);
}

TEST_CASE("A database from a newer senmap is refused untouched", "[unit]") {
  auto path = fresh_db("newer.db");
  { Database db(path, true); db.exec("PRAGMA user_version = 999"); }
  try {
    Database db(path, false);
    FAIL("opened a newer database");
  } catch (const SchemaTooNew& e) {
    CHECK_THAT(e.what(), Catch::Contains("newer than this senmap") && Catch::Contains("999"));
  }
}

TEST_CASE("Opening a missing file without create fails clearly", "[unit]") {
  auto path = fresh_db("missing.db");
  CHECK_THROWS_WITH(Database(path, false), Catch::Contains("cannot open database"));
}

TEST_CASE("A transaction rolls back unless committed", "[unit]") {
  auto path = fresh_db("tx.db");
  Database db(path, true);
  {
    Transaction tx(db);
    db.exec("INSERT INTO school (la, estab) VALUES ('938', '4123')");
  }
  auto count = db.prepare("SELECT COUNT(*) FROM school");
  REQUIRE(count.step());
  CHECK(count.integer(0) == 0);
}
