// Flags as operations: run the rules on demand, list flags (active, or with their history) with
// the evidence that raised them, and list the rules with the school's thresholds.
#include <boost/json.hpp>

#include "ops/operation.hpp"
#include "rules/flag_store.hpp"
#include "store/settings.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

const rules::Rule* find_rule(const std::string& id) {
  for (const auto& r : rules::all_rules())
    if (r.id == id) return &r;
  return nullptr;
}

json::value run(Context& context, const json::object&) {
  auto settings = store::load_rule_settings(context.db);
  return rules::flag_run_json(rules::run_rules(context.db, context.today, settings, context.clock));
}

json::value list(Context& context, const json::object& r) {
  const auto* history = r.if_contains("include_cleared");
  bool all = history && history->is_bool() && history->as_bool();
  auto upn = text_field(r, "upn");
  auto rule = text_field(r, "rule");
  if (!rule.empty() && !find_rule(rule))
    throw InvalidRequest("rule", "no rule called '" + rule + "' (flags.rules lists them)");
  if (!upn.empty()) pupil_id_of(context.db, upn, false);
  auto school = school_of_request(context.db, r);
  std::string sql =
      "SELECT f.id, f.rule, p.upn, p.forename || ' ' || p.surname, COALESCE(p.nc_year, ''), f.subject, f.severity, "
      "f.raised_on, "
      "f.last_seen_on, f.cleared_on, f.cleared_why, f.explanation, f.evidence FROM flag f JOIN pupil p ON p.id = "
      "f.pupil_id WHERE 1";
  if (!all) sql += " AND f.cleared_on IS NULL";
  if (!upn.empty()) sql += " AND p.upn = ?1";
  if (!rule.empty()) sql += " AND f.rule = ?2";
  if (school) sql += " AND p.school_id = ?3";
  sql +=
      " ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, f.rule, p.surname, p.forename, "
      "f.id";
  auto s = context.db.prepare(sql);
  if (!upn.empty()) s.bind(1, upn);
  if (!rule.empty()) s.bind(2, rule);
  if (school) s.bind(3, *school);
  json::array out;
  while (s.step()) {
    const auto* known = find_rule(s.text(1));
    out.push_back({{"id", s.integer(0)},
                   {"rule", s.text(1)},
                   {"title", known ? known->title : s.text(1)},
                   {"upn", s.text(2)},
                   {"pupil", s.text(3)},
                   {"year", s.text(4)},
                   {"about", s.text(5)},
                   {"severity", s.text(6)},
                   {"raised_on", s.text(7)},
                   {"last_seen_on", s.text(8)},
                   {"cleared_on", s.is_null(9) ? json::value(nullptr) : json::value(s.text(9))},
                   {"cleared_why", s.is_null(10) ? json::value(nullptr) : json::value(s.text(10))},
                   {"explanation", s.text(11)},
                   {"evidence", json::parse(s.text(12))}});
  }
  return json::object{{"flags", std::move(out)}};
}

json::value rules_list(Context& context, const json::object&) {
  auto settings = store::load_rule_settings(context.db);
  json::array out;
  for (const auto& r : rules::all_rules())
    out.push_back({{"id", r.id}, {"severity", r.severity}, {"title", r.title}, {"on", !settings.off.count(r.id)}});
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
                  {"include_cleared", F::boolean, false, "also cleared flags, with when and why"},
                  school_field()},
                 list});
  out.push_back(
      {"flags.rules", "The flag rules (id, severity, on or off) and the school's thresholds", false, {}, rules_list});
}

}  // namespace sm::ops
