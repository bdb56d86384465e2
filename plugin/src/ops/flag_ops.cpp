// Flags as operations: run the rules on demand, list flags (active, snoozed, resolved, or with
// their history) with the evidence that raised them and what staff did with them, and list the
// rules with the school's thresholds. What staff do with a flag is in flag_action_ops.cpp.
#include <boost/json.hpp>

#include "ops/flag_view.hpp"
#include "ops/operation.hpp"
#include "ops/staff_identity.hpp"
#include "rules/flag_store.hpp"
#include "store/settings.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

json::value run(Context& context, const json::object&) {
  auto settings = store::load_rule_settings(context.db);
  return rules::flag_run_json(rules::run_rules(context.db, context.today, settings, context.clock));
}

json::value list_flags(Context& context, const json::object& r) {
  FlagQuery query;
  const auto* history = r.if_contains("include_cleared");
  if (history && history->is_bool() && history->as_bool()) query.state = "all";
  if (auto state = text_field(r, "state"); !state.empty()) {
    if (!is_flag_state(state)) throw InvalidRequest("state", std::string("must be ") + flag_states());
    query.state = state;
  }
  if (const auto* id = r.if_contains("flag_id"); id && id->is_int64()) query.flag_id = id->as_int64();
  query.upn = text_field(r, "upn");
  query.rule = text_field(r, "rule");
  if (!query.rule.empty() && !rules::find_rule(query.rule))
    throw InvalidRequest("rule", "no rule called '" + query.rule + "' (flags.rules lists them)");
  if (!query.upn.empty()) pupil_id_of(context.db, query.upn, false);
  if (auto staff = text_field(r, "assigned_to"); !staff.empty())
    query.assigned_to = find_staff(context.db, staff, "assigned_to").id;
  query.school = school_of_request(context.db, r);
  return json::object{{"flags", flag_rows(context.db, context.today, query)}};
}

json::value rules_list(Context& context, const json::object&) {
  auto settings = store::load_rule_settings(context.db);
  json::array out;
  for (const auto& r : rules::all_rules())
    out.push_back({{"id", r.id},
                   {"severity", r.severity},
                   {"title", r.title},
                   {"on", !settings.off.count(r.id)},
                   {"off_by_default", model::off_by_default().count(r.id) != 0}});
  json::object thresholds;
  model::each_threshold(settings.thresholds, [&](const char* key, const auto& value) { thresholds[key] = value; });
  return json::object{{"rules", std::move(out)}, {"thresholds", std::move(thresholds)}};
}

}  // namespace

void add_flag_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"flags.run",
                 "Run every flag rule now: raise new flags, bring active ones up to date, clear what no longer holds",
                 true,
                 {},
                 run});
  out.push_back({"flags.list",
                 "Flags with the evidence that raised them, most severe first",
                 false,
                 {{"upn", F::upn, false, "one pupil's flags"},
                  {"rule", F::string, false, "one rule's flags (flags.rules lists them)"},
                  {"state", F::string, false,
                   "active (the default: not snoozed or resolved), snoozed, resolved, open (all three) or all (with "
                   "flags the rules cleared)"},
                  {"assigned_to", F::string, false, "flags assigned to one member of staff (their staff_id)"},
                  {"flag_id", F::integer, false, "one flag, by its id (with its history: use state all)"},
                  {"include_cleared", F::boolean, false, "also cleared flags, with when and why (state all)"},
                  school_field()},
                 list_flags});
  out.push_back(
      {"flags.rules", "The flag rules (id, severity, on or off) and the school's thresholds", false, {}, rules_list});
}

}  // namespace sm::ops
