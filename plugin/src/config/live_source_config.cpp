#include "config/live_source_config.hpp"

#include <algorithm>
#include <vector>

namespace sm::config {
namespace {

// The keys every live kind shares: where, the CA, the limits.
std::vector<std::string_view> keys_for(const std::string& kind) {
  std::vector<std::string_view> keys = {
      "kind",           "url",           "ca_file",   "connect_timeout", "read_timeout",
      "request_budget", "max_in_flight", "max_pages", "page_size",       "lenient"};
  if (kind == "xporter") keys.insert(keys.end(), {"estab", "relying_party", "secret_file", "secret_env"});
  if (kind == "wonde") keys.insert(keys.end(), {"school_id", "token_file", "token_env"});
  if (kind == "arbor")
    keys.insert(keys.end(), {"user", "password_file", "password_env", "application_id", "writeback", "flags_field"});
  return keys;
}

// The secret: exactly one of `<name>_file` (owner-only, checked when the sync reads it) or
// `<name>_env` (an environment variable's name).
void read_secret_ref(TableReader& reader, const std::string& name, const std::filesystem::path& base,
                     LiveSettings& live) {
  auto file_key = name + "_file", env_key = name + "_env";
  auto file = reader.text(file_key, false);
  auto env = reader.text(env_key, false);
  if (!file.empty() && !env.empty())
    reader.problem(reader.table(), env_key, "give " + file_key + " or " + env_key + ", not both");
  else if (file.empty() && env.empty())
    reader.problem(reader.table(), file_key,
                   "required key is missing (or " + env_key + ": an environment variable's name)");
  live.secret.file = file.empty() ? "" : resolve(base, file).string();
  live.secret.env = env;
  live.secret.key = file.empty() ? env_key : file_key;
}

// Only https://, or http:// to this machine (the tests' fakes): pupils' data never travels in clear.
void check_url(TableReader& reader, const std::string& url) {
  bool https = url.rfind("https://", 0) == 0;
  bool local_http =
      url.rfind("http://127.", 0) == 0 || url.rfind("http://localhost", 0) == 0 || url.rfind("http://[::1]", 0) == 0;
  if (!https && !local_http)
    reader.problem(*reader.table().get("url"), "url",
                   "must be an https:// address (plain http:// only to this machine)");
}

}  // namespace

const char* kind_text(SourceKind kind) {
  switch (kind) {
    case SourceKind::ctf_folder:
      return "ctf-folder";
    case SourceKind::oneroster:
      return "oneroster";
    case SourceKind::xporter:
      return "xporter";
    case SourceKind::wonde:
      return "wonde";
    case SourceKind::arbor:
      return "arbor";
    case SourceKind::host:
      return "host";
  }
  return "unknown";
}

bool is_live_kind(const std::string& kind) {
  return kind == "xporter" || kind == "wonde" || kind == "arbor";
}

void read_live_source(TableReader& reader, const std::string& kind, const School& school, Source& source,
                      const std::filesystem::path& base) {
  auto keys = keys_for(kind);
  for (const auto& [key, node] : reader.table())
    if (std::find(keys.begin(), keys.end(), key.str()) == keys.end()) {
      std::string allowed;
      for (auto k : keys) allowed.append(allowed.empty() ? "" : ", ").append(k);
      reader.problem(node, key.str(),
                     ("unknown key for a " + kind).append(" source (allowed: ").append(allowed).append(")"));
    }
  auto& live = source.live;
  source.kind = kind == "xporter" ? SourceKind::xporter : kind == "wonde" ? SourceKind::wonde : SourceKind::arbor;
  source.lenient = reader.flag("lenient");
  live.url = reader.text("url", kind == "arbor");
  if (live.url.empty())
    live.url = kind == "xporter" ? "https://xporter.groupcall.com" : "https://api.wonde.com/v1.0";
  else
    check_url(reader, live.url);
  while (!live.url.empty() && live.url.back() == '/') live.url.pop_back();
  auto ca = reader.text("ca_file", false);
  if (!ca.empty()) live.ca_file = resolve(base, ca).string();

  if (kind == "xporter") {
    live.estab = reader.text("estab", true);
    live.relying_party = reader.text("relying_party", true);
    if (!live.estab.empty() && !digits(live.estab, 7))
      reader.problem(*reader.table().get("estab"), "estab", "must be the 7-digit LA + establishment number");
    else if (!live.estab.empty() && !school.ref.la.empty() && live.estab != school.ref.la + school.ref.estab)
      reader.problem(*reader.table().get("estab"), "estab",
                     "is not this school's number (" + school.ref.la + school.ref.estab + ")");
    read_secret_ref(reader, "secret", base, live);
  } else if (kind == "wonde") {
    live.school_id = reader.text("school_id", true);
    read_secret_ref(reader, "token", base, live);
  } else {
    live.user = reader.text("user", true);
    live.application_id = reader.text("application_id", false);
    live.writeback = reader.flag("writeback");
    live.flags_field = reader.text("flags_field", false);
    read_secret_ref(reader, "password", base, live);
  }
  if (auto v = reader.number("connect_timeout", 1, 600)) live.connect_timeout_seconds = static_cast<int>(*v);
  if (auto v = reader.number("read_timeout", 1, 3600)) live.read_timeout_seconds = static_cast<int>(*v);
  if (auto v = reader.number("request_budget", 1, 10'000'000)) live.request_budget = static_cast<std::size_t>(*v);
  if (auto v = reader.number("max_in_flight", 1, 16)) live.max_in_flight = static_cast<std::size_t>(*v);
  if (auto v = reader.number("max_pages", 1, 1'000'000)) live.max_pages = static_cast<std::size_t>(*v);
  if (auto v = reader.number("page_size", 1, 10'000)) live.page_size = static_cast<std::size_t>(*v);
  if (auto v = reader.number("full_every_days", 1, 366)) live.full_every_days = static_cast<int>(*v);
}

}  // namespace sm::config
