#include "http/routes.hpp"

#include <cctype>

#include "http/access.hpp"
#include "http/request_fields.hpp"
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

using Answers = std::vector<RouteAnswer>;
using B = AnswerBody;

Answers operator+(Answers a, const Answers& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
Answers ok(B body, std::string what) {
  return {{200, std::move(what), body}};
}
// A page's form that did its work: back to the page it came from.
const Answers kBackToPage = {{303, "done: back to the page (Location)", B::none}};
// Every route behind a token or a browser session.
const Answers kSignedIn = {
    {401, "no valid API token or browser session (missing, malformed, expired or revoked)", B::errors},
    {500, "internal error (the server's log says where), or the request could not be written to the audit log",
     B::errors}};
Answers role(B body) {
  return {{403, "the caller's role may not do this (says nothing about any object)", body}};
}
Answers missing(B body) {
  return {{404, "missing or not yours: the two are answered alike", body}};
}
Answers refused_form(std::string what) {
  return {{422, std::move(what), B::html}};
}

// The answers of an operation's route, from what the operation is: every operation checks its fields
// (422, a repeat such as a second review of one cycle included); one naming an object answers a
// missing or hidden one with 404; every one but a catalogue read is refused to some roles (403).
Answers operation_answers(const ops::Operation& op, bool post) {
  auto answers = ok(B::json, "the result (what senmap_call returns for the operation)") + kSignedIn;
  if (post) answers.push_back({400, "the body is not valid JSON, or not a JSON object", B::errors});
  if (post || scope_of(op.name) != Scope::catalogue_read) answers = answers + role(B::errors);
  bool names_object = false;
  for (const auto& f : op.fields)
    names_object =
        names_object || f.name == "upn" || f.name == "id" || f.name.ends_with("_id") || f.name.ends_with("_ids");
  if (names_object) answers = answers + missing(B::errors);
  answers.push_back(
      {422, "refused: every field and the rule it breaks (a repeat, such as a second review, too)", B::errors});
  return answers;
}

// What the handler answers for every route of a kind, whatever its row says: the server's own
// refusals before any route is known, a path's bad %-escape, and a change's cross-site and CSRF checks.
void add_handler_answers(Route& route) {
  auto& a = route.answers;
  a.push_back({400, "the request is not well-formed HTTP/1.1 (framing, Host, a line too long)", B::errors});
  a.push_back({413, "the body is larger than the server's limit", B::errors});
  a.push_back({431, "the header is larger than the server's limit", B::errors});
  a.push_back({501, "a transfer coding other than chunked", B::errors});
  a.push_back({503, "the server is starting", B::errors});
  if (route.needs_token && !route.path_params().empty())
    a.push_back({400, "the path holds a malformed %-escape", B::errors});
  if (route.method != "GET") {
    const bool page = route.kind != RouteKind::operation && route.kind != RouteKind::logout;
    a.push_back({403, "another site's page asked for the change (Origin, Sec-Fetch-Site)", page ? B::html : B::errors});
    a.push_back({403, "a change through a browser session without its CSRF token", B::errors});
  }
}

std::vector<Route> build_routes() {
  using K = RouteKind;
  auto op = [](std::string path, std::string operation) {
    const auto* o = operation_named(operation);
    return Route{"GET",
                 std::move(path),
                 K::operation,
                 operation,
                 o ? o->summary : "",
                 true,
                 o ? operation_answers(*o, false) : Answers{}};
  };
  const auto map_page = [](B body, std::string what) {
    return ok(body, std::move(what)) + kSignedIn + role(B::html) + missing(B::html) +
           refused_form("the class provision map could not be made from the request");
  };
  const auto form = [](std::string what) {
    return kBackToPage + kSignedIn + role(B::html) + missing(B::html) + refused_form(std::move(what));
  };
  std::vector<Route> out{
      {"GET", "/api/openapi.json", K::openapi, "",
       "This document: every route, generated from the route table and the operations", false,
       ok(B::json, "this document (OpenAPI 3.0)")},
      {"GET", "/api/health", K::health, "", "Whether the server is up (no token needed; says nothing else)", false,
       ok(B::json, "{\"status\": \"ok\"}")},
      {"GET", "/api/me", K::me, "", "The member of staff the token belongs to, their role and school", true,
       ok(B::json, "who the caller is: staff, role, schools") + kSignedIn},
      {"GET",
       "/launch",
       K::launch,
       "",
       "An MIS launch link (signed by the MIS, short-lived, used once): opens a session and the class provision map",
       false,
       {{303, "signed in: the session cookie is set; Location is the class provision map, or the dashboard", B::json},
        {403, "tampered with, expired, used before, not set up here, or unknown staff: a page saying what to do",
         B::html},
        {500, "internal error (the server's log says where)", B::errors}}},
      {"GET", "/api/session", K::session, "",
       "The caller's browser session: who, and the CSRF token changes must carry", true,
       ok(B::json, "who the caller is, and the session's CSRF token") + kSignedIn},
      {"POST", "/api/logout", K::logout, "", "End the browser session", true,
       ok(B::json, "signed out: the session cookie is cleared") + kSignedIn},
      {"GET", "/api/register", K::register_list, "",
       "The SEN register of the caller's school (SENCO, senior leader, admin)", true,
       ok(B::json, "the register") + kSignedIn + role(B::errors)},
      {"GET", "/api/register/summary", K::register_summary, "",
       "The register's counts and percentages against England's figures", true,
       ok(B::json, "the counts and percentages") + kSignedIn + role(B::errors)},
      {"GET", "/api/pupils/{upn}", K::pupil_record, "", "One pupil's whole record (audit-logged)", true,
       ok(B::json, "the pupil's record") + kSignedIn + missing(B::errors)},
      {"GET", "/api/pupils/{upn}/audit", K::pupil_audit, "",
       "Who read or changed the pupil's record, when, and from which address (SENCO, senior leader, admin)", true,
       ok(B::json, "the pupil's audit trail, newest first") + kSignedIn + missing(B::errors) + role(B::errors)},
      {"GET", "/assets/{asset}", K::asset, "", "senmap's stylesheet, served by senmap itself (no token needed)", false,
       ok(B::css, "the stylesheet") + Answers{{404, "no such asset", B::errors}}},
      {"GET", "/classes/{class_id}/map", K::class_map_page, "",
       "The class provision map as a page (HTML, printable, usable without JavaScript): the page a launch link opens",
       true, map_page(B::html, "the class provision map")},
      {"GET", "/classes/{class_id}/map.xlsx", K::class_map_file, "", "The class provision map as an Excel workbook",
       true, map_page(B::xlsx, "the class provision map as an attachment")},
      {"GET", "/classes/{class_id}/map.csv", K::class_map_file, "",
       "The class provision map as CSV (UTF-8, for any spreadsheet)", true,
       map_page(B::csv, "the class provision map as an attachment")},
      {"POST", "/classes/{class_id}/map/read", K::class_map_read, "",
       "The page's form (csrf_token in the form body): the signed-in member of staff has read the map; back to the map",
       true, form("the read could not be recorded")},
      {"GET", "/dashboard", K::dashboard_page, "",
       "The SENCO's dashboard as a page: the register against England with charts, flags, reviews due this month, EHC "
       "clocks, provision costs and impact, all of the viewer's own school (a governor's: the aggregates only)",
       true, ok(B::html, "the dashboard") + kSignedIn + role(B::html)},
      {"GET", "/pupils/{upn}", K::pupil_page, "",
       "One pupil's page: passport, every APDR cycle, provision, EHC plan (audit-logged)", true,
       ok(B::html, "the pupil's page") + kSignedIn + missing(B::html)},
      {"GET", "/pupils/{upn}/audit", K::pupil_audit_page, "",
       "Who has read or changed the pupil's SEN record, and every request about them with its address, as a page "
       "(SENCO, senior leader, admin)",
       true, ok(B::html, "the audit trail as a page") + kSignedIn + missing(B::html) + role(B::html)},
      {"POST", "/pupils/{upn}/review", K::page_form, "cycle.review",
       "The pupil page's form (csrf_token in the form body): record the review of the open cycle; back to the pupil "
       "page",
       true, form("refused: the pupil page again, with every field and the rule it breaks")},
      {"POST", "/pupils/{upn}/placements", K::page_form, "placement.start",
       "The pupil page's form (csrf_token in the form body): place the pupil on a provision; back to the pupil page",
       true, form("refused: the pupil page again, with every field and the rule it breaks")},
      {"GET", "/provisions/{provision_id}", K::provision_page, "",
       "One provision as a page: what it is, who is on it, its sessions", true,
       ok(B::html, "the provision's page") + kSignedIn + missing(B::html)},
      {"POST", "/provisions/{provision_id}/sessions", K::page_form, "session.record",
       "The provision page's form (csrf_token in the form body): record a session and who came; back to the provision "
       "page",
       true, form("refused: the provision page again, with every field and the rule it breaks")},
      {"POST", "/logout", K::logout_form, "", "The pages' sign-out button (csrf_token in the form body)", true,
       ok(B::html, "signed out: the session cookie is cleared") + kSignedIn},
      // A member of staff's calendar feed (http/calendar_routes.cpp).
      {"GET", "/calendar", K::calendar_page, "",
       "The signed-in member of staff's calendar feed: what it holds, and a form making it", true,
       ok(B::html, "the calendar page") + kSignedIn},
      {"POST", "/calendar/feed", K::calendar_feed_create, "",
       "Make (or replace) the caller's calendar feed (csrf_token in the form body): its address is shown once", true,
       ok(B::html, "the calendar page with the new feed's address, shown this once") +
           Answers{{303, "action=stop: the feed is revoked; back to the calendar page", B::none}} + kSignedIn +
           role(B::html)},
      {"GET",
       "/calendar/{feed}.ics",
       K::calendar_feed,
       "",
       "A calendar feed (text/calendar): the review dates of the pupils its member of staff may see today. The secret "
       "in "
       "the address is its only credential; a wrong, replaced or revoked one is answered like a missing one",
       false,
       {{200, "the review dates as an iCalendar feed (RFC 5545)", B::calendar},
        {404, "no such feed: wrong, replaced or revoked alike", B::errors},
        {500, "internal error (the server's log says where), or the request could not be written to the audit log",
         B::errors}}},
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
    if (exposed_over_http(o.name))
      out.push_back({"POST", "/api/ops/" + o.name, K::operation, o.name, o.summary, true, operation_answers(o, true)});
  for (auto& route : out) add_handler_answers(route);
  return out;
}

}  // namespace

std::vector<std::string> Route::path_params() const {
  std::vector<std::string> out;
  for (const auto& segment : split_path(path))
    if (auto p = parameter(segment)) out.push_back(p->name);
  return out;
}

std::string Route::operation_id() const {
  std::string out;
  for (char c : method) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char c : path) {
    if (c == '{' || c == '}') continue;
    const bool word = std::isalnum(static_cast<unsigned char>(c));
    if (word)
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (out.back() != '_')
      out += '_';
  }
  while (out.back() == '_') out.pop_back();
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
