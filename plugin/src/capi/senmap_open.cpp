// Opening and closing a database handle.
#include "capi/shim.hpp"

using sm::capi::Entry;

extern "C" {

SENMAP_API int senmap_options_init(senmap_options* options, uint32_t struct_size) {
  return sm::capi::guarded([&]() -> int {
    return sm::capi::init_options<senmap_options>("senmap_options_init", options, struct_size, SENMAP_OPTIONS_INIT,
                                                  offsetof(senmap_options, db_path) + sizeof(const char*));
  });
}

SENMAP_API int senmap_open(senmap** out, const senmap_options* options) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_open");
    if (!entry.out(out, "out")) return entry.refused();
    if (!options) return entry.failed(SENMAP_EINVAL, "options is NULL (db_path is required)");
    senmap_options opts = SENMAP_OPTIONS_INIT;
    if (int rc = sm::capi::read_options(entry, options, opts, offsetof(senmap_options, db_path) + sizeof(const char*)))
      return rc;
    std::string path = opts.db_path ? opts.db_path : "";
    std::optional<sm::capi::SchoolSettings> settings;
    if (path.empty() && opts.config_path && *opts.config_path)
      if (int rc = sm::capi::read_config(opts.config_path, path, settings); rc != SENMAP_OK) return rc;
    if (path.empty()) return entry.failed(SENMAP_EINVAL, "options.db_path is empty (and no config_path)");
    auto handle = std::make_unique<senmap>();
    handle->db = std::make_unique<sm::store::Database>(path, (opts.flags & SENMAP_OPEN_CREATE) != 0);
    if (settings) settings->record(*handle->db);
    handle->actor = opts.actor && *opts.actor ? opts.actor : "unknown";
    *out = handle.release();
    return SENMAP_OK;
  });
}

SENMAP_API void senmap_close(senmap* db) {
  delete db;
}

}  // extern "C"
