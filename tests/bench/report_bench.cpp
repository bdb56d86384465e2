// Report generation for a whole school against importing it, in one process (no start-up costs
// on either side). Usage: senmap_bench_reports DEMO_DB CTF_FILE
// DEMO_DB: a database `senmap demo` made (its provision map recorded); CTF_FILE: the same school.
#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "ops/operation.hpp"
#include "report/register_report.hpp"
#include "sync/ctf_import.hpp"

namespace {
double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DEMO_DB CTF_FILE\n", argv[0]);
    return 2;
  }
  namespace fs = std::filesystem;
  auto scratch = fs::temp_directory_path() / "senmap-report-bench.db";
  for (auto suffix : {"", "-wal", "-shm"}) fs::remove(scratch.string() + suffix);

  auto t0 = std::chrono::steady_clock::now();
  {
    sm::store::Database fresh(scratch, true);
    auto report = sm::sync::import_ctf(fresh, argv[2], {});
    if (!report.applied) return 1;
  }
  double import_seconds = seconds_since(t0);

  sm::store::Database db(argv[1], false);
  sm::ops::Context context{db, "bench", *sm::model::parse_date("2026-07-22"), {}};
  std::vector<std::string> classes;
  auto list = db.prepare("SELECT sourced_id FROM school_class WHERE ended_on IS NULL");
  while (list.step()) classes.push_back(list.text(0));

  t0 = std::chrono::steady_clock::now();
  std::size_t pupils_on_maps = 0;
  for (const auto& id : classes) {
    auto r = sm::ops::call(context, "report.class_map", "{\"class_id\":\"" + id + "\"}");
    pupils_on_maps += r.response.at("pupils").as_array().size();
  }
  double maps = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  auto impact = sm::ops::call(context, "report.impact", "{}");
  double impact_seconds = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  auto calendar = sm::ops::call(context, "report.review_calendar", "{}");
  auto summary = sm::report::register_summary_json(sm::report::load_register(db, context.today), sm::report::load_roll(db));
  double rest = seconds_since(t0);
  double reports = maps + impact_seconds + rest;

  std::printf("Report generation vs import, 2,000-pupil demo school, one process\n\n");
  std::printf("  import of the school's CTF (empty db)      %8.1f ms\n", import_seconds * 1000);
  std::printf("  class provision maps (%zu classes, %zu rows) %8.1f ms\n", classes.size(), pupils_on_maps, maps * 1000);
  std::printf("  impact of every provision                  %8.1f ms\n", impact_seconds * 1000);
  std::printf("  review calendar + register summary         %8.1f ms\n", rest * 1000);
  std::printf("  all reports / import                       %8.2fx  (target < 1)\n", reports / import_seconds);
  for (auto suffix : {"", "-wal", "-shm"}) fs::remove(scratch.string() + suffix);
  (void)calendar;
  (void)summary;
  return 0;
}
