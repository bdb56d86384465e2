// The API's routes: one table the router matches, the handler serves and the OpenAPI document is
// generated from, so the document cannot drift from what the server answers. No Beast here: the
// server (server.cpp) turns the wire into ApiRequest and ApiResponse back.
#pragma once
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sm::http {

enum class RouteKind {
  openapi,               // the OpenAPI document (no token needed)
  health,                // is it up (no token needed)
  me,                    // who the token belongs to
  register_list,         // the SEN register, the actor's school
  register_summary,      // counts against national figures
  pupil_record,          // one pupil's whole record
  operation,             // an operation of the operations layer
  launch,                // an MIS launch link: opens a browser session (its signature is its credential)
  session,               // the caller's browser session and its CSRF token
  logout,                // ends the browser session
  pupil_audit,           // who read or changed a pupil's record, and from where (SENCO, senior leader, admin)
  asset,                 // senmap's own stylesheet (no token needed)
  class_map_page,        // the class provision map as a page (the page a launch link opens)
  class_map_read,        // the page's form: the signed-in member of staff has read the map
  class_map_file,        // the class provision map for Excel: .xlsx or .csv
  dashboard_page,        // the SENCO's dashboard (a governor's: aggregates only)
  pupil_page,            // one pupil's page: passport, APDR history, provision, EHC plan
  pupil_audit_page,      // pupil_audit as a page, for the SENCO
  provision_page,        // one provision: who is on it, its sessions
  page_form,             // a page's form running one operation (Route::operation), then back to the page
  logout_form,           // the pages' "Sign out" button
  calendar_page,         // the signed-in member of staff's calendar feed: what it is, and the form making it
  calendar_feed_create,  // that form: make (or replace) their feed and show its address once
  calendar_feed,         // the feed (.ics): the secret in its URL is its only credential
};

// What an answer's body is, for the document's media type and schema.
enum class AnswerBody {
  none,      // nothing (a redirect: Location says where)
  json,      // a JSON object: the route's result
  errors,    // the error body: {"errors": [{"field", "rule"}]}
  html,      // a page (text/html)
  css,       // senmap's stylesheet
  calendar,  // an iCalendar feed (text/calendar)
  xlsx,      // an Excel workbook
  csv,       // CSV, UTF-8
};

// One answer a route can give: its status, when it is given, and what its body is. A route's
// answers are every status it can answer; the server's own refusals (413, 431, ...) are among them.
struct RouteAnswer {
  unsigned status = 200;
  std::string when;
  AnswerBody body = AnswerBody::json;
};

struct Route {
  std::string method;  // GET or POST
  std::string path;    // "/api/pupils/{upn}"
  RouteKind kind = RouteKind::operation;
  std::string operation;  // for RouteKind::operation
  std::string summary;
  bool needs_token = true;
  std::vector<RouteAnswer> answers;  // every answer it gives, as the document lists them
  // Path parameters in order; for operation routes each is a field of the operation.
  std::vector<std::string> path_params() const;
  // The document's operationId: method and path as one identifier ("get_api_pupils_upn_flags").
  std::string operation_id() const;
};

// Every route: the fixed ones, then POST /api/ops/<name> for each operation exposed over HTTP.
const std::vector<Route>& routes();

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;  // decoded path parameters
};

// The route for a method and a (decoded) path; `path_known` tells a wrong method (405) from no route (404).
std::optional<RouteMatch> match_route(std::string_view method, std::string_view path, bool& path_known);

// The OpenAPI 3 document, built from routes() and the operations' fields.
boost::json::value openapi_document();

}  // namespace sm::http
