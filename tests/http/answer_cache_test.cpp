// What a worker keeps between requests (http/answer_cache.hpp): only the listed GET routes, keyed by
// everything their answer depends on, forgotten when the data version moves, and bounded.
#include "http/answer_cache.hpp"

#include <catch2/catch.hpp>

using namespace sm::http;
using sm::ops::Actor;
using sm::ops::Role;
using sm::ops::StaffMember;

namespace {
const Route& route_named(const std::string& method, const std::string& path) {
  for (const auto& r : routes())
    if (r.method == method && r.path == path) return r;
  FAIL("no route " + method + " " + path);
  throw;
}

Actor teacher(std::int64_t id) {
  Actor a;
  a.staff.id = id;
  a.role = Role::teacher;
  return a;
}

AnswerCache::KeptAnswer answer_of(std::size_t bytes) {
  AnswerCache::KeptAnswer kept;
  kept.response.body.assign(bytes, 'x');
  return kept;
}
}  // namespace

TEST_CASE("Only the class map routes' GETs are kept, keyed by viewer, role, session, day and target", "[unit]") {
  const auto& page = route_named("GET", "/classes/{class_id}/map");
  const auto& json = route_named("GET", "/api/classes/{class_id}/provision-map");
  auto key = AnswerCache::key_for(page, teacher(1), "", "2026-11-30", "/classes/cls-7a/map");
  REQUIRE(key);
  CHECK(AnswerCache::key_for(json, teacher(1), "", "2026-11-30", "/api/classes/cls-7a/provision-map"));
  CHECK(*key != *AnswerCache::key_for(page, teacher(2), "", "2026-11-30", "/classes/cls-7a/map"));
  CHECK(*key != *AnswerCache::key_for(page, teacher(1), "csrf-a", "2026-11-30", "/classes/cls-7a/map"));
  CHECK(*key != *AnswerCache::key_for(page, teacher(1), "", "2026-12-01", "/classes/cls-7a/map"));
  CHECK(*key != *AnswerCache::key_for(page, teacher(1), "", "2026-11-30", "/classes/cls-7a/map?recorded=review"));
  auto senco = teacher(1);
  senco.role = Role::senco;
  CHECK(*key != *AnswerCache::key_for(page, senco, "", "2026-11-30", "/classes/cls-7a/map"));
  // A pupil's page, the audit trail and every change are answered afresh each time.
  CHECK_FALSE(AnswerCache::key_for(route_named("GET", "/pupils/{upn}"), teacher(1), "", "2026-11-30", "/pupils/A"));
  CHECK_FALSE(
      AnswerCache::key_for(route_named("GET", "/pupils/{upn}/audit"), teacher(1), "", "2026-11-30", "/pupils/A/audit"));
  CHECK_FALSE(
      AnswerCache::key_for(route_named("POST", "/classes/{class_id}/map/read"), teacher(1), "", "2026-11-30", "/x"));
}

TEST_CASE("Kept answers and actors are forgotten when the data version moves, and bounded in bytes", "[unit]") {
  AnswerCache cache;
  cache.check(7);
  cache.keep_answer("a", answer_of(100));
  cache.keep_actor("token:x", {teacher(1), "2027-01-01T00:00:00Z"});
  cache.check(7);
  CHECK(cache.answer("a"));
  CHECK(cache.actor("token:x"));
  cache.check(8);  // any commit to the database
  CHECK_FALSE(cache.answer("a"));
  CHECK_FALSE(cache.actor("token:x"));

  cache.keep_answer("whole school", answer_of((1u << 20) + 1));  // over 1 MB: never kept
  CHECK_FALSE(cache.answer("whole school"));
  for (int i = 0; i < 16; ++i) cache.keep_answer("map " + std::to_string(i), answer_of(1u << 20));  // 16 MB kept
  CHECK(cache.answer("map 0"));
  cache.keep_answer("map 16", answer_of(1u << 20));  // past 16 MB: starts again
  CHECK_FALSE(cache.answer("map 0"));
  CHECK(cache.answer("map 16"));
}
