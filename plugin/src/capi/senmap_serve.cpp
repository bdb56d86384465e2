// The HTTPS server (senmap serve): run until stopped, stop from any thread.
#include <filesystem>
#include <type_traits>

#include "capi/shim.hpp"
#include "http/server.hpp"

using sm::capi::Entry;

struct senmap_server {
  sm::http::Server* server;
};

namespace {

constexpr std::size_t first_serve_size = offsetof(senmap_serve_options, key_path) + sizeof(const char*);

// The config's [serve] settings for what the caller's options leave NULL or 0: the caller's win.
void fill_from_config(senmap_serve_options& opts, const sm::config::ServeSettings& serve,
                      std::vector<std::string>& keep) {
  auto text = [&](const char*& field, const std::string& value) {
    if ((!field || !*field) && !value.empty()) field = keep.emplace_back(value).c_str();
  };
  keep.reserve(5);
  text(opts.listen, serve.listen);
  text(opts.cert_path, serve.cert_file.string());
  text(opts.key_path, serve.key_file.string());
  text(opts.frame_ancestors, serve.frame_ancestors);
  auto number = [](auto& field, int value) {
    if (field == 0 && value > 0) field = static_cast<std::remove_reference_t<decltype(field)>>(value);
  };
  number(opts.threads, serve.threads);
  number(opts.request_timeout_ms, serve.request_timeout_seconds * 1000);
  number(opts.session_idle_seconds, serve.session_idle_minutes * 60);
  number(opts.session_absolute_seconds, serve.session_max_hours * 3600);
  number(opts.max_connections, serve.max_connections);
  number(opts.max_connections_per_address, serve.max_connections_per_address);
}

// The server's options from the caller's, or a refusal naming the one out of range.
int server_options_of(const Entry& entry, const senmap_serve_options& opts, sm::http::ServerOptions& out) {
  if (opts.listen && *opts.listen) out.listen = opts.listen;
  if (opts.cert_path) out.cert_path = opts.cert_path;
  if (opts.key_path) out.key_path = opts.key_path;
  if (opts.threads < 0 || opts.threads > 64) return entry.failed(SENMAP_EINVAL, "threads must be from 0 to 64");
  out.threads = opts.threads;
  if (opts.max_header_bytes) out.max_header_bytes = opts.max_header_bytes;
  if (opts.max_body_bytes) out.max_body_bytes = opts.max_body_bytes;
  if (opts.request_timeout_ms) out.request_timeout = std::chrono::milliseconds(opts.request_timeout_ms);
  out.handle_signals = opts.handle_signals != 0;
  if (opts.session_idle_seconds) out.session_idle = std::chrono::seconds(opts.session_idle_seconds);
  if (opts.session_absolute_seconds) out.session_absolute = std::chrono::seconds(opts.session_absolute_seconds);
  if (opts.frame_ancestors) out.frame_ancestors = opts.frame_ancestors;
  if (opts.max_connections > 100000) return entry.failed(SENMAP_EINVAL, "max_connections must be at most 100000");
  if (opts.max_connections) out.max_connections = static_cast<int>(opts.max_connections);
  if (opts.max_connections_per_address > 100000)
    return entry.failed(SENMAP_EINVAL, "max_connections_per_address must be at most 100000");
  if (opts.max_connections_per_address)
    out.max_connections_per_address = static_cast<int>(opts.max_connections_per_address);
  return SENMAP_OK;
}

}  // namespace

extern "C" {

SENMAP_API int senmap_serve_options_init(senmap_serve_options* options, uint32_t struct_size) {
  return sm::capi::guarded([&]() -> int {
    return sm::capi::init_options<senmap_serve_options>("senmap_serve_options_init", options, struct_size,
                                                        SENMAP_SERVE_OPTIONS_INIT, first_serve_size);
  });
}

SENMAP_API int senmap_serve(const senmap_serve_options* options) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_serve");
    if (!options) return entry.failed(SENMAP_EINVAL, "options is NULL (db_path or config_path is required)");
    senmap_serve_options opts = SENMAP_SERVE_OPTIONS_INIT;
    if (int rc = sm::capi::read_options(entry, options, opts, first_serve_size)) return rc;
    std::string path = opts.db_path ? opts.db_path : "";
    std::optional<sm::capi::SchoolSettings> settings;
    std::vector<std::string> from_config;  // keeps the config's texts alive while opts points at them
    if (opts.config_path && *opts.config_path) {
      std::string configured;
      sm::config::ServeSettings serve;
      if (int rc = sm::capi::read_config(opts.config_path, configured, settings, &serve); rc != SENMAP_OK) return rc;
      if (path.empty()) path = configured;
      fill_from_config(opts, serve, from_config);
    }
    if (path.empty()) return entry.failed(SENMAP_EINVAL, "options.db_path is empty (and no config_path)");
    if (!opts.check_only) {
      sm::store::Database db(path, false);  // brings the schema up to date once, before the workers open it
      if (settings) settings->record(db);
    } else if (!std::filesystem::exists(path)) {
      return entry.failed(SENMAP_EIO, "the database " + path + " does not exist (senmap sync makes it)");
    }
    sm::http::ServerOptions server_options;
    server_options.database = path;
    server_options.check_only = opts.check_only != 0;
    if (int rc = server_options_of(entry, opts, server_options)) return rc;
    std::unique_ptr<sm::http::Server> server;
    try {
      server = std::make_unique<sm::http::Server>(server_options);
    } catch (const sm::http::ServerError& e) {
      bool in_use = std::string(e.what()).find("cannot listen") != std::string::npos;
      return sm::capi::fail(in_use ? SENMAP_EIO : SENMAP_EINVAL, e.what());
    }
    if (opts.check_only) return SENMAP_OK;
    senmap_server handle{server.get()};
    if (opts.ready) opts.ready(&handle, server->url().c_str(), opts.ready_payload);
    server->run();
    return SENMAP_OK;
  });
}

SENMAP_API void senmap_server_stop(senmap_server* server) {
  if (!server || !server->server) return;
  try {
    server->server->stop();
  } catch (...) {
  }
}

}  // extern "C"
