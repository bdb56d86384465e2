// The outbox and writeback: items queued with what created them, delivered once per target,
// a lost acknowledgement never making a duplicate, retries bounded, the dead-letter reached.
#include <fstream>
#include <sstream>
#include <thread>

#include "ops_fixture.hpp"
#include "rules/flag_store.hpp"
#include "writeback/writeback_run.hpp"

namespace {

using namespace std::chrono;

// Items are queued at the real time: writeback runs in the tests are an hour after it, and on.
sys_seconds later(int hours_after) {
  return floor<seconds>(system_clock::now()) + hours{hours_after};
}

std::vector<std::string> lines_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::int64_t count(store::Database& db, const std::string& where) {
  auto s = db.prepare("SELECT COUNT(*) FROM outbox WHERE " + where);
  s.step();
  return s.integer(0);
}

// A target that fails as the test says: an error, a Retry-After, or an exception.
struct FaultyTarget : writeback::Target {
  int calls = 0;
  std::optional<int> retry_after;
  bool throws = false;
  bool holds(const writeback::OutboxItem&) override { return false; }
  writeback::Delivery deliver(const writeback::OutboxItem&) override {
    ++calls;
    if (throws) throw std::runtime_error("the MIS's connector crashed");
    return {false, "503 Service Unavailable", retry_after};
  }
};

}  // namespace

TEST_CASE("Flags and notes reach the CSV writeback file once, however often writeback runs", "[unit]") {
  School school("writeback.db");
  auto file = fresh("writeback.csv");
  fs::remove(file);
  writeback::set_targets(school.db, {{"csv", "csv", file.string()}});
  auto flags = rules::run_rules(school.db, school.context.today, {}, school.context.clock);
  REQUIRE(flags.raised > 0);
  CHECK(count(school.db, "status = 'pending' AND kind = 'flag_raised'") == flags.raised);  // queued with the flags
  auto note = school.call(
      "notes.add", R"j({"upn":"A938412323001","type":"meeting","visibility":"senco","body":"=HYPERLINK(\"x\")"})j");
  REQUIRE(note.status == Status::ok);
  CHECK(school.refused_fields(school.call(
            "notes.add", R"({"upn":"A938412323001","type":"gossip","visibility":"everyone","body":"x"})")) ==
        std::vector<std::string>{"type", "visibility"});

  std::mt19937_64 random{1};
  auto targets = writeback::configured_targets(school.db);
  auto first = writeback::run_writeback(school.db, targets, later(1), {}, random);
  CHECK(first["csv"].delivered == flags.raised + 1);
  auto lines = lines_of(file);
  REQUIRE(lines.size() == static_cast<std::size_t>(flags.raised + 2));  // the header and one row an item
  CHECK_THAT(lines[0], Catch::Contains("idempotency_key,kind,upn,date,rule,severity,text"));
  CHECK_THAT(lines.back(),
             Catch::Contains(",note,A938412323001,2025-06-02,,,\"'=HYPERLINK(\"\"x\"\")\""));  // formula neutralised

  // Nothing new: nothing written.
  auto again = writeback::run_writeback(school.db, targets, later(2), {}, random);
  CHECK(again["csv"].delivered == 0);
  CHECK(lines_of(file).size() == lines.size());
  // The write happened but its acknowledgement was lost (a crash between the two): the next run
  // finds the item already in the file and does not write it twice.
  school.db.exec("UPDATE outbox SET status = 'pending', delivered_at = NULL WHERE id = (SELECT MAX(id) FROM outbox)");
  auto fresh_targets = writeback::configured_targets(school.db);  // a new process reads the file afresh
  auto recovered = writeback::run_writeback(school.db, fresh_targets, later(3), {}, random);
  CHECK(recovered["csv"].already_there == 1);
  CHECK(recovered["csv"].delivered == 0);
  CHECK(lines_of(file).size() == lines.size());
}

