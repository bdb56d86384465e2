// An operation run for a person: their access decision first, then the operation as them (the
// change and audit logs name them), its answer filtered to what they may read. The one path that
// POST /api/ops/<name> and the C ABI's senmap_call_as share, so a host embedding senmap applies
// exactly the decisions `senmap serve` does.
#pragma once
#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "http/access.hpp"
#include "ops/operation.hpp"
#include "ops/staff_identity.hpp"

namespace sm::http {

struct Acted {
  Decision decision;                      // allowed, hidden (answer as missing) or forbidden (why)
  std::optional<ops::CallResult> result;  // when allowed: the operation's result, filtered
};

// `context.actor` should be actor.audit_name(): the logs then say who acted.
Acted act(ops::Context& context, const ops::Actor& actor, std::string_view operation,
          const boost::json::object& fields);

}  // namespace sm::http
