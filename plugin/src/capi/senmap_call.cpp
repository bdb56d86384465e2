// The operations layer through the ABI: list the operations, run one.
#include <boost/json.hpp>

#include "capi/shim.hpp"
#include "http/acting.hpp"
#include "ops/staff_identity.hpp"
#include "report/json_text.hpp"

using sm::capi::Entry;

namespace {

// "field: rule" of a refused call's first error ("" when it names none).
std::string first_error(const boost::json::value& response) {
  const auto& errors = response.at("errors").as_array();
  if (errors.empty()) return {};
  std::string field(errors[0].at("field").as_string());
  return (field.empty() ? "" : field + ": ") + std::string(errors[0].at("rule").as_string());
}

// The code and last error of a call's result, once its response has been handed out.
int code_of(const sm::ops::CallResult& result, const char* operation) {
  using Status = sm::ops::CallResult::Status;
  switch (result.status) {
    case Status::ok:
      return SENMAP_OK;
    case Status::invalid:
      return sm::capi::fail(SENMAP_EBADINPUT, std::string(operation) + " refused: " + first_error(result.response));
    case Status::unknown_operation:
    case Status::not_found:
      return sm::capi::fail(SENMAP_ENOTFOUND, first_error(result.response));
  }
  return SENMAP_OK;
}

// {"errors":[{"field":"","rule":why}]}, the shape every refusal has.
std::string refusal(const std::string& why) {
  return boost::json::serialize(
      boost::json::object{{"errors", boost::json::array{boost::json::object{{"field", ""}, {"rule", why}}}}});
}

}  // namespace

extern "C" {

SENMAP_API int senmap_ops_json(char** out_json) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_ops_json");
    if (!entry.out(out_json, "out_json")) return entry.refused();
    return sm::capi::give(out_json, sm::report::json_text(sm::ops::describe_operations()));
  });
}

SENMAP_API int senmap_call(char** out_response, senmap* db, const char* operation, const char* request_json) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_call");
    if (!entry.out(out_response, "out_response") || !entry.handle(db) || !entry.text(operation, "operation"))
      return entry.refused();
    auto context = sm::capi::context_of(*db);
    auto result = sm::ops::call(context, operation, request_json ? request_json : "");
    if (int rc = sm::capi::give(out_response, sm::report::json_text(result.response)); rc != SENMAP_OK) return rc;
    return code_of(result, operation);
  });
}

SENMAP_API int senmap_call_as(char** out_response, senmap* db, const char* staff, const char* operation,
                              const char* request_json) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_call_as");
    if (!entry.out(out_response, "out_response") || !entry.handle(db) || !entry.text(staff, "staff") ||
        !entry.text(operation, "operation"))
      return entry.refused();
    // Who is acting: a member of staff the MIS lists, with a senmap role. Anyone else may do nothing.
    std::optional<sm::ops::Actor> actor;
    try {
      actor = sm::ops::actor_of(*db->db, sm::ops::find_staff(*db->db, staff, "staff"));
    } catch (const sm::ops::NotFound&) {
    } catch (const sm::ops::InvalidRequest&) {
    }
    if (!actor) {
      const std::string why = std::string("staff ") + staff +
                              " is not a member of staff with a senmap role (senmap staff role gives one; "
                              "a member of staff the MIS no longer lists has none)";
      if (int rc = sm::capi::give(out_response, refusal(why)); rc != SENMAP_OK) return rc;
      return entry.failed(SENMAP_EDENIED, why);
    }
    boost::system::error_code error;
    auto request = boost::json::parse(request_json && *request_json ? request_json : "{}", error);
    if (error || !request.is_object()) {
      const std::string why = "the request is not a JSON object";
      if (int rc = sm::capi::give(out_response, refusal(why)); rc != SENMAP_OK) return rc;
      return sm::capi::fail(SENMAP_EBADINPUT, std::string(operation) + " refused: " + why);
    }
    auto context = sm::capi::context_of(*db);
    context.actor = actor->audit_name();
    auto acted = sm::http::act(context, *actor, operation, request.as_object());
    using sm::http::Verdict;
    if (acted.decision.verdict == Verdict::hidden) {
      // Answered exactly like a missing record: a refusal never says the record exists.
      const std::string why = "not found";
      if (int rc = sm::capi::give(out_response, refusal(why)); rc != SENMAP_OK) return rc;
      return sm::capi::fail(SENMAP_ENOTFOUND, why);
    }
    if (acted.decision.verdict == Verdict::forbidden) {
      if (int rc = sm::capi::give(out_response, refusal(acted.decision.why)); rc != SENMAP_OK) return rc;
      return sm::capi::fail(SENMAP_EDENIED, acted.decision.why);
    }
    if (int rc = sm::capi::give(out_response, sm::report::json_text(acted.result->response)); rc != SENMAP_OK)
      return rc;
    return code_of(*acted.result, operation);
  });
}

}  // extern "C"
