// EHC plan Section F: the provision the plan specifies, in hours a week, and the placements
// that deliver it. The plan is legally binding, so the school must show it hour for hour:
// delivered hours (sessions attended) against specified hours (school weeks x hours a week).
#include <boost/json.hpp>

#include <cmath>

#include "ops/operation.hpp"
#include "report/term_calendar.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

double round1(double v) { return std::round(v * 10.0) / 10.0; }

struct IssuedPlan {
  std::int64_t id = 0, pupil = 0;
  std::string issued;
};

IssuedPlan issued_plan(store::Database& db, const std::string& upn) {
  auto s = db.prepare(
      "SELECT e.id, e.pupil_id, e.issue_date FROM ehc_plan e JOIN pupil p ON p.id = e.pupil_id WHERE p.upn = ?1 "
      "AND e.ceased_date IS NULL ORDER BY e.request_date DESC, e.id DESC LIMIT 1");
  s.bind(1, upn);
  if (!s.step()) throw NotFound("no EHC plan or request is recorded for UPN " + upn);
  if (s.is_null(2)) throw InvalidRequest("upn", "the EHC plan has not been issued yet: Section F comes with the final plan");
  return {s.integer(0), s.integer(1), s.text(2)};
}

json::value add_line(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  pupil_id_of(context.db, upn, true);
  auto plan = issued_plan(context.db, upn);
  auto hours = r.at("hours_per_week").to_number<double>();
  if (!(hours > 0 && hours <= 40)) throw InvalidRequest("hours_per_week", "must be more than 0 and at most 40");
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
      if (!p.step()) errors.push_back({"placement_ids", "no placement with id " + std::to_string(id)});
      else if (p.integer(0) != plan.pupil) errors.push_back({"placement_ids", "placement " + std::to_string(id) + " is another pupil's"});
      else placements.push_back(id);
    }
  }
  if (!errors.empty()) throw InvalidRequest(errors);
  auto description = text_field(r, "description");
  auto s = context.db.prepare(
      "INSERT INTO ehc_provision_line (plan_id, description, hours_per_week, from_date, to_date, created_at) VALUES (?1,?2,?3,?4,?5,?6)");
  s.bind(1, plan.id).bind(2, description).bind_real(3, hours).bind(4, from).bind(5, to).bind(6, model::format_date(context.today)).run();
  auto line = context.db.last_insert_id();
  for (auto p : placements)
    context.db.prepare("INSERT INTO ehc_line_placement (line_id, placement_id) VALUES (?1, ?2)").bind(1, line).bind(2, p).run();
  return json::object{{"id", line}, {"section_f", section_f_json(context.db, plan.id, context.today)}};
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
  context.db.prepare("INSERT OR IGNORE INTO ehc_line_placement (line_id, placement_id) VALUES (?1, ?2)").bind(1, line).bind(2, placement).run();
  return json::object{{"id", line}, {"section_f", section_f_json(context.db, plan, context.today)}};
}

}  // namespace

json::value section_f_json(store::Database& db, std::int64_t plan_id, model::Date today) {
  auto& lines = db.cached(
      "SELECT l.id, l.description, l.hours_per_week, l.from_date, l.to_date, e.pupil_id FROM ehc_provision_line l "
      "JOIN ehc_plan e ON e.id = l.plan_id WHERE l.plan_id = ?1 ORDER BY l.id");
  lines.bind(1, plan_id);
  struct Line {
    std::int64_t id, pupil;
    std::string description, from;
    std::optional<std::string> to;
    double hours;
  };
  std::vector<Line> found;
  while (lines.step())
    found.push_back({lines.integer(0), lines.integer(5), lines.text(1), lines.text(3), lines.optional_text(4), lines.real(2)});
  lines.reset();
  json::array out;
  for (const auto& l : found) {
    auto from = *model::parse_date(l.from);
    auto to = l.to ? std::min(*model::parse_date(*l.to), today) : today;
    std::string basis;
    double weeks = report::school_weeks(report::pupil_terms(db, l.pupil), from, to, basis);
    // Delivered: sessions of the linked placements the pupil attended, at the provision's length.
    auto& delivered = db.cached(
        "SELECT COALESCE(SUM(pr.minutes_per_session), 0), COUNT(*) FROM ehc_line_placement lp "
        "JOIN placement pl ON pl.id = lp.placement_id JOIN provision pr ON pr.id = pl.provision_id "
        "JOIN session_attendance a ON a.placement_id = pl.id AND a.present = 1 "
        "JOIN provision_session ps ON ps.id = a.session_id AND ps.status = 'delivered' "
        "WHERE lp.line_id = ?1 AND ps.session_date BETWEEN ?2 AND ?3");
    delivered.bind(1, l.id).bind(2, l.from).bind(3, model::format_date(to));
    delivered.step();
    double delivered_hours = static_cast<double>(delivered.integer(0)) / 60.0;
    auto sessions = delivered.integer(1);
    delivered.reset();
    json::array placements;
    auto& linked = db.cached("SELECT placement_id FROM ehc_line_placement WHERE line_id = ?1 ORDER BY placement_id");
    linked.bind(1, l.id);
    while (linked.step()) placements.push_back(linked.integer(0));
    linked.reset();
    double specified = l.hours * weeks;
    out.push_back({{"id", l.id},
                   {"description", l.description},
                   {"hours_per_week", l.hours},
                   {"from", l.from},
                   {"to", l.to ? json::value(*l.to) : nullptr},
                   {"placements", std::move(placements)},
                   {"period", {{"from", l.from}, {"to", model::format_date(to)}, {"school_weeks", round1(weeks)}, {"basis", basis}}},
                   {"specified_hours", round1(specified)},
                   {"delivered_hours", round1(delivered_hours)},
                   {"sessions_attended", sessions},
                   {"delivered_percent", specified > 0 ? json::value(std::round(1000.0 * delivered_hours / specified) / 10.0) : nullptr}});
  }
  return out;
}

void add_section_f_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"ehcp.provision_line",
                 "Add a Section F provision line to the issued EHC plan (hours a week), delivered through placements", true,
                 {{"upn", F::upn, true, "the pupil's UPN"},
                  {"description", F::string, true, "the plan's wording of the provision"},
                  {"hours_per_week", F::number, true, "hours a week the plan specifies"},
                  {"placement_ids", F::integer_list, false, "the placements that deliver it"},
                  {"from", F::date, false, "when it applies from (default: the plan's issue date)"},
                  {"to", F::date, false, "when it ends (default: open, counted to today)"}},
                 add_line});
  out.push_back({"ehcp.link_placement", "Count a placement's sessions towards a Section F line", true,
                 {{"line_id", F::integer, true, "the Section F line"}, {"placement_id", F::integer, true, "the placement"}},
                 link});
}

}  // namespace sm::ops