TEST_CASE("A failing target is retried with capped backoff and full jitter, then dead-lettered with its error",
          "[unit]") {
  School school("writeback-faulty.db");
  writeback::set_targets(school.db, {{"mis", "csv", "/nonexistent-folder/writeback.csv"}});
  REQUIRE(school.call("notes.add", R"({"upn":"A938412323001","type":"general","visibility":"senco","body":"hello"})")
              .status == Status::ok);
  std::mt19937_64 random{7};
  auto targets = writeback::configured_targets(school.db);
  writeback::RetryPolicy policy;
  auto now = later(1);
  auto run = writeback::run_writeback(school.db, targets, now, policy, random);
  CHECK(run["mis"].failed == 1);
  auto item = writeback::list_outbox(school.db).front();
  CHECK(item.attempts == 1);
  CHECK_THAT(*item.last_error, Catch::Contains("/nonexistent-folder/writeback.csv"));
  CHECK(item.next_attempt_at >= model::format_utc(now));
  CHECK(item.next_attempt_at <= model::format_utc(now + seconds{policy.base_seconds}));  // up to the first ceiling
  // Not due yet: a run before then leaves it waiting.
  CHECK(writeback::run_writeback(school.db, targets, now, policy, random)["mis"].waiting == 1);
  // Each later run after the cap: attempts grow until the dead-letter list, never beyond.
  for (int i = 1; i < policy.max_attempts; ++i) {
    now += hours{7};
    writeback::run_writeback(school.db, targets, now, policy, random);
  }
  item = writeback::list_outbox(school.db).front();
  CHECK(item.status == "dead");
  CHECK(item.attempts == policy.max_attempts);
  CHECK_THAT(*item.last_error, Catch::EndsWith("(gave up after 8 attempts)"));
  now += hours{7};
  CHECK(writeback::run_writeback(school.db, targets, now, policy, random)["mis"].delivered == 0);
  CHECK(count(school.db, "status = 'dead'") == 1);
}

TEST_CASE("Retry-After is honoured and a throwing target is a failing one", "[unit]") {
  School school("writeback-retry-after.db");
  writeback::set_targets(school.db, {{"mis", "csv", "unused.csv"}});
  REQUIRE(school.call("notes.add", R"({"upn":"A938412323001","type":"general","visibility":"senco","body":"hello"})")
              .status == Status::ok);
  auto faulty = std::make_unique<FaultyTarget>();
  faulty->retry_after = 3600;
  auto* target = faulty.get();
  std::map<std::string, std::unique_ptr<writeback::Target>> targets;
  targets["mis"] = std::move(faulty);
  std::mt19937_64 random{3};
  auto now = later(1);
  writeback::run_writeback(school.db, targets, now, {}, random);
  auto item = writeback::list_outbox(school.db).front();
  CHECK(item.next_attempt_at >= model::format_utc(now + seconds{3600}));
  CHECK(*item.last_error == "503 Service Unavailable");
  target->throws = true;
  writeback::run_writeback(school.db, targets, now + hours{2}, {}, random);
  item = writeback::list_outbox(school.db).front();
  CHECK(item.attempts == 2);
  CHECK(*item.last_error == "the MIS's connector crashed");
  CHECK(target->calls == 2);
}

TEST_CASE("Needs and a status agreed at a review are queued for the MIS with the change", "[unit]") {
  School school("writeback-review.db");
  auto file = fresh("review-writeback.csv");
  fs::remove(file);
  writeback::set_targets(school.db, {{"csv", "csv", file.string()}});
  REQUIRE(
      school
          .call("needs.set", R"({"upn":"A938412323001","date":"2025-05-01","needs":[{"code":"ASD"},{"code":"SLCN"}]})")
          .status == Status::ok);
  auto cycle = std::to_string(
      school.call("cycle.assess", R"({"upn":"T938412323004","date":"2025-03-03"})").response.at("id").as_int64());
  auto plan = school.call("cycle.plan", R"({"cycle_id":)" + cycle + R"(,"date":"2025-03-04","review_due":"2025-05-01",
      "targets":[{"target":"t","success_criteria":"c"}]})");
  auto target = std::to_string(plan.response.at("plan").at("targets").at(0).at("id").as_int64());
  REQUIRE(school
              .call("cycle.review", R"({"cycle_id":)" + cycle + R"(,"date":"2025-05-01","next_step":"leave_register",
      "targets":[{"id":)" + target + R"(,"result":"achieved"}]})")
              .status == Status::ok);
  auto items = writeback::list_outbox(school.db, "pending");
  REQUIRE(items.size() == 2);
  CHECK(items[0].kind == "needs_changed");
  CHECK(items[1].kind == "status_change");
  std::mt19937_64 random{1};
  auto targets = writeback::configured_targets(school.db);
  writeback::run_writeback(school.db, targets, later(1), {}, random);
  auto lines = lines_of(file);
  REQUIRE(lines.size() == 3);
  CHECK_THAT(lines[1], Catch::Contains("needs_changed,A938412323001,2025-05-01,,,needs agreed: ASD (1) SLCN (2)"));
  CHECK_THAT(lines[2],
             Catch::Contains(
                 "status_change,T938412323004,2025-05-01,,,SEN status N: the review of 2025-05-01 agreed to leave"));
}

