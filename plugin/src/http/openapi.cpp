// The OpenAPI 3 document, generated from the route table and each operation's fields: a route
// or field added to the code is in the document the same moment, and nothing else is.
#include <boost/json.hpp>
#include <map>
#include <optional>
#include <utility>

#include "http/request_fields.hpp"
#include "http/routes.hpp"
#include "http/sessions.hpp"
#include "ops/operation.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {

json::object schema_of(ops::FieldType type) {
  using F = ops::FieldType;
  switch (type) {
    case F::string:
      return {{"type", "string"}, {"minLength", 1}};
    case F::text:
      return {{"type", "string"}};
    case F::date:
      return {{"type", "string"}, {"format", "date"}};
    case F::integer:
      return {{"type", "integer"}, {"format", "int64"}};
    case F::number:
      return {{"type", "number"}};
    case F::boolean:
      return {{"type", "boolean"}};
    case F::upn:
      return {{"type", "string"}, {"pattern", "^[A-Z][0-9]{11}[0-9A-Z]$"}, {"description", "a Unique Pupil Number"}};
    case F::string_list:
      return {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "string"}, {"minLength", 1}}}};
    case F::object_list:
      return {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "object"}}}};
    case F::integer_list:
      return {{"type", "array"}, {"items", {{"type", "integer"}, {"format", "int64"}}}};
  }
  return {{"type", "string"}};
}

// The media type and schema of an answer's body; none for a body-less answer.
std::optional<std::pair<const char*, json::object>> content_of(AnswerBody body) {
  using B = AnswerBody;
  json::object text{{"type", "string"}};
  switch (body) {
    case B::none:
      return std::nullopt;
    case B::json:
      return std::pair{"application/json", json::object{{"type", "object"}}};
    case B::errors:
      return std::pair{"application/json", json::object{{"$ref", "#/components/schemas/Errors"}}};
    case B::html:
      return std::pair{"text/html", text};
    case B::css:
      return std::pair{"text/css", text};
    case B::svg:
      return std::pair{"image/svg+xml", text};
    case B::calendar:
      return std::pair{"text/calendar", text};
    case B::csv:
      return std::pair{"text/csv", text};
    case B::xlsx:
      return std::pair{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       json::object{{"type", "string"}, {"format", "binary"}}};
  }
  return std::nullopt;
}

// The route's answers by status: the reasons one status is given joined, each body's media type listed.
json::object responses_for(const Route& route) {
  std::map<unsigned, json::object> by_status;  // in the document in order of status
  for (const auto& answer : route.answers) {
    auto& r = by_status[answer.status];
    if (!r.contains("description")) r["description"] = "";
    auto& description = r["description"].as_string();
    if (description.find(answer.when) == json::string::npos)
      description =
          description.empty() ? json::string(answer.when) : json::string(std::string(description) + "; " + answer.when);
    if (auto content = content_of(answer.body)) {
      if (!r.contains("content")) r["content"] = json::object{};
      auto& types = r["content"].as_object();
      auto& type = types[content->first];
      if (!type.is_object())
        type = json::object{{"schema", std::move(content->second)}};
      else if (type.as_object()["schema"] != json::value(content->second))  // one status, two shapes of one type
        type.as_object()["schema"] = json::object{{"oneOf", json::array{type.as_object()["schema"], content->second}}};
    }
  }
  json::object out;
  for (auto& [status, response] : by_status) out[std::to_string(status)] = std::move(response);
  return out;
}

// The route's parameters: its path's, an operation's GET read's query fields, and those the row describes.
json::array parameters_of(const Route& route, const ops::Operation* op) {
  json::array parameters;
  auto path_params = route.path_params();
  for (const auto& name : path_params) {
    json::object schema{{"type", "string"}};
    std::string description;
    if (op)
      for (const auto& f : op->fields)
        if (f.name == name) schema = schema_of(f.type), description = f.description;
    for (const auto& p : route.params)
      if (!p.in_query && p.name == name) description = p.description;
    parameters.push_back(
        {{"name", name}, {"in", "path"}, {"required", true}, {"description", description}, {"schema", schema}});
  }
  if (op && route.method == "GET") {
    for (const auto& f : op->fields) {
      bool in_path = false;
      for (const auto& p : path_params) in_path = in_path || p == f.name;
      if (in_path) continue;
      parameters.push_back({{"name", f.name},
                            {"in", "query"},
                            {"required", f.required},
                            {"description", f.description},
                            {"schema", schema_of(f.type)},
                            {"explode", true}});
    }
  }
  for (const auto& p : route.params) {
    if (!p.in_query) continue;
    json::object schema{{"type", "string"}};
    if (!p.allowed.empty()) schema["enum"] = json::value_from(p.allowed);
    parameters.push_back({{"name", p.name},
                          {"in", "query"},
                          {"required", p.required},
                          {"description", p.description},
                          {"schema", std::move(schema)}});
  }
  return parameters;
}

