// One operation through ops::call, as every door (C ABI, CLI, HTTP) runs it, on a fresh copy of the
// small fixture school with a provision, a placement, an assess-plan-do-review cycle and an EHC
// request already recorded (ids 1), so that reads and changes of them get past "no such ...".
// The input is the operation's name, a newline, then its JSON request (ops_json.dict lists the
// names, so mutations are not all refused at the name).
#include <cstdio>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "ops/operation.hpp"

namespace {
sm::ops::Context context_of(sm::store::Database& db) {
  return {db, "senco:fuzz", *sm::model::parse_date("2025-06-02"), {}};
}

void seed(sm::store::Database& db) {
  sm::fuzz::import_small_school(db);
  auto context = context_of(db);
  const char* steps[][2] = {
      {"provision.create",
       R"({"name":"Precision teaching","areas":["SPLD","Cognition and learning"],"wave":2,"delivered_by":"ta",
           "group_size":3,"sessions_per_week":3,"minutes_per_session":20,"weeks":12,"staff_hourly_cost":15.5})"},
      {"placement.start", R"({"upn":"A938412323001","provision_id":1,"start":"2025-01-06","baseline":"7y2m"})"},
      {"cycle.assess", R"({"upn":"A938412323001","date":"2025-01-06"})"},
      {"cycle.plan", R"({"cycle_id":1,"date":"2025-01-07","review_due":"2025-03-28",
           "targets":[{"target":"Read 20 key words","success_criteria":"two weeks running"}]})"},
      {"session.record", R"({"provision_id":1,"date":"2025-01-08","status":"delivered","present":["A938412323001"]})"},
      {"ehcp.request", R"({"upn":"P938412323002","la":"938","date":"2025-01-06"})"},
  };
  for (const auto& [name, request] : steps) {
    auto result = sm::ops::call(context, name, request);
    if (result.status != sm::ops::CallResult::Status::ok) {
      std::fprintf(stderr, "ops_json seed: %s refused\n", name);
      std::abort();
    }
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto input = sm::fuzz::as_text(data, size);
  auto newline = input.find('\n');
  if (newline == input.npos) return 0;
  sm::fuzz::FreshDatabase fresh(seed);
  auto context = context_of(fresh.db());
  auto result = sm::ops::call(context, input.substr(0, newline), input.substr(newline + 1));
  (void)result;
  return 0;
}