namespace {

// An MIS that takes no idempotency key (so senmap checks before writing), misbehaving as told:
// each delivery takes the next fault from the script, then behaves.
enum class Fault { none, timeout_after_applying, timeout_before_applying, drops_acknowledgement, unavailable, slow };
struct KeylessMis : writeback::Target {
  std::map<std::string, int> applied;  // what the MIS holds: times each item was written
  std::vector<Fault> script;
  std::size_t next = 0;
  int deliveries = 0;
  std::chrono::milliseconds slowness{0};
  bool holds(const writeback::OutboxItem& item) override { return applied.count(item.idempotency_key) > 0; }
  writeback::Delivery deliver(const writeback::OutboxItem& item) override {
    ++deliveries;
    auto fault = next < script.size() ? script[next++] : Fault::none;
    switch (fault) {
      case Fault::timeout_before_applying:
        throw writeback::NoAnswer("no answer within 10 s");
      case Fault::timeout_after_applying:
        ++applied[item.idempotency_key];
        throw writeback::NoAnswer("no answer within 10 s");
      case Fault::drops_acknowledgement:
        ++applied[item.idempotency_key];
        return {false, "connection reset before the answer", std::nullopt, true};
      case Fault::unavailable:
        return {false, "503 Service Unavailable", std::nullopt, false};
      case Fault::slow:
        std::this_thread::sleep_for(slowness);
        break;
      case Fault::none:
        break;
    }
    ++applied[item.idempotency_key];
    return {true, "", std::nullopt, false};
  }
};

void add_notes(School& school, int n) {
  for (int i = 0; i < n; ++i)
    REQUIRE(school
                .call("notes.add", R"({"upn":"A938412323001","type":"general","visibility":"senco","body":"note )" +
                                       std::to_string(i) + R"("})")
                .status == Status::ok);
}

}  // namespace

TEST_CASE("Timeouts, lost acknowledgements and errors never make a duplicate, and retries are bounded", "[unit]") {
  School school("writeback-keyless.db");
  writeback::set_targets(school.db, {{"mis", "csv", "unused.csv"}});
  add_notes(school, 6);
  auto owned = std::make_unique<KeylessMis>();
  auto* mis = owned.get();
  mis->script = {Fault::timeout_after_applying,
                 Fault::timeout_before_applying,
                 Fault::drops_acknowledgement,
                 Fault::unavailable,
                 Fault::timeout_after_applying,
                 Fault::drops_acknowledgement,
                 Fault::unavailable};
  std::map<std::string, std::unique_ptr<writeback::Target>> targets;
  targets["mis"] = std::move(owned);
  std::mt19937_64 random{11};
  writeback::RetryPolicy policy;
  auto now = later(1);
  auto first = writeback::run_writeback(school.db, targets, now, policy, random);
  CHECK(first["mis"].failed == 6);  // the script's first six faults, one an item
  auto timed_out = writeback::list_outbox(school.db).front();
  CHECK_THAT(*timed_out.last_error,
             Catch::Contains("no answer within 10 s (the MIS may have applied it: the next attempt checks first)"));
  for (int run = 0; run < policy.max_attempts && !writeback::list_outbox(school.db, "pending").empty(); ++run) {
    now += std::chrono::hours{7};
    writeback::run_writeback(school.db, targets, now, policy, random);
  }
  // Every item reached the MIS exactly once; the four it applied without a good answer were found
  // there on the next attempt, not written again.
  CHECK(mis->applied.size() == 6);
  for (const auto& [key, times] : mis->applied) CHECK(times == 1);
  auto items = writeback::list_outbox(school.db);
  CHECK(std::all_of(items.begin(), items.end(),
                    [](const auto& i) { return i.status == "delivered" && i.attempts <= 3; }));
  // First tries; then only the two never applied were resent (one met the last 503), and once more.
  CHECK(mis->deliveries == 6 + 2 + 1);
}

