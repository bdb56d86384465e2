// Data the host already holds, pushed as a senmap.ingest/1 batch instead of a file on disk.
#include "capi/import_report_json.hpp"
#include "capi/shim.hpp"
#include "report/json_text.hpp"
#include "sync/host_ingest.hpp"

using sm::capi::Entry;

extern "C" {

SENMAP_API int senmap_ingest(char** out_report, senmap* db, const char* batch_json) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_ingest");
    if (!entry.out(out_report, "out_report") || !entry.handle(db) || !entry.text(batch_json, "batch_json"))
      return entry.refused();
    sm::sync::IngestOptions options;
    options.today = sm::model::format_date(sm::capi::today());
    auto report = sm::sync::ingest_batch(*db->db, batch_json, options);
    int rc = sm::capi::give(out_report, sm::report::json_text(sm::capi::import_report_json(report)));
    if (rc != SENMAP_OK) return rc;
    if (report.refused({})) {
      const auto& first = report.problems.front();
      return entry.failed(SENMAP_EBADINPUT, "batch refused, " + std::to_string(report.problems.size()) +
                                                " problem(s); first: " + (first.path.empty() ? "" : first.path + ": ") +
                                                first.rule);
    }
    return SENMAP_OK;
  });
}

}  // extern "C"
