// The live sources' config and secrets: every mistake named with its line, the secret's file
// refused when others can read it, and never quoted.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "config/sync_config.hpp"
#include "config_text.hpp"
#include "live/https_client.hpp"
#include "live/secret.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sm;

config::ConfigResult load(const std::string& source) {
  return test::load_config_text(
      "senmap-live-source-test",
      "database = \"senmap.db\"\n[[schools]]\nla = \"938\"\nestab = \"4123\"\n[[schools.sources]]\n" + source);
}

using test::problem_keys;
}  // namespace

TEST_CASE("A live source's config: defaults, and each mistake named with its key and line", "[unit]") {
  auto good = load("kind = \"xporter\"\nestab = \"9384123\"\nrelying_party = \"senmap\"\nsecret_file = \"x.secret\"\n");
  REQUIRE(good.problems.empty());
  const auto& source = good.config.schools.at(0).sources.at(0);
  CHECK(source.is_live());
  CHECK(source.live.url == "https://xporter.groupcall.com");
  CHECK(source.live.secret.key == "secret_file");

  // Line 6 is the first source key.
  CHECK(problem_keys(load(
            "kind = \"xporter\"\nestab = \"9384124\"\nrelying_party = \"senmap\"\nsecret_file = \"x\"\ntoken = "
            "\"t\"\n")) == std::vector<std::string>{"schools[1].sources[1].token@10", "schools[1].sources[1].estab@7"});
  CHECK(problem_keys(load("kind = \"wonde\"\nschool_id = \"A1\"\ntoken_file = \"t\"\ntoken_env = \"T\"\n")) ==
        std::vector<std::string>{"schools[1].sources[1].token_env@5"});
  CHECK(problem_keys(load("kind = \"arbor\"\nuser = \"senmap\"\npassword_env = \"ARBOR_PASSWORD\"\n")) ==
        std::vector<std::string>{"schools[1].sources[1].url@5"});
  CHECK(
      problem_keys(load("kind = \"arbor\"\nurl = \"http://school.example\"\nuser = \"u\"\npassword_file = \"p\"\n")) ==
      std::vector<std::string>{"schools[1].sources[1].url@7"});
  CHECK(problem_keys(load("kind = \"wonde\"\nschool_id = \"A1\"\ntoken_file = \"t\"\nmax_in_flight = 99\n")) ==
        std::vector<std::string>{"schools[1].sources[1].max_in_flight@9"});
}

TEST_CASE("A secret file others can read is refused, named, never quoted", "[unit]") {
  auto path = fs::temp_directory_path() / "senmap-live-secret-test";
  {
    std::ofstream out(path);
    out << "  s3cret-value \n";
  }
  ::chmod(path.c_str(), 0600);
  live::SecretRef ref{path.string(), "", "secret_file"};
  CHECK(live::read_secret(ref) == "s3cret-value");
  ::chmod(path.c_str(), 0644);
  try {
    live::read_secret(ref);
    FAIL("a world-readable secret was used");
  } catch (const std::runtime_error& e) {
    std::string message = e.what();
    CHECK(message.find(path.string()) != std::string::npos);
    CHECK(message.find("chmod 600") != std::string::npos);
    CHECK(message.find("s3cret") == std::string::npos);
  }
  fs::remove(path);
  ::setenv("SENMAP_TEST_SECRET", "from-env", 1);
  CHECK(live::read_secret({"", "SENMAP_TEST_SECRET", "secret_env"}) == "from-env");
  ::unsetenv("SENMAP_TEST_SECRET");
  CHECK_THROWS_WITH(live::read_secret({"", "SENMAP_TEST_SECRET", "secret_env"}), Catch::Contains("SENMAP_TEST_SECRET"));
}

TEST_CASE("Plain http is allowed only to loopback; a URL with credentials is refused", "[unit]") {
  CHECK(live::is_loopback_host("127.0.0.1"));
  CHECK(live::is_loopback_host("127.4.5.6"));
  CHECK(live::is_loopback_host("::1"));
  CHECK(live::is_loopback_host("localhost"));
  CHECK_FALSE(live::is_loopback_host("192.0.2.1"));
  CHECK_FALSE(live::is_loopback_host("127.0.0.1.example.org"));
  live::HttpsClient client({});
  CHECK_THROWS_WITH(client.send({"GET", "http://192.0.2.1/", {}, {}, true}), Catch::Contains("only to this machine"));
  CHECK_THROWS_WITH(client.send({"GET", "https://user:pw@192.0.2.1/", {}, {}, true}),
                    Catch::Contains("user name or password"));
  CHECK_THROWS_WITH(client.send({"GET", "ftp://192.0.2.1/", {}, {}, true}), Catch::Contains("only https://"));
  CHECK(client.requests_made() == 0);  // refused before anything left the machine
}

#include "store/database.hpp"
#include "store/pupil_store.hpp"

TEST_CASE("A source that knows only today's SEN status adds a period when it changes, never one a night", "[unit]") {
  auto path = fs::temp_directory_path() / "senmap-undated-status.db";
  fs::remove(path);
  {
    store::Database db(path, true);
    store::PupilStore pupils(db);
    model::SchoolRef school{"938", "4123", "", "Test School", std::nullopt};
    store::RecordSource source;
    source.school_id = pupils.upsert_school(school);
    model::PupilRecord r;
    r.upn = "W938412325008";
    r.surname = "Brook";
    r.forename = "Ada";
    r.sex = "F";
    r.dob = *model::parse_date("2014-03-02");
    r.has_sen_history = true;
    r.carries.sen_status_history = false;
    r.carries.needs = false;
    auto save_on = [&](const char* day, const char* status) {
      source.date = *model::parse_date(day);
      source.datetime = std::string(day) + "T02:00:00";
      r.sen_status = {{source.date, status}};
      pupils.save(r, pupils.find(r.upn), source, std::string("fp-") + day);
    };
    auto periods = [&] {
      auto s = db.prepare(
          "SELECT group_concat(start_date || ':' || provision, ' ') FROM "
          "(SELECT * FROM sen_status_period ORDER BY start_date)");
      s.step();
      return s.text(0);
    };
    save_on("2026-12-01", "K");
    save_on("2026-12-02", "K");
    save_on("2026-12-03", "K");
    CHECK(periods() == "2026-12-01:K");
    save_on("2026-12-04", "E");
    save_on("2026-12-05", "E");
    CHECK(periods() == "2026-12-01:K 2026-12-04:E");
  }
  fs::remove(path);
  fs::remove(store::Database::audit_file_path(path));
}
