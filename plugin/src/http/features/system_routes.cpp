// What needs no credential: the OpenAPI document, whether the server is up, and senmap's stylesheet.
#include <boost/json.hpp>

#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/pages/assets.hpp"
#include "http/route_answers.hpp"
#include "report/json_text.hpp"

namespace sm::http {
namespace {
using namespace answers;

Response openapi(Call&) {
  static const std::string document = report::json_text(openapi_document());
  Response r;
  r.body = document;
  return r;
}

Response health(Call&) {
  return json_response(200, {{"status", "ok"}});
}

Response asset(Call& call) {
  auto it = call.params.find("asset");
  auto file = pages::asset(it == call.params.end() ? std::string() : it->second);
  if (!file) return error_response(404, kNotFound);
  Response r;
  r.body = std::string(file->body);
  r.headers = {{"Content-Type", std::string(file->content_type)}, {"Cache-Control", "max-age=3600"}};
  return r;
}

}  // namespace

RouteList system_routes() {
  return {
      {.method = "GET",
       .path = "/api/openapi.json",
       .summary = "This document: every route, generated from the route table and the operations",
       .caller = Caller::anyone,
       .handler = openapi,
       .answers = ok(B::json, "this document (OpenAPI 3.0)")},
      {.method = "GET",
       .path = "/api/health",
       .summary = "Whether the server is up (no token needed; says nothing else)",
       .caller = Caller::anyone,
       .handler = health,
       .answers = ok(B::json, "{\"status\": \"ok\"}")},
      {.method = "GET",
       .path = "/assets/{asset}",
       .summary = "senmap's stylesheet (senmap.css) and icon (favicon.svg), served by senmap itself (no token needed)",
       .caller = Caller::anyone,
       .handler = asset,
       .answers = ok(B::css, "the stylesheet") + ok(B::svg, "the icon") + Answers{{404, "no such asset", B::errors}}},
  };
}

}  // namespace sm::http
