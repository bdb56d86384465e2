#include "http/acting.hpp"

#include <boost/json/serialize.hpp>

#include "model/dates.hpp"

namespace sm::http {

Acted act(ops::Context& context, const ops::Actor& actor, std::string_view operation,
          const boost::json::object& fields) {
  Acted out;
  out.decision = decide(context.db, actor, operation, fields, model::format_date(context.today));
  if (out.decision.verdict != Verdict::allowed) return out;
  out.result = ops::call(context, operation, boost::json::serialize(fields));
  if (out.result->status == ops::CallResult::Status::ok) filter_response(operation, actor, out.result->response);
  return out;
}

}  // namespace sm::http
