// The operations layer over HTTP: POST /api/ops/<name> for every operation reachable over HTTP
// (its fields as a JSON object), and the GET reads other features register with operation_read
// (their fields from the query and the path). Each runs under the caller's access decision.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/acting.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/request_fields.hpp"
#include "http/route_answers.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {

Response run_operation(Call& call) {
  const auto* op = operation_named(call.route.operation);
  if (!op) return with_outcome(error_response(404, "no such route"), "invalid");
  json::object fields;
  if (call.route.method == "POST") {
    json::error_code ec;
    const auto& text = call.request.body;
    auto body = json::parse(text.empty() ? std::string_view("{}") : std::string_view(text), ec);
    if (ec || !body.is_object())
      return with_outcome(
          error_response(400, ec ? "the body is not valid JSON: " + ec.message() : "the body must be a JSON object"),
          "invalid");
    fields = std::move(body.as_object());
  } else {
    for (const auto& [name, value] : call.query) add_field(*op, fields, name, value);
  }
  for (const auto& [name, value] : call.params) add_field(*op, fields, name, value);

  auto context = call.context();
  auto acted = act(context, *call.actor, op->name, fields);
  const auto& d = acted.decision;
  auto finish = [&](Response r, const char* outcome) {
    r.outcome = outcome;
    r.upn = d.upn;
    r.object = d.object;
    return r;
  };
  if (d.verdict == Verdict::hidden) return finish(hidden_json(), "refused_or_missing");
  if (d.verdict == Verdict::forbidden) return finish(forbidden_json(d.why), "forbidden");
  auto& result = *acted.result;
  using Status = ops::CallResult::Status;
  switch (result.status) {
    case Status::ok:
      return finish(json_response(200, result.response), "allowed");
    case Status::invalid:
      return finish(json_response(422, result.response), "invalid");
    case Status::not_found:
      return finish(json_response(404, result.response), "not_found");
    case Status::unknown_operation:
      return finish(error_response(404, "no such route"), "invalid");
  }
  return finish(error_response(500, "internal error"), "failed");
}

}  // namespace

Route operation_read(std::string path, const std::string& operation, bool keep) {
  const auto* op = operation_named(operation);
  return {.method = "GET",
          .path = std::move(path),
          .summary = op ? op->summary : "",
          .keep = keep,
          .operation = operation,
          .handler = run_operation,
          .answers = op ? answers::of_operation(*op, false) : answers::Answers{}};
}

RouteList operation_routes() {
  RouteList out;
  for (const auto& o : ops::operations())
    if (exposed_over_http(o.name))
      out.push_back({.method = "POST",
                     .path = "/api/ops/" + o.name,
                     .summary = o.summary,
                     .operation = o.name,
                     .handler = run_operation,
                     .answers = answers::of_operation(o, true)});
  return out;
}

}  // namespace sm::http
