// A host's senmap.ingest/1 batch (sync::ingest_batch: parse, check every pupil, apply in one
// transaction) into a fresh database holding the fixture school, twice: the second must change
// nothing. senmap must never give out invalid UTF-8, whatever the batch held: every problem is checked.
#include "fuzz_support.hpp"
#include "model/utf8.hpp"
#include "sync/host_ingest.hpp"

namespace {
void check_text(const sm::sync::ImportReport& report) {
  for (const auto* list : {&report.problems, &report.warnings})
    for (const auto& p : *list)
      for (const auto* text : {&p.file, &p.path, &p.upn, &p.value, &p.rule, &p.record})
        if (sm::model::first_invalid_utf8(*text)) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sm::fuzz::FreshDatabase fresh(sm::fuzz::import_small_school);
  sm::sync::IngestOptions options;
  options.today = "2026-12-05";
  options.lenient = size % 2 == 1;
  auto batch = sm::fuzz::as_text(data, size);
  auto first = sm::sync::ingest_batch(fresh.db(), batch, options);
  check_text(first);
  if (first.applied) {
    auto again = sm::sync::ingest_batch(fresh.db(), batch, options);
    if (!again.skipped_unchanged || again.added + again.changed + again.left != 0) __builtin_trap();
  }
  return 0;
}
