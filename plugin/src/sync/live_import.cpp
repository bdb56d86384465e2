#include "sync/live_import.hpp"

#include <set>

#include "arbor/arbor_reader.hpp"
#include "live/https_client.hpp"
#include "live/secret.hpp"
#include "sync/live_apply.hpp"
#include "wonde/wonde_reader.hpp"
#include "xporter/xporter_reader.hpp"

namespace sm::sync {
namespace {

std::string kind_name(config::SourceKind kind) {
  switch (kind) {
    case config::SourceKind::xporter:
      return "xporter";
    case config::SourceKind::wonde:
      return "wonde";
    case config::SourceKind::arbor:
      return "arbor";
    default:
      return "file";
  }
}

live::ClientSettings client_settings(const config::LiveSettings& live) {
  live::ClientSettings s;
  s.ca_file = live.ca_file;
  s.connect_timeout = std::chrono::seconds(live.connect_timeout_seconds);
  s.read_timeout = std::chrono::seconds(live.read_timeout_seconds);
  s.request_budget = live.request_budget;
  s.max_in_flight = live.max_in_flight;
  s.user_agent = "senmap (school MIS sync)";
  return s;
}

std::optional<std::int64_t> school_id_of(store::Database& db, const model::SchoolRef& school) {
  auto s = db.prepare("SELECT id FROM school WHERE la = ?1 AND estab = ?2");
  s.bind(1, school.la).bind(2, school.estab);
  if (!s.step()) return std::nullopt;
  return s.integer(0);
}

// The cursors the last applied read of this source left, per endpoint.
std::map<std::string, std::string> held_cursors(store::Database& db, std::optional<std::int64_t> school_id,
                                                const std::string& kind) {
  std::map<std::string, std::string> out;
  if (!school_id) return out;
  auto s = db.prepare("SELECT endpoint, cursor FROM source_cursor WHERE school_id = ?1 AND source = ?2");
  s.bind(1, *school_id).bind(2, kind);
  while (s.step()) out[s.text(0)] = s.text(1);
  return out;
}

// Deltas miss what a vendor does not report as changed (a need edited without its student's
// row changing, attendance marks): a full read every few days reconciles them.
bool full_read_due(const std::map<std::string, std::string>& cursors, const config::LiveSettings& live,
                   const std::string& today) {
  auto last = cursors.find("full_read_on");
  auto now = model::parse_date(today);
  if (last == cursors.end() || !now) return true;
  auto then = model::parse_date(last->second);
  return !then || !(*now < model::add_days(*then, live.full_every_days));
}

live::LiveRead read_source(live::Fetcher& fetcher, const config::Source& source, const std::string& secret,
                           const live::ReadRequest& request) {
  const auto& live = source.live;
  if (source.kind == config::SourceKind::xporter) {
    xporter::XporterSettings s;
    s.url = live.url;
    s.estab = live.estab;
    s.relying_party = live.relying_party;
    s.secret = secret;
    if (live.page_size) s.page_size = live.page_size;
    s.max_pages = live.max_pages;
    return xporter::read_xporter(fetcher, s, request);
  }
  if (source.kind == config::SourceKind::wonde) {
    wonde::WondeSettings s;
    s.url = live.url;
    s.school_id = live.school_id;
    s.token = secret;
    if (live.page_size) s.per_page = live.page_size;
    s.max_pages = live.max_pages;
    return wonde::read_wonde(fetcher, s, request);
  }
  if (source.kind == config::SourceKind::arbor) {
    arbor::ArborSettings s;
    s.url = live.url;
    s.user = live.user;
    s.password = secret;
    s.application_id = live.application_id;
    if (live.page_size) s.page_size = live.page_size;
    s.max_pages = live.max_pages;
    return arbor::read_arbor(fetcher, s, request);
  }
  throw std::runtime_error(kind_name(source.kind) + " sources are not built yet");
}

}  // namespace

ImportReport import_live(store::Database& db, const config::School& school, const config::Source& source,
                         const LiveImportOptions& options) {
  ImportReport report;
  auto kind = kind_name(source.kind);
  report.source = kind;
  report.file = source.live.url;
  report.school_la = school.ref.la;
  report.school_estab = school.ref.estab;
  report.school_name = school.ref.name;

  // The network part: nothing is written while it runs, so a failure anywhere stores nothing.
  auto secret = live::read_secret(source.live.secret);
  live::HttpsClient client(client_settings(source.live));
  live::ReadRequest request;
  request.cursors = held_cursors(db, school_id_of(db, school.ref), kind);
  request.full = options.full || request.cursors.empty() || full_read_due(request.cursors, source.live, options.today);
  request.today = options.today;
  auto read = read_source(client, source, secret, request);
  secret.assign(secret.size(), '\0');

  report.details["requests"] = client.requests_made();
  report.checksum = kind + ":" + school.ref.la + school.ref.estab + ":" + read.read_at;
  LiveApplyOptions apply;
  apply.today = options.today;
  apply.location = source.live.url;
  apply.lenient = source.lenient;
  apply_live_read(db, school.ref, read, apply, report);
  return report;
}

}  // namespace sm::sync
