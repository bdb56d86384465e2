#include "http/routes.hpp"

#include "http/access.hpp"
#include "ops/operation.hpp"

namespace sm::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// A path segment that is a parameter: "{upn}", or "{feed}.ics" with a fixed ending after it.
struct Parameter {
  std::string name, suffix;
};
std::optional<Parameter> parameter(std::string_view segment) {
  auto close = segment.find('}');
  if (segment.size() < 3 || segment.front() != '{' || close == std::string_view::npos || close < 2) return std::nullopt;
  return Parameter{std::string(segment.substr(1, close - 1)), std::string(segment.substr(close + 1))};
}

std::vector<Route> build_routes() {
  using K = RouteKind;
  auto op = [](std::string path, std::string operation) {
    std::string summary;
    for (const auto& o : ops::operations())
      if (o.name == operation) summary = o.summary;
    return Route{"GET", std::move(path), K::operation, std::move(operation), std::move(summary), true};
  };
  std::vector<Route> out{
      {"GET", "/api/openapi.json", K::openapi, "", "This document: every route, generated from the route table and the operations", false},
      {"GET", "/api/health", K::health, "", "Whether the server is up (no token needed; says nothing else)", false},
      {"GET", "/api/me", K::me, "", "The member of staff the token belongs to, their role and school", true},
      {"GET", "/launch", K::launch, "",
       "An MIS launch link (signed by the MIS, short-lived, used once): opens a session and the class provision map", false},
      {"GET", "/api/session", K::session, "", "The caller's browser session: who, and the CSRF token changes must carry", true},
      {"POST", "/api/logout", K::logout, "", "End the browser session", true},
      {"GET", "/api/register", K::register_list, "", "The SEN register of the caller's school (SENCO, senior leader, admin)", true},
      {"GET", "/api/register/summary", K::register_summary, "", "The register's counts and percentages against England's figures", true},
      {"GET", "/api/pupils/{upn}", K::pupil_record, "", "One pupil's whole record (audit-logged)", true},
      {"GET", "/api/pupils/{upn}/audit", K::pupil_audit, "",
       "Who read or changed the pupil's record, when, and from which address (SENCO, senior leader, admin)", true},
      {"GET", "/assets/{asset}", K::asset, "", "senmap's stylesheet, served by senmap itself (no token needed)", false},
      {"GET", "/classes/{class_id}/map", K::class_map_page, "",
       "The class provision map as a page (HTML, printable, usable without JavaScript): the page a launch link opens", true},
      {"GET", "/classes/{class_id}/map.xlsx", K::class_map_file, "", "The class provision map as an Excel workbook", true},
      {"GET", "/classes/{class_id}/map.csv", K::class_map_file, "", "The class provision map as CSV (UTF-8, for any spreadsheet)", true},
      {"POST", "/classes/{class_id}/map/read", K::class_map_read, "",
       "The page's form (csrf_token in the form body): the signed-in member of staff has read the map; back to the map", true},
      {"GET", "/dashboard", K::dashboard_page, "",
       "The SENCO's dashboard as a page: the register against England with charts, flags, reviews due this month, EHC "
       "clocks, provision costs and impact, all of the viewer's own school (a governor's: the aggregates only)", true},
      {"GET", "/pupils/{upn}", K::pupil_page, "", "One pupil's page: passport, every APDR cycle, provision, EHC plan (audit-logged)", true},
      {"GET", "/pupils/{upn}/audit", K::pupil_audit_page, "",
       "Who has read or changed the pupil's SEN record, and every request about them with its address, as a page "
       "(SENCO, senior leader, admin)", true},
      {"POST", "/pupils/{upn}/review", K::page_form, "cycle.review",
       "The pupil page's form (csrf_token in the form body): record the review of the open cycle; back to the pupil page", true},
      {"POST", "/pupils/{upn}/placements", K::page_form, "placement.start",
       "The pupil page's form (csrf_token in the form body): place the pupil on a provision; back to the pupil page", true},
      {"GET", "/provisions/{provision_id}", K::provision_page, "", "One provision as a page: what it is, who is on it, its sessions", true},
      {"POST", "/provisions/{provision_id}/sessions", K::page_form, "session.record",
       "The provision page's form (csrf_token in the form body): record a session and who came; back to the provision page", true},
      {"POST", "/logout", K::logout_form, "", "The pages' sign-out button (csrf_token in the form body)", true},
      // A member of staff's calendar feed (http/calendar_routes.cpp).
      {"GET", "/calendar", K::calendar_page, "", "The signed-in member of staff's calendar feed: what it holds, and a form making it", true},
      {"POST", "/calendar/feed", K::calendar_feed_create, "",
       "Make (or replace) the caller's calendar feed (csrf_token in the form body): its address is shown once", true},
      {"GET", "/calendar/{feed}.ics", K::calendar_feed, "",
       "A calendar feed (text/calendar): the review dates of the pupils its member of staff may see today. The secret in "
       "the address is its only credential; a wrong, replaced or revoked one is answered like a missing one", false},
      op("/api/pupils/{upn}/passport", "passport.get"),
      op("/api/pupils/{upn}/cycles", "cycle.list"),
      op("/api/pupils/{upn}/ehcp", "ehcp.get"),
      op("/api/pupils/{upn}/notes", "notes.list"),
      op("/api/pupils/{upn}/flags", "flags.list"),
      op("/api/pupils/{upn}/access-arrangements", "access.list"),
      op("/api/pupils/{upn}/evidence-pack", "report.evidence_pack"),
      op("/api/classes/{class_id}/provision-map", "report.class_map"),
      op("/api/staff/{teacher_id}/provision-maps", "report.teacher_maps"),
      op("/api/placements/{placement_id}", "placement.get"),
      op("/api/cycles/{cycle_id}", "cycle.get"),
      op("/api/provisions", "provision.list"),
      op("/api/provisions/{id}", "provision.get"),
      op("/api/flags", "flags.list"),
      op("/api/reports/provision-map", "report.provision_map"),
      op("/api/reports/costs", "report.costs"),
      op("/api/reports/impact", "report.impact"),
      op("/api/reports/register-analytics", "report.register_analytics"),
      op("/api/reports/review-calendar", "report.review_calendar"),
  };
  for (const auto& o : ops::operations())
    if (exposed_over_http(o.name)) out.push_back({"POST", "/api/ops/" + o.name, K::operation, o.name, o.summary, true});
  return out;
}

}  // namespace

std::vector<std::string> Route::path_params() const {
  std::vector<std::string> out;
  for (const auto& segment : split_path(path))
    if (auto p = parameter(segment)) out.push_back(p->name);
  return out;
}

const std::vector<Route>& routes() {
  static const std::vector<Route> all = build_routes();
  return all;
}

std::optional<RouteMatch> match_route(std::string_view method, std::string_view path, bool& path_known) {
  path_known = false;
  if (path.empty() || path.front() != '/') return std::nullopt;
  auto segments = split_path(path);
  for (const auto& route : routes()) {
    auto pattern = split_path(route.path);
    if (pattern.size() != segments.size()) continue;
    RouteMatch m{&route, {}};
    bool same = true;
    for (std::size_t i = 0; same && i < pattern.size(); ++i) {
      const auto& segment = segments[i];
      if (auto p = parameter(pattern[i])) {
        same = segment.size() > p->suffix.size() && segment.ends_with(p->suffix);
        if (same) m.params[p->name] = segment.substr(0, segment.size() - p->suffix.size());
      } else {
        same = pattern[i] == segment;
      }
    }
    if (!same) continue;
    path_known = true;
    if (route.method == method) return m;
  }
  return std::nullopt;
}

}  // namespace sm::http