TEST_CASE("A target that never answers is dead-lettered with a readable reason after the bounded retries", "[unit]") {
  School school("writeback-silent.db");
  writeback::set_targets(school.db, {{"mis", "csv", "unused.csv"}});
  add_notes(school, 1);
  auto owned = std::make_unique<KeylessMis>();
  auto* mis = owned.get();
  mis->script.assign(100, Fault::timeout_before_applying);
  std::map<std::string, std::unique_ptr<writeback::Target>> targets;
  targets["mis"] = std::move(owned);
  std::mt19937_64 random{5};
  writeback::RetryPolicy policy;
  auto now = later(1);
  for (int run = 0; run < 20; ++run, now += std::chrono::hours{7})
    writeback::run_writeback(school.db, targets, now, policy, random);
  auto item = writeback::list_outbox(school.db).front();
  CHECK(item.status == "dead");
  CHECK(item.attempts == policy.max_attempts);
  CHECK(mis->deliveries == policy.max_attempts);  // bounded: nothing after the dead-letter list
  CHECK(
      *item.last_error ==
      "no answer within 10 s (the MIS may have applied it: the next attempt checks first) (gave up after 8 attempts)");
  CHECK(mis->applied.empty());
}

TEST_CASE("A slow target gets no more items this run, and a spent run leaves the rest for the next", "[unit]") {
  School school("writeback-slow.db");
  writeback::set_targets(school.db, {{"mis", "csv", "unused.csv"}});
  add_notes(school, 5);
  auto owned = std::make_unique<KeylessMis>();
  auto* mis = owned.get();
  mis->script = {Fault::none, Fault::slow};
  mis->slowness = std::chrono::milliseconds{120};
  std::map<std::string, std::unique_ptr<writeback::Target>> targets;
  targets["mis"] = std::move(owned);
  std::mt19937_64 random{2};
  writeback::RetryPolicy policy;
  policy.slow_answer = std::chrono::milliseconds{50};
  auto run = writeback::run_writeback(school.db, targets, later(1), policy, random)["mis"];
  // The slow answer still counts (the item was delivered); the other three wait, no attempt spent.
  CHECK(run.delivered == 2);
  CHECK(run.deferred == 3);
  CHECK_THAT(run.stopped_why, Catch::Contains("to answer (slower than 0.1 s): the rest wait for the next run"));
  auto pending = writeback::list_outbox(school.db, "pending");
  CHECK(pending.size() == 3);
  CHECK(std::all_of(pending.begin(), pending.end(), [](const auto& i) { return i.attempts == 0; }));
  auto summary = boost::json::serialize(writeback::writeback_json({{"mis", run}}));
  CHECK_THAT(summary, Catch::Contains(R"("deferred":3)"));
  // The next run finishes the work.
  CHECK(writeback::run_writeback(school.db, targets, later(2), policy, random)["mis"].delivered == 3);
  // A run with no time left sends nothing and says so.
  add_notes(school, 2);
  policy.run_budget = std::chrono::milliseconds{0};
  auto spent = writeback::run_writeback(school.db, targets, later(3), policy, random)["mis"];
  CHECK(spent.deferred == 2);
  CHECK(spent.delivered == 0);
  CHECK_THAT(spent.stopped_why, Catch::StartsWith("the run's time (0.0 s) was spent"));
  CHECK(mis->applied.size() == 5);
}
