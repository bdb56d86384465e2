// EHC plan Section F: the provision the plan specifies, in hours a week, and the placements
// that deliver it. The plan is legally binding, so the school must show it hour for hour:
// delivered hours (sessions attended) against specified hours (school weeks x hours a week).
#include <boost/json.hpp>
#include <cmath>

#include "ops/operation.hpp"
#include "ops/section_f_lines.hpp"
#include "report/section_f.hpp"
#include "store/ehc_plans.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

struct IssuedPlan {
  std::int64_t id = 0, pupil = 0;
  std::string issued;
};

IssuedPlan issued_plan(store::Database& db, const std::string& upn) {
  auto plan = store::open_ehc_plan(db, upn);
  if (!plan) throw NotFound("no EHC plan or request is recorded for UPN " + upn);
  if (!plan->issue)
    throw InvalidRequest("upn", "the EHC plan has not been issued yet: Section F comes with the final plan");
  return {plan->id, plan->pupil_id, model::format_date(*plan->issue)};
}

json::value add_line(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  pupil_id_of(context.db, upn, true);
  auto plan = issued_plan(context.db, upn);
  auto hours = r.at("hours_per_week").to_number<double>();
  if (auto broken = weekly_hours_rule_broken(hours)) throw InvalidRequest("hours_per_week", *broken);
  std::string from = plan.issued;
  if (r.if_contains("from") && r.at("from").is_string()) {
    from = std::string(r.at("from").as_string());
    if (from < plan.issued) throw InvalidRequest("from", "cannot be before the plan was issued (" + plan.issued + ")");
  }
  std::optional<std::string> to;
  if (r.if_contains("to") && r.at("to").is_string()) {
    to = std::string(r.at("to").as_string());
    if (*to < from) throw InvalidRequest("to", "cannot be before the line applies from (" + from + ")");
  }
  std::vector<FieldError> errors;
  std::vector<std::int64_t> placements;
  if (const auto* list = r.if_contains("placement_ids"); list && list->is_array()) {
    for (const auto& item : list->as_array()) {
      auto id = item.as_int64();
      auto p = context.db.prepare("SELECT pupil_id FROM placement WHERE id = ?1");
      p.bind(1, id);
      if (!p.step())
        errors.push_back({"placement_ids", "no placement with id " + std::to_string(id)});
      else if (p.integer(0) != plan.pupil)
        errors.push_back({"placement_ids", "placement " + std::to_string(id) + " is another pupil's"});
      else
        placements.push_back(id);
    }
  }
  if (!errors.empty()) throw InvalidRequest(errors);
  auto description = text_field(r, "description");
  auto line = insert_provision_line(context.db, plan.id, description, hours, from, to, context.today);
  for (auto p : placements)
    context.db.prepare("INSERT INTO ehc_line_placement (line_id, placement_id) VALUES (?1, ?2)")
        .bind(1, line)
        .bind(2, p)
        .run();
  return json::object{{"id", line}, {"section_f", report::section_f_json(context.db, plan.id, context.today)}};
}

json::value link(Context& context, const json::object& r) {
  auto line = r.at("line_id").to_number<std::int64_t>();
  auto placement = r.at("placement_id").to_number<std::int64_t>();
  auto s = context.db.prepare(
      "SELECT l.plan_id, e.pupil_id, (SELECT pupil_id FROM placement WHERE id = ?2) FROM ehc_provision_line l "
      "JOIN ehc_plan e ON e.id = l.plan_id WHERE l.id = ?1");
  s.bind(1, line).bind(2, placement);
  if (!s.step()) throw NotFound("no Section F line with id " + std::to_string(line));
  if (s.is_null(2)) throw InvalidRequest("placement_id", "no placement with id " + std::to_string(placement));
  if (s.integer(2) != s.integer(1)) throw InvalidRequest("placement_id", "the placement is another pupil's");
  auto plan = s.integer(0);
  context.db.prepare("INSERT OR IGNORE INTO ehc_line_placement (line_id, placement_id) VALUES (?1, ?2)")
      .bind(1, line)
      .bind(2, placement)
      .run();
  return json::object{{"id", line}, {"section_f", report::section_f_json(context.db, plan, context.today)}};
}

}  // namespace

std::optional<std::string> weekly_hours_rule_broken(double hours) {
  if (hours > 0 && hours <= 40) return std::nullopt;
  return "must be more than 0 and at most 40";
}

std::int64_t insert_provision_line(store::Database& db, std::int64_t plan_id, const std::string& description,
                                   double hours, const std::string& from, const std::optional<std::string>& to,
                                   model::Date today) {
  db.prepare(
        "INSERT INTO ehc_provision_line (plan_id, description, hours_per_week, from_date, to_date, created_at) VALUES "
        "(?1,?2,?3,?4,?5,?6)")
      .bind(1, plan_id)
      .bind(2, description)
      .bind_real(3, hours)
      .bind(4, from)
      .bind(5, to)
      .bind(6, model::format_date(today))
      .run();
  return db.last_insert_id();
}

void add_section_f_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"ehcp.provision_line",
                 "Add a Section F provision line to the issued EHC plan (hours a week), delivered through placements",
                 true,
                 {{"upn", F::upn, true, "the pupil's UPN"},
                  {"description", F::string, true, "the plan's wording of the provision"},
                  {"hours_per_week", F::number, true, "hours a week the plan specifies"},
                  {"placement_ids", F::integer_list, false, "the placements that deliver it"},
                  {"from", F::date, false, "when it applies from (default: the plan's issue date)"},
                  {"to", F::date, false, "when it ends (default: open, counted to today)"}},
                 add_line});
  out.push_back(
      {"ehcp.link_placement",
       "Count a placement's sessions towards a Section F line",
       true,
       {{"line_id", F::integer, true, "the Section F line"}, {"placement_id", F::integer, true, "the placement"}},
       link});
}

}  // namespace sm::ops
