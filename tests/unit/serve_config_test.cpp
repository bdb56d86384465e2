// [serve] in the config: every setting read, every mistake named with its key and line.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "config/sync_config.hpp"
#include "config_text.hpp"

namespace {
namespace fs = std::filesystem;
using namespace sm;

config::ConfigResult load_serve(const std::string& serve) {
  return test::load_config_text("senmap-serve-config-test",
                                "database = \"senmap.db\"\n[serve]\n" + serve +
                                    "[[schools]]\nla = \"938\"\nestab = \"4123\"\n[[schools.sources]]\nkind = "
                                    "\"ctf-folder\"\npath = \"drop\"\n");
}

using test::problem_keys;
}  // namespace

TEST_CASE("[serve] gives the server every setting; relative paths are the config's", "[unit]") {
  auto good = load_serve(
      "listen = \"127.0.0.1:8443\"\ncert_file = \"tls/cert.pem\"\nkey_file = \"/etc/senmap/tls/key.pem\"\n"
      "frame_ancestors = [\"https://mis.example.org\", \"https://mis2.example.org\"]\nthreads = 4\n"
      "request_timeout_seconds = 20\nsession_idle_minutes = 15\nsession_max_hours = 8\nmax_connections = 900\n"
      "max_connections_per_address = 40\n");
  REQUIRE(good.problems.empty());
  const auto& serve = good.config.serve;
  CHECK(serve.listen == "127.0.0.1:8443");
  CHECK(serve.cert_file == fs::temp_directory_path() / "senmap-serve-config-test" / "tls" / "cert.pem");
  CHECK(serve.key_file == "/etc/senmap/tls/key.pem");
  CHECK(serve.frame_ancestors == "https://mis.example.org https://mis2.example.org");
  CHECK(serve.threads == 4);
  CHECK(serve.request_timeout_seconds == 20);
  CHECK(serve.session_idle_minutes == 15);
  CHECK(serve.session_max_hours == 8);
  CHECK(serve.max_connections == 900);
  CHECK(serve.max_connections_per_address == 40);

  auto none = load_serve("");
  REQUIRE(none.problems.empty());
  CHECK(none.config.serve.listen.empty());
  CHECK(none.config.serve.threads == 0);
}

TEST_CASE("[serve] mistakes are named with their key and line", "[unit]") {
  CHECK(problem_keys(load_serve("port = 8080\n")) == std::vector<std::string>{"serve.port@3"});
  CHECK(problem_keys(load_serve("cert_file = \"c.pem\"\n")) == std::vector<std::string>{"serve.key_file@2"});
  CHECK(problem_keys(load_serve("threads = 0\n")) == std::vector<std::string>{"serve.threads@3"});
  CHECK(problem_keys(load_serve("session_idle_minutes = \"30\"\n")) ==
        std::vector<std::string>{"serve.session_idle_minutes@3"});
  CHECK(problem_keys(load_serve("frame_ancestors = [1]\n")) == std::vector<std::string>{"serve.frame_ancestors@3"});
  auto bad = load_serve("max_connections = 0\n");
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].rule == "must be a whole number from 1 to 100000");
}
