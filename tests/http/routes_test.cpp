// The route table, the OpenAPI document and the access table agree with each other and with the
// operations registry: nothing the server answers is undocumented, nothing documented is missing,
// and every operation is classified for access on purpose.
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "http/access.hpp"
#include "http/routes.hpp"
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
  for (const auto& p : map.at("parameters").as_array()) has_year = has_year || (p.at("name") == "year" && p.at("in") == "query");
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
  CHECK(feed->route->kind == RouteKind::calendar_feed);
  CHECK(feed->params.at("feed") == "abc.def");
  CHECK_FALSE(feed->route->needs_token);
  CHECK(feed->route->path_params() == std::vector<std::string>{"feed"});
  CHECK_FALSE(match_route("GET", "/calendar/.ics", known));  // an empty parameter is no match
  CHECK_FALSE(match_route("GET", "/calendar/abc.ical", known));
  CHECK_FALSE(match_route("GET", "/calendar/feed", known));  // the form's route: POST only
  CHECK(known);
  auto form = match_route("POST", "/calendar/feed", known);
  REQUIRE(form);
  CHECK(form->route->kind == RouteKind::calendar_feed_create);
}
