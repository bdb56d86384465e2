// The OpenAPI 3 document, generated from the route table and each operation's fields: a route
// or field added to the code is in the document the same moment, and nothing else is.
#include <boost/json.hpp>

#include "http/request_fields.hpp"
#include "http/routes.hpp"
#include "ops/operation.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {

json::object schema_of(ops::FieldType type) {
  using F = ops::FieldType;
  switch (type) {
    case F::string: return {{"type", "string"}, {"minLength", 1}};
    case F::text: return {{"type", "string"}};
    case F::date: return {{"type", "string"}, {"format", "date"}};
    case F::integer: return {{"type", "integer"}, {"format", "int64"}};
    case F::number: return {{"type", "number"}};
    case F::boolean: return {{"type", "boolean"}};
    case F::upn: return {{"type", "string"}, {"pattern", "^[A-Z][0-9]{11}[0-9A-Z]$"}, {"description", "a Unique Pupil Number"}};
    case F::string_list: return {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "string"}, {"minLength", 1}}}};
    case F::object_list: return {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "object"}}}};
    case F::integer_list: return {{"type", "array"}, {"items", {{"type", "integer"}, {"format", "int64"}}}};
  }
  return {{"type", "string"}};
}

json::object error_response(const char* description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Errors"}}}}}}}};
}

json::object responses_for(const Route& route) {
  json::object out{{"200", {{"description", "the result as JSON (for an operation: what senmap_call returns)"},
                            {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}}};
  if (!route.needs_token) return out;
  out["400"] = error_response("the body is not a JSON object");
  out["401"] = error_response("no valid API token (missing, malformed, expired or revoked)");
  out["403"] = error_response("the caller's role may not do this (says nothing about any object)");
  out["404"] = error_response("not found, or not the caller's to see: the two are answered alike");
  out["422"] = error_response("refused: every field and the rule it breaks");
  return out;
}

json::object operation_object(const Route& route) {
  json::object out{{"operationId", route.method + " " + route.path}, {"summary", route.summary},
                   {"responses", responses_for(route)}};
  if (!route.needs_token) out["security"] = json::array{};
  const auto* op = route.kind == RouteKind::operation ? operation_named(route.operation) : nullptr;
  if (op) out["x-senmap-operation"] = op->name;
  json::array parameters;
  auto path_params = route.path_params();
  for (const auto& name : path_params) {
    json::object schema{{"type", "string"}};
    std::string description;
    if (op)
      for (const auto& f : op->fields)
        if (f.name == name) schema = schema_of(f.type), description = f.description;
    if (route.kind == RouteKind::pupil_record || route.kind == RouteKind::pupil_audit) description = "the pupil's UPN";
    if (route.kind == RouteKind::calendar_feed) description = "the feed's selector and secret, as the calendar page showed them";
    parameters.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"description", description}, {"schema", schema}});
  }
  if (op && route.method == "GET") {
    for (const auto& f : op->fields) {
      bool in_path = false;
      for (const auto& p : path_params) in_path = in_path || p == f.name;
      if (in_path) continue;
      parameters.push_back({{"name", f.name}, {"in", "query"}, {"required", f.required}, {"description", f.description},
                            {"schema", schema_of(f.type)}, {"explode", true}});
    }
  }
  if (route.kind == RouteKind::launch) {
    for (const auto& [name, what] : {std::pair{"staff", "the member of staff's MIS id"}, {"class", "the class's MIS id (empty with page=dashboard)"},
                                     {"iat", "issued at (Unix seconds)"}, {"exp", "expires at (Unix seconds, at most 5 minutes later)"},
                                     {"nonce", "random, once only"}, {"sig", "hex HMAC-SHA256 with the launch secret of "
                                                                            "\"senmap-launch-v1\\nstaff=...\\nclass=...\\niat=...\\nexp=...\\nnonce=...\", then \"\\npage=...\" when a page is named"}})
      parameters.push_back({{"name", name}, {"in", "query"}, {"required", std::string_view(name) != "class"}, {"description", what},
                            {"schema", {{"type", "string"}}}});
    parameters.push_back({{"name", "page"}, {"in", "query"}, {"required", false},
                          {"description", "dashboard: open the SENCO's dashboard instead of a class's map (signed)"},
                          {"schema", {{"type", "string"}, {"enum", json::array{"dashboard"}}}}});
    out["responses"] = json::object{{"303", {{"description", "the session cookie is set; Location is the class provision map, or the dashboard"}}},
                                    {"403", error_response("tampered with, expired, used before, or unknown staff")}};
  }
  if (route.kind == RouteKind::calendar_feed)
    out["responses"] = json::object{
        {"200", {{"description", "the review dates as an iCalendar feed (RFC 5545)"}, {"content", {{"text/calendar", json::object{}}}}}},
        {"404", error_response("no such feed: wrong, replaced or revoked alike")}};
  if (!parameters.empty()) out["parameters"] = std::move(parameters);
  if (op && route.method == "POST") {
    json::object properties;
    json::array required;
    for (const auto& f : op->fields) {
      auto schema = schema_of(f.type);
      if (!f.description.empty()) schema["description"] = f.description;
      properties[f.name] = std::move(schema);
      if (f.required) required.push_back(json::value(f.name));
    }
    json::object body{{"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
    if (!required.empty()) body["required"] = std::move(required);
    out["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", std::move(body)}}}}}};
    out["description"] = op->changes ? "Runs in one transaction and is written to the change log." : "A read: audit-logged.";
  }
  return out;
}

}  // namespace

json::value openapi_document() {
  json::object paths;
  for (const auto& route : routes()) {
    auto& item = paths[route.path];
    if (!item.is_object()) item = json::object{};
    std::string method = route.method == "GET" ? "get" : "post";
    item.as_object()[method] = operation_object(route);
  }
  json::object error_item{{"type", "object"},
                          {"properties", json::object{{"field", json::object{{"type", "string"}}}, {"rule", json::object{{"type", "string"}}}}}};
  json::object errors{{"type", "object"},
                      {"properties", json::object{{"errors", json::object{{"type", "array"}, {"items", std::move(error_item)}}}}}};
  json::object components{{"securitySchemes", json::object{{"bearer", json::object{{"type", "http"}, {"scheme", "bearer"}}}}},
                          {"schemas", json::object{{"Errors", std::move(errors)}}}};
  json::object info{{"title", "senmap"},
                    {"version", "0.1.0"},
                    {"description",
                     "The SEN register, provision map and graduated approach over HTTPS. Every route but this document and "
                     "/api/health needs Authorization: Bearer <token> (senmap token create). Each operation of the operations "
                     "layer is POST /api/ops/<name> with its fields as a JSON object; reads also have GET routes. What a caller "
                     "may see follows their role: a teacher their classes' pupils, a TA the pupils assigned to them, governors "
                     "and trust officers aggregates only."}};
  json::array security{json::object{{"bearer", json::array{}}}};
  return json::object{{"openapi", "3.0.3"}, {"info", std::move(info)}, {"components", std::move(components)},
                      {"security", std::move(security)}, {"paths", std::move(paths)}};
}

}  // namespace sm::http
