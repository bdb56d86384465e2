#include "config/serve_config.hpp"

#include "config/table_reader.hpp"

namespace sm::config {

void read_serve(const toml::table& table, const std::filesystem::path& base, ConfigResult& out,
                const std::filesystem::path& file) {
  TableReader reader(table, "serve", out, file);
  reader.allow({"listen", "cert_file", "key_file", "frame_ancestors", "threads", "request_timeout_seconds",
                "session_idle_minutes", "session_max_hours", "max_connections", "max_connections_per_address"});
  auto& serve = out.config.serve;
  serve.listen = reader.text("listen", false);
  auto path = [&](std::string_view key) {
    std::filesystem::path given = reader.text(key, false);
    if (given.empty() || given.is_absolute()) return given;
    return base / given;
  };
  serve.cert_file = path("cert_file");
  serve.key_file = path("key_file");
  if (serve.cert_file.empty() != serve.key_file.empty())
    reader.problem(table, serve.cert_file.empty() ? "cert_file" : "key_file",
                   "HTTPS needs both cert_file and key_file (or neither: plain HTTP on loopback only)");
  // Origins, as a list (["https://mis.example.org"]) or one space-separated string.
  if (const auto* node = table.get("frame_ancestors")) {
    if (const auto* list = node->as_array()) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        const auto* origin = (*list)[i].as_string();
        if (!origin) {
          reader.problem(*node, "frame_ancestors", "must be a list of origins, e.g. [\"https://mis.example.org\"]");
          break;
        }
        serve.frame_ancestors += (serve.frame_ancestors.empty() ? "" : " ") + origin->get();
      }
    } else {
      serve.frame_ancestors = reader.text("frame_ancestors", false);
    }
  }
  auto number = [&](std::string_view key, int& into, int min, int max) {
    if (auto n = reader.number(key, min, max)) into = static_cast<int>(*n);
  };
  number("threads", serve.threads, 1, 64);
  number("request_timeout_seconds", serve.request_timeout_seconds, 1, 300);
  number("session_idle_minutes", serve.session_idle_minutes, 1, 24 * 60);
  number("session_max_hours", serve.session_max_hours, 1, 7 * 24);
  number("max_connections", serve.max_connections, 1, 100000);
  number("max_connections_per_address", serve.max_connections_per_address, 1, 100000);
}

}  // namespace sm::config
