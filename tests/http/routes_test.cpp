// The route table, the OpenAPI document and the access table agree with each other and with the
// operations registry: nothing the server answers is undocumented, nothing documented is missing,
// and every operation is classified for access on purpose.
#include "http/routes.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "http/access.hpp"
#include "ops/operation.hpp"

namespace json = boost::json;
using namespace sm::http;

TEST_CASE("every route is documented and every documented path is a route", "[http]") {
  auto doc = openapi_document();
  const auto& paths = doc.at("paths").as_object();
  std::size_t documented = 0;
  for (const auto& [path, item] : paths) {
    for (const auto& [method, operation] : item.as_object()) {
      ++documented;
      std::string verb = method == "get" ? "GET" : "POST";
      // A documented path with its parameters filled in is matched by the router.
      std::string concrete(path);
      for (auto open = concrete.find('{'); open != std::string::npos; open = concrete.find('{'))
        concrete.replace(open, concrete.find('}', open) - open + 1, "x1");
      bool known = false;
      auto match = match_route(verb, concrete, known);
      INFO(verb << " " << path);
      REQUIRE(match);
      CHECK(match->route->path == std::string(path));
      CHECK_FALSE(operation.at("responses").as_object().empty());
    }
  }
  for (const auto& route : routes()) {
    INFO(route.method << " " << route.path);
    const auto* item = paths.if_contains(route.path);
    REQUIRE(item);
    CHECK(item->as_object().contains(route.method == "GET" ? "get" : "post"));
  }
  CHECK(documented == routes().size());
}

TEST_CASE("every operation is classified for access, and staff and tokens stay on the command line", "[http]") {
  for (const auto& op : sm::ops::operations()) {
    INFO(op.name);
    CHECK(scope_of(op.name).has_value());
    bool routed = false;
    for (const auto& r : routes()) routed = routed || (r.method == "POST" && r.path == "/api/ops/" + op.name);
    CHECK(routed == exposed_over_http(op.name));
  }
  for (const char* local : {"token.create", "token.revoke", "token.list", "staff.role", "staff.list", "calendar.feed"})
    CHECK_FALSE(exposed_over_http(local));
}

TEST_CASE("operation routes document the operation's fields", "[http]") {
  auto doc = openapi_document();
  const auto& create = doc.at("paths").at("/api/ops/placement.start").at("post");
  const auto& schema = create.at("requestBody").at("content").at("application/json").at("schema");
  CHECK(schema.at("properties").as_object().contains("upn"));
  CHECK(schema.at("properties").at("start").at("format") == "date");
  const auto& required = schema.at("required").as_array();
  CHECK(std::find(required.begin(), required.end(), json::value("provision_id")) != required.end());
  const auto& map = doc.at("paths").at("/api/reports/provision-map").at("get");
  bool has_year = false;
  for (const auto& p : map.at("parameters").as_array())
    has_year = has_year || (p.at("name") == "year" && p.at("in") == "query");
  CHECK(has_year);
  bool known = false;
  CHECK_FALSE(match_route("GET", "/api/nothing-here", known));
  CHECK_FALSE(known);
  CHECK_FALSE(match_route("DELETE", "/api/register", known));
  CHECK(known);
}

TEST_CASE("a parameter with a fixed ending: the calendar feed's address", "[http]") {
  bool known = false;
  auto feed = match_route("GET", "/calendar/abc.def.ics", known);
  REQUIRE(feed);
  CHECK(feed->route->path == "/calendar/{feed}.ics");
  CHECK(feed->params.at("feed") == "abc.def");
  CHECK(feed->route->caller == Caller::link_holder);
  CHECK(feed->route->path_params() == std::vector<std::string>{"feed"});
  CHECK_FALSE(match_route("GET", "/calendar/.ics", known));  // an empty parameter is no match
  CHECK_FALSE(match_route("GET", "/calendar/abc.ical", known));
  CHECK_FALSE(match_route("GET", "/calendar/feed", known));  // the form's route: POST only
  CHECK(known);
  auto form = match_route("POST", "/calendar/feed", known);
  REQUIRE(form);
  CHECK(form->route->path == "/calendar/feed");
  CHECK(form->route->form);
}

TEST_CASE("the document names each operation once, as an identifier, and has a server", "[http]") {
  auto doc = openapi_document();
  CHECK_FALSE(doc.at("servers").as_array().empty());
  std::set<std::string> ids;
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, operation] : item.as_object()) {
      std::string id(operation.at("operationId").as_string());
      INFO(method << " " << path << ": " << id);
      CHECK(std::regex_match(id, std::regex("[a-z][a-z0-9_]*")));
      CHECK(ids.insert(id).second);
    }
  CHECK(ids.size() == routes().size());
}

TEST_CASE("every route documents each answer its row gives, and its success", "[http]") {
  auto doc = openapi_document();
  for (const auto& route : routes()) {
    INFO(route.method << " " << route.path);
    const auto& responses =
        doc.at("paths").at(route.path).at(route.method == "GET" ? "get" : "post").at("responses").as_object();
    CHECK(responses.size() >= 5);  // at least the server's own refusals
    bool success = false;
    for (const auto& answer : route.answers) {
      CHECK(responses.contains(std::to_string(answer.status)));
      success = success || (answer.status >= 200 && answer.status < 300) || answer.status == 303;
    }
    CHECK(success);  // a 2XX, or a 303 back to a page (the linter's operation-2xx-response is off for these)
    for (const char* limit : {"400", "413", "431"}) CHECK(responses.contains(limit));
    if (route.caller == Caller::signed_in) {
      CHECK(responses.contains("401"));
      CHECK(responses.contains("500"));
    }
    if (route.method == "POST") CHECK(responses.contains("403"));  // cross-site, CSRF
    // A route naming a pupil, class, provision or feed answers a missing (or hidden) one with 404.
    if (!route.path_params().empty() && route.path != "/launch") CHECK(responses.contains("404"));
    if (route.runs_operation()) CHECK(responses.contains("422"));
    for (const auto& [status, response] : responses) {
      CHECK_FALSE(response.at("description").as_string().empty());
      if (status != "303") CHECK(response.as_object().contains("content"));
    }
  }
  const auto& errors = doc.at("paths").at("/api/ops/cycle.review").at("post").at("responses").at("400");
  CHECK(errors.at("content").at("application/json").at("schema").at("$ref") == "#/components/schemas/Errors");
  // An operation with no object to miss does not claim a 404; a catalogue read refuses no role.
  const auto& list = doc.at("paths").at("/api/provisions").at("get").at("responses").as_object();
  CHECK_FALSE(list.contains("404"));
  CHECK_FALSE(list.contains("403"));
}
