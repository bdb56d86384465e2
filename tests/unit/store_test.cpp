#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "store/audit.hpp"
#include "store/audit_writer.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/schema_snapshot.hpp"

using namespace sm::store;
namespace fs = std::filesystem;

namespace {
fs::path fresh_db(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("senmap-store-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto path = dir / name;
  for (auto suffix : {"", "-wal", "-shm"}) {
    fs::remove(path.string() + suffix);
    fs::remove(Database::audit_file_path(path).string() + suffix);
  }
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
  {
    Database db(path, true);
    db.exec("INSERT INTO school (la, estab) VALUES ('938', '4123')");
  }
  Database again(path, false);
  auto count = again.prepare("SELECT COUNT(*) FROM school");
  REQUIRE(count.step());
  CHECK(count.integer(0) == 1);
}

TEST_CASE("A database from a newer senmap is refused untouched", "[unit]") {
  auto path = fresh_db("newer.db");
  {
    Database db(path, true);
    db.exec("PRAGMA user_version = 999");
  }
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

namespace {
std::int64_t count_of(Database& db, const std::string& sql) {
  auto s = db.prepare(sql);
  s.step();
  return s.integer(0);
}
}  // namespace

TEST_CASE("The audit log is written to the audit file beside the database, owner-only", "[unit]") {
  auto path = fresh_db("audited.db");
  Database db(path, true);
  audit(db, "staff:701-4001/stf-01", "pupil.read", "A123456789012");
  CHECK(Database::audit_file_path(path) == path.parent_path() / "audited-audit.db");
  CHECK(count_of(db.audit_file(), "SELECT COUNT(*) FROM audit_log WHERE upn = 'A123456789012'") == 1);
  CHECK(count_of(db, "SELECT COUNT(*) FROM sqlite_schema WHERE name IN ('audit_log', 'api_access_log')") == 0);
  auto perms = fs::status(Database::audit_file_path(path)).permissions();
  CHECK((perms & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
  // Another connection reads it there; the database's data version did not move for it.
  auto version = db.data_version();
  audit(db, "staff:701-4001/stf-01", "pupil.read", "A123456789012");
  CHECK(db.data_version() == version);
  Database reader(path, false);
  CHECK(count_of(reader.audit_file(), "SELECT COUNT(*) FROM audit_log") == 2);
}

TEST_CASE("A request's audit rows wait in its batch, and the audit writer commits them before it says so", "[unit]") {
  auto path = fresh_db("batch.db");
  Database db(path, true);
  RequestLog log;
  {
    AuditBatch batch(db);
    audit(db, "staff:x", "report.class_map");
    audit(db, "staff:x", "pupil.read", "A123456789012");
    CHECK(count_of(db.audit_file(), "SELECT COUNT(*) FROM audit_log") == 0);  // not yet
    log.audit = std::move(batch.rows);
    batch.rows.clear();
    log.access = AccessRow{"2026-01-05T09:00:00Z", "staff:x", "127.0.0.1", "GET", "GET /x", "", "", "", "allowed", 200};
    audit(db, "staff:x", "pupil.read", "B123456789012");  // a request cut short: written as the batch ends
  }
  CHECK(count_of(db.audit_file(), "SELECT COUNT(*) FROM audit_log WHERE upn = 'B123456789012'") == 1);
  audit(db, "staff:x", "pupil.read", "C123456789012");  // no batch open: written at once
  CHECK(count_of(db.audit_file(), "SELECT COUNT(*) FROM audit_log") == 2);

  std::atomic<int> written{0}, seen_before_told{0};
  {
    Database reader(path, false);
    std::mutex reading;
    AuditWriter writer(path);  // (ends first: its last callbacks still read)
    for (int i = 0; i < 200; ++i) {
      auto one = log;
      one.access->object = "request " + std::to_string(i);
      writer.submit(std::move(one), [&, i](bool ok) {
        if (ok) ++written;
        // Told only once committed: another connection already sees the request's row.
        std::lock_guard lock(reading);
        auto s = reader.audit_file().prepare("SELECT COUNT(*) FROM api_access_log WHERE object = ?1");
        s.bind(1, "request " + std::to_string(i));
        s.step();
        if (s.integer(0) == 1) ++seen_before_told;
      });
    }
  }  // the writer ends once everything queued is written
  CHECK(written == 200);
  CHECK(seen_before_told == 200);
  CHECK(count_of(db.audit_file(), "SELECT COUNT(*) FROM api_access_log") == 200);
  CHECK(count_of(db.audit_file(), "SELECT COUNT(*) FROM audit_log") == 2 + 400);
}

TEST_CASE("The data version moves with every commit to the database, this connection's or another's", "[unit]") {
  auto path = fresh_db("version.db");
  Database db(path, true);
  Database other(path, false);
  auto v0 = db.data_version();
  db.exec("INSERT INTO school (la, estab) VALUES ('938', '4123')");
  auto v1 = db.data_version();
  CHECK(v1 != v0);
  CHECK(db.data_version() == v1);  // nothing committed since
  other.exec("INSERT INTO school (la, estab) VALUES ('938', '4124')");
  CHECK(db.data_version() != v1);
}

// A database as senmap left it at schema `version`: built from those migrations' own SQL (never the
// current schema relabelled, whose later tables would already be there), then `rows` inserted.
void build_schema(const fs::path& path, int version, const std::string& rows) {
  for (auto suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  std::string sql = "PRAGMA journal_mode = WAL;";
  for (int n = 1; n <= version; ++n) sql += std::string(migration_sql(n)) + ";";
  sql += rows + "PRAGMA user_version = " + std::to_string(version) + ";";
  char* error = nullptr;
  const int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &error);
  INFO((error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(raw);
  REQUIRE(rc == SQLITE_OK);
}

TEST_CASE("Migration 16 moves the audit and access logs a database holds into its audit file", "[unit]") {
  auto path = fresh_db("legacy.db");
  auto make_legacy = [&] {
    // Before migration 16; the audit file is left as it is.
    build_schema(path, 15,
                 "INSERT INTO audit_log VALUES (7, '2026-01-05T09:00:00Z', 'staff:a', 'pupil.read', 'A123456789012');"
                 "INSERT INTO audit_log VALUES (8, '2026-01-05T09:01:00Z', 'staff:a', 'register.read', NULL);"
                 "INSERT INTO api_access_log VALUES (3, '2026-01-05T09:00:00Z', 'staff:a', '127.0.0.1', 'GET', "
                 "'GET /api/pupils/{upn}', 'pupil.record', 'A123456789012', NULL, 200, 'allowed');");
  };
  make_legacy();
  fs::remove(Database::audit_file_path(path));
  {
    Database db(path, false);
    CHECK(db.schema_version() == latest_schema_version());
    CHECK(count_of(db, "SELECT COUNT(*) FROM sqlite_schema WHERE name IN ('audit_log', 'api_access_log')") == 0);
    auto& file = db.audit_file();
    CHECK(count_of(file, "SELECT COUNT(*) FROM audit_log WHERE id IN (7, 8)") == 2);
    CHECK(count_of(file,
                   "SELECT COUNT(*) FROM audit_log WHERE id = 7 AND upn = 'A123456789012' AND actor = 'staff:a'") == 1);
    CHECK(
        count_of(
            file,
            "SELECT COUNT(*) FROM api_access_log WHERE id = 3 AND route = 'GET /api/pupils/{upn}' AND status = 200") ==
        1);
  }
  // Killed after the audit file's commit and before the database's: run again, nothing is doubled.
  make_legacy();
  Database db(path, false);
  CHECK(count_of(db.audit_file(), "SELECT COUNT(*) FROM audit_log") == 2);
  CHECK(count_of(db.audit_file(), "SELECT COUNT(*) FROM api_access_log") == 1);
}

// The schema as SQLite holds it, in the order it holds it: what store/schema.sql must say.
std::string schema_script(Database& db) {
  std::string script =
      "-- The schema senmap's migrations (migrations.cpp) leave, as SQLite holds it: a new database is\n"
      "-- made from this in one step. Not edited by hand: tests/unit/store_test.cpp checks it against\n"
      "-- the migrations and writes the text to copy here when a migration is added.\n\n";
  auto rows =
      db.prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid");
  while (rows.step()) script += rows.text(0) + ";\n\n";
  return script + "PRAGMA user_version = " + std::to_string(db.schema_version()) + ";\n";
}

TEST_CASE("A new database is made from schema.sql: the schema every migration in turn leaves", "[unit]") {
  auto migrated = fresh_db("migrated.db");
  build_schema(migrated, latest_schema_version(), "");
  Database replayed(migrated, false);
  const auto expected = schema_script(replayed);
  Database made(fresh_db("made.db"), true);
  CHECK(made.schema_version() == latest_schema_version());
  if (std::string(schema_snapshot()) != expected) {
    auto out = fs::temp_directory_path() / "senmap-schema.sql";
    std::ofstream(out) << expected;
    FAIL(
        "plugin/src/store/schema.sql is not the schema the migrations leave (after adding a migration, "
        "copy "
        << out.string() << " over it)");
  }
  CHECK(schema_script(made) == expected);
}

TEST_CASE("A database from before the access log (schema 11) still opens, its audit log moved", "[unit]") {
  auto path = fresh_db("schema11.db");
  // Built as senmap 11 left it: a read in its audit log, no access log yet.
  build_schema(path, 11,
               "INSERT INTO audit_log (id, at, actor, action, upn) VALUES (5, '2025-10-01T08:00:00Z', 'cli:senco', "
               "'pupil.read', 'A123456789012');");
  Database db(path, false);
  CHECK(db.schema_version() == latest_schema_version());
  CHECK(count_of(db.audit_file(), "SELECT COUNT(*) FROM audit_log WHERE id = 5 AND actor = 'cli:senco'") == 1);
  CHECK(count_of(db.audit_file(), "SELECT COUNT(*) FROM api_access_log") == 0);
}

TEST_CASE("An in-memory database keeps its audit log in memory too", "[unit]") {
  Database db(":memory:", true);
  audit(db, "cli:test", "register.read");
  CHECK(count_of(db.audit_file(), "SELECT COUNT(*) FROM audit_log") == 1);
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

TEST_CASE("A storage failure names the file, what happened and what to do", "[unit]") {
  auto path = fresh_db("full.db");
  Database db(path, true);
  // A disk that fills: SQLite is held to the pages the file already has.
  db.exec("PRAGMA max_page_count = " + std::to_string(count_of(db, "PRAGMA page_count")));
  try {
    db.exec(
        "CREATE TABLE filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
        "INSERT INTO filler SELECT randomblob(4096) FROM n");
    FAIL("the insert should not fit");
  } catch (const StoreError& e) {
    std::string text = e.what();
    CHECK_THAT(text, Catch::Matchers::Contains("database or disk is full"));
    CHECK_THAT(text, Catch::Matchers::Contains(path.string()));
    CHECK_THAT(text, Catch::Matchers::Contains("free space"));
  }
  // A database the user running senmap may read but not write.
  db.exec("PRAGMA query_only = 1");
  try {
    db.prepare("INSERT INTO school (la, estab) VALUES ('938', '4999')").run();
    FAIL("a read-only connection should refuse the write");
  } catch (const StoreError& e) {
    std::string text = e.what();
    CHECK_THAT(text, Catch::Matchers::Contains("running a query"));
    CHECK_THAT(text, Catch::Matchers::Contains(path.string() + " cannot be written"));
  }
  // A folder that does not exist: the path and the system's reason.
  try {
    Database missing(path.parent_path() / "no-such-folder" / "senmap.db", true);
    FAIL("opening in a missing folder should fail");
  } catch (const StoreError& e) {
    std::string text = e.what();
    CHECK_THAT(text, Catch::Matchers::Contains("no-such-folder/senmap.db"));
    CHECK_THAT(text, Catch::Matchers::Contains("No such file or directory"));
  }
  // A constraint is the caller's to explain: no file or advice added.
  try {
    db.exec("PRAGMA query_only = 0");
    db.exec(
        "INSERT INTO school (id, la, estab) VALUES (1, '938', '4001'); INSERT INTO school (id, la, estab) VALUES (1, "
        "'938', '4002')");
    FAIL("a duplicate id should be refused");
  } catch (const StoreError& e) {
    CHECK_THAT(std::string(e.what()), !Catch::Matchers::Contains(path.string()));
  }
}
