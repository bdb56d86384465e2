// A school for operation tests: the small CTF fixture imported into a fresh database, and a
// context dated 2 June 2025 acting as the SENCO.
#pragma once
#include <unistd.h>

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <filesystem>

#include "ops/operation.hpp"
#include "sync/ctf_import.hpp"

namespace ops_fixture {
using namespace sm;
namespace json = boost::json;
namespace fs = std::filesystem;

inline fs::path fresh(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("senmap-ops-tests-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto path = dir / name;
  for (auto suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return path;
}

struct School {
  store::Database db;
  ops::Context context;
  explicit School(const std::string& name)
      : db(fresh(name), true), context{db, "senco:test", *model::parse_date("2025-06-02"), {}} {
    REQUIRE(sync::import_ctf(db, std::string(SENMAP_FIXTURES) + "/ctf/ctf25_small.xml", {}).applied);
  }
  ops::CallResult call(const std::string& op, const std::string& request) { return ops::call(context, op, request); }
  // The fields of a refusal, in order.
  std::vector<std::string> refused_fields(const ops::CallResult& r) {
    std::vector<std::string> out;
    for (const auto& e : r.response.at("errors").as_array()) out.emplace_back(e.at("field").as_string());
    return out;
  }
};
using Status = ops::CallResult::Status;
}  // namespace ops_fixture
using namespace ops_fixture;
