// The SEN register of the caller's school, and its counts against England's figures.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/route_answers.hpp"
#include "report/register_report.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

Response register_list(Call& call) {
  const auto& actor = *call.actor;
  if (!sees_whole_school(actor.role)) return forbidden_json(role_may_not(actor.role, "read the whole register"));
  auto context = call.context();
  auto result = ops::call(context, "register.list", json::serialize(json::object{{"school", actor.staff.school}}));
  if (result.status != ops::CallResult::Status::ok) return with_outcome(json_response(422, result.response), "invalid");
  auto r = json_response(200, result.response);
  return r;
}

Response register_summary(Call& call) {
  auto d = decide_aggregate(call.db, *call.actor);
  if (d.verdict != Verdict::allowed) return forbidden_json(d.why);
  auto body = report::register_summary_json(report::load_register(call.db, call.day), report::load_roll(call.db));
  return json_response(200, body);
}

}  // namespace

RouteList register_routes() {
  return {
      {.method = "GET",
       .path = "/api/register",
       .summary = "The SEN register of the caller's school (SENCO, senior leader, admin)",
       .handler = register_list,
       .answers = ok(B::json, "the register") + signed_in() + role(B::errors)},
      {.method = "GET",
       .path = "/api/register/summary",
       .summary = "The register's counts and percentages against England's figures",
       .handler = register_summary,
       .answers = ok(B::json, "the counts and percentages") + signed_in() + role(B::errors)},
  };
}

}  // namespace sm::http