// An operation's POST body: its fields as a JSON object's properties.
json::object request_body_of(const ops::Operation& op) {
  json::object properties;
  json::array required;
  for (const auto& f : op.fields) {
    auto schema = schema_of(f.type);
    if (!f.description.empty()) schema["description"] = f.description;
    properties[f.name] = std::move(schema);
    if (f.required) required.push_back(json::value(f.name));
  }
  json::object body{{"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
  if (!required.empty()) body["required"] = std::move(required);
  return {{"required", true}, {"content", {{"application/json", {{"schema", std::move(body)}}}}}};
}

json::object operation_object(const Route& route) {
  json::object out{
      {"operationId", route.operation_id()}, {"summary", route.summary}, {"responses", responses_for(route)}};
  if (route.caller != Caller::signed_in) out["security"] = json::array{};
  const auto* op = route.runs_operation() ? operation_named(route.operation) : nullptr;
  if (op) out["x-senmap-operation"] = op->name;
  if (auto parameters = parameters_of(route, op); !parameters.empty()) out["parameters"] = std::move(parameters);
  if (op && route.method == "POST") {
    out["requestBody"] = request_body_of(*op);
    out["description"] =
        op->changes ? "Runs in one transaction and is written to the change log." : "A read: audit-logged.";
  }
  return out;
}

// The error body's schema and the two ways to sign in.
json::object components() {
  json::object error_item{
      {"type", "object"},
      {"required", json::array{"field", "rule"}},
      {"properties",
       json::object{{"field", json::object{{"type", "string"},
                                           {"description", "the field at fault; empty for the request as a whole"}}},
                    {"rule", json::object{{"type", "string"}, {"description", "the rule it breaks, in words"}}}}}};
  json::object errors{
      {"type", "object"},
      {"description", "Why the request was not done: every field at fault and the rule it breaks"},
      {"required", json::array{"errors"}},
      {"properties", json::object{{"errors", json::object{{"type", "array"}, {"items", std::move(error_item)}}}}}};
  return {{"securitySchemes",
           json::object{
               {"bearer",
                json::object{
                    {"type", "http"}, {"scheme", "bearer"}, {"description", "an API token (senmap token create)"}}},
               {"session", json::object{{"type", "apiKey"},
                                        {"in", "cookie"},
                                        {"name", kSessionCookie},
                                        {"description",
                                         "a browser session opened by an MIS launch link; a change also carries its "
                                         "CSRF token (X-CSRF-Token, or csrf_token in a form)"}}}}},
          {"schemas", json::object{{"Errors", std::move(errors)}}}};
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
  json::object info{
      {"title", "senmap"},
      {"version", SENMAP_PROJECT_VERSION},  // the project's one version (CMakeLists.txt)
      {"description",
       "The SEN register, provision map and graduated approach over HTTPS. Every route but this document, "
       "/api/health, the launch link, the stylesheet and a calendar feed needs Authorization: Bearer <token> (senmap "
       "token create) or a browser session. Each operation of the operations layer is POST /api/ops/<name> with its "
       "fields as a JSON object; reads also have GET routes. What a caller may see follows their role: a teacher "
       "their classes' pupils, a TA the pupils assigned to them, governors and trust officers aggregates only. "
       "Every GET route also takes HEAD (the same answer without its body). A path asked with a method it does not "
       "take is answered 405 with Allow; a path that is no route, 404."}};
  json::array security{json::object{{"bearer", json::array{}}}, json::object{{"session", json::array{}}}};
  // Relative: the document describes the server that serves it, whatever its address.
  json::array servers{json::object{{"url", "/"}, {"description", "the senmap serve this document came from"}}};
  return json::object{{"openapi", "3.0.3"},
                      {"info", std::move(info)},
                      {"components", components()},
                      {"servers", std::move(servers)},
                      {"security", std::move(security)},
                      {"paths", std::move(paths)}};
}

}  // namespace sm::http
