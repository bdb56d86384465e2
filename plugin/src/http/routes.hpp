// The server's routes: one table the router matches, the access check and the answer cache read,
// whose handlers answer, and from which the OpenAPI document is generated, so the document cannot
// drift from what the server answers. No Beast here.
#pragma once
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.hpp"

namespace sm::http {

// Who may call a route.
enum class Caller {
  anyone,       // no credential: this document, /api/health, the stylesheet
  link_holder,  // the address is the credential, checked by the handler: a launch link, a calendar feed
  signed_in,    // an API token or a browser session (and, for a change through a session, its CSRF token)
};

// What an answer's body is, for the document's media type and schema.
enum class AnswerBody {
  none,      // nothing (a redirect: Location says where)
  json,      // a JSON object: the route's result
  errors,    // the error body: {"errors": [{"field", "rule"}]}
  html,      // a page (text/html)
  css,       // senmap's stylesheet
  svg,       // senmap's icon
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

// A parameter the document describes beyond what an operation's fields say: a path parameter's
// meaning, or a query parameter a handler reads by name (the launch link's).
struct ParamDoc {
  std::string name{};
  bool in_query = false;
  bool required = true;
  std::string description{};
  std::vector<std::string> allowed{};  // the values it may take, when a fixed few
};

struct Call;  // a request as a handler sees it (http/call.hpp)
using Handler = Response (*)(Call&);

// One route: everything the router, the access check, the answer cache and the OpenAPI document
// need to know about it, and the handler that answers it. Each feature registers its rows from one
// file (http/features/).
struct Route {
  std::string method{};  // GET or POST
  std::string path{};    // "/api/pupils/{upn}"
  std::string summary{};
  Caller caller = Caller::signed_in;
  // A browser's form: it posts its CSRF token in the body (a page cannot set a header), and a
  // refusal before its handler runs is a page, as its answer would be.
  bool form = false;
  // Its answer may be kept while the data is unchanged (answer_cache.hpp): it depends only on the
  // stored data, the viewer, the session's CSRF token, the day and the target. Set only when checked.
  bool keep = false;
  // The operation it runs: an operation's route (POST /api/ops/<name> and the GET reads) documents its
  // fields; a page's form names the operation it runs, for the access log.
  std::string operation{};
  Handler handler = nullptr;
  std::vector<RouteAnswer> answers{};  // every answer it gives, as the document lists them
  std::vector<ParamDoc> params{};      // described parameters beyond the operation's fields
  // Path parameters in order; for operation routes each is a field of the operation.
  std::vector<std::string> path_params() const;
  // The document's operationId: method and path as one identifier ("get_api_pupils_upn_flags").
  std::string operation_id() const;
  // An operation's JSON route (not a page's form that runs one).
  bool runs_operation() const { return !operation.empty() && !form; }
};

using RouteList = std::vector<Route>;

// Every route, from each feature's file (routes.cpp lists them), with the answers the handler gives
// every route of a kind added.
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
