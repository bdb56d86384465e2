// The nightly sync of every configured source.
#include "capi/shim.hpp"
#include "capi/sync_summary_json.hpp"
#include "config/sync_config.hpp"
#include "report/json_text.hpp"
#include "sync/sync_run.hpp"

using sm::capi::Entry;

extern "C" {

SENMAP_API int senmap_sync_options_init(senmap_sync_options* options, uint32_t struct_size) {
  return sm::capi::guarded([&]() -> int {
    return sm::capi::init_options<senmap_sync_options>("senmap_sync_options_init", options, struct_size,
                                                       SENMAP_SYNC_OPTIONS_INIT, sizeof(uint32_t));
  });
}

SENMAP_API int senmap_sync(char** out_summary, const char* config_path, const senmap_sync_options* options) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_sync");
    if (!entry.out(out_summary, "out_summary") || !entry.text(config_path, "config_path")) return entry.refused();
    senmap_sync_options opts = SENMAP_SYNC_OPTIONS_INIT;
    if (int rc = sm::capi::read_options(entry, options, opts, sizeof(uint32_t))) return rc;
    auto loaded = sm::config::load_sync_config(config_path);
    if (!loaded.problems.empty()) {
      int rc = sm::capi::give(out_summary, sm::report::json_text(sm::capi::config_problems_json(loaded.problems)));
      if (rc != SENMAP_OK) return rc;
      return sm::capi::fail(SENMAP_ECONFIG, std::string(config_path) + ": " + std::to_string(loaded.problems.size()) +
                                                " problem(s); first: " + loaded.problems.front().rule);
    }
    sm::sync::SyncOptions sync_options;
    sync_options.today = sm::model::format_date(sm::capi::today());
    sync_options.full = opts.full != 0;
    if (opts.progress) {
      sync_options.progress = [&opts](const std::string& source, std::size_t done, std::size_t total) {
        opts.progress(source.c_str(), done, total, opts.progress_payload);
      };
    }
    if (opts.host_source) {
      sync_options.host_source = [&opts](const sm::model::SchoolRef& school) -> std::optional<std::string> {
        auto number = school.la + school.estab;
        const char* batch = opts.host_source(number.c_str(), opts.host_source_payload);
        if (!batch) return std::nullopt;
        return std::string(batch);
      };
    }
    auto summary = sm::sync::run_sync(loaded.config, sync_options);
    int rc = sm::capi::give(out_summary, sm::report::json_text(sm::capi::sync_summary_json(loaded.config, summary)));
    if (rc != SENMAP_OK) return rc;
    if (summary.lock_refused) return sm::capi::fail(SENMAP_EBUSY, summary.lock_message);
    if (!summary.finish_error.empty())
      return sm::capi::fail(SENMAP_EPARTIAL, "the sync could not finish: " + summary.finish_error);
    if (summary.failed() > 0)
      return sm::capi::fail(SENMAP_EPARTIAL, std::to_string(summary.failed()) + " of " +
                                                 std::to_string(summary.sources.size()) +
                                                 " source(s) failed: see the summary");
    return SENMAP_OK;
  });
}

}  // extern "C"
