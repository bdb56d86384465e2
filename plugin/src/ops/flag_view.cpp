#include "ops/flag_view.hpp"

#include <boost/json.hpp>
#include <set>

#include "ops/operation.hpp"
#include "ops/staff_identity.hpp"
#include "rules/rule.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

json::value text_or_null(const store::Statement& s, int column) {
  return s.is_null(column) ? json::value(nullptr) : json::value(s.text(column));
}

// What was done with one flag, oldest first.
json::array actions_of(store::Database& db, std::int64_t flag) {
  auto& s = db.cached(
      "SELECT a.action, a.acted_on, a.actor, a.note, a.until, sc.la || '-' || sc.estab || '/' || st.sourced_id, "
      "st.given_name || ' ' || st.family_name, a.created_at FROM flag_action a LEFT JOIN staff st ON st.id = "
      "a.staff_id LEFT JOIN school sc ON sc.id = st.school_id WHERE a.flag_id = ?1 ORDER BY a.id");
  s.bind(1, flag);
  json::array out;
  while (s.step()) {
    json::object a{{"action", s.text(0)}, {"on", s.text(1)}, {"by", s.text(2)}, {"note", s.text(3)}, {"at", s.text(7)}};
    if (!s.is_null(4)) a["until"] = s.text(4);
    if (!s.is_null(5)) a["staff"] = json::object{{"staff_id", s.text(5)}, {"name", s.text(6)}};
    out.push_back(std::move(a));
  }
  s.reset();
  for (auto& a : out) {
    auto& o = a.as_object();
    o["by_name"] = actor_display_name(db, std::string(o.at("by").as_string()));
  }
  return out;
}

}  // namespace

const char* flag_states() {
  return "active, snoozed, resolved, open or all";
}

bool is_flag_state(const std::string& state) {
  return state == "active" || state == "snoozed" || state == "resolved" || state == "open" || state == "all";
}

std::optional<StaffMember> staff_of_actor(store::Database& db, const std::string& actor) {
  constexpr std::string_view prefix = "staff:";
  if (!actor.starts_with(prefix)) return std::nullopt;
  try {
    return find_staff(db, std::string_view(actor).substr(prefix.size()));
  } catch (const std::exception&) {
    return std::nullopt;  // a member of staff no longer held (erased with their school's data)
  }
}

std::string actor_display_name(store::Database& db, const std::string& actor) {
  auto staff = staff_of_actor(db, actor);
  return staff ? staff->name : actor;
}

json::array flag_rows(store::Database& db, model::Date today, const FlagQuery& q) {
  std::string sql =
      "SELECT f.id, f.rule, p.upn, p.forename || ' ' || p.surname, COALESCE(p.nc_year, ''), f.subject, f.severity, "
      "f.raised_on, f.last_seen_on, f.cleared_on, f.cleared_why, f.explanation, f.evidence, f.acknowledged_on, "
      "f.snoozed_until, sc.la || '-' || sc.estab || '/' || st.sourced_id, st.given_name || ' ' || st.family_name, "
      "f.resolved_on, f.resolved_why FROM flag f JOIN pupil p ON p.id = f.pupil_id LEFT JOIN staff st ON st.id = "
      "f.assigned_to LEFT JOIN school sc ON sc.id = st.school_id WHERE 1";
  // Snoozed: until a day after today. On that day the flag is active again, with no run needed.
  const char* not_snoozed = " AND (f.snoozed_until IS NULL OR f.snoozed_until <= ?4)";
  if (q.state == "active") sql.append(" AND f.cleared_on IS NULL AND f.resolved_on IS NULL").append(not_snoozed);
  if (q.state == "snoozed") sql += " AND f.cleared_on IS NULL AND f.resolved_on IS NULL AND f.snoozed_until > ?4";
  if (q.state == "resolved") sql += " AND f.cleared_on IS NULL AND f.resolved_on IS NOT NULL";
  if (q.state == "open") sql += " AND f.cleared_on IS NULL";
  if (!q.upn.empty()) sql += " AND p.upn = ?1";
  if (!q.rule.empty()) sql += " AND f.rule = ?2";
  if (q.school) sql += " AND p.school_id = ?3";
  if (q.assigned_to) sql += " AND f.assigned_to = ?5";
  if (q.flag_id) sql += " AND f.id = ?6";
  sql +=
      " ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, f.rule, p.surname, p.forename, "
      "f.id";
  auto s = db.prepare(sql);
  if (!q.upn.empty()) s.bind(1, q.upn);
  if (!q.rule.empty()) s.bind(2, q.rule);
  if (q.school) s.bind(3, *q.school);
  if (q.state == "active" || q.state == "snoozed") s.bind(4, model::format_date(today));
  if (q.assigned_to) s.bind(5, *q.assigned_to);
  if (q.flag_id) s.bind(6, *q.flag_id);
  json::array out;
  while (s.step()) {
    const auto* known = rules::find_rule(s.text(1));
    std::string state = !s.is_null(9)                                              ? "cleared"
                        : !s.is_null(17)                                           ? "resolved"
                        : !s.is_null(14) && s.text(14) > model::format_date(today) ? "snoozed"
                                                                                   : "active";
    json::object flag{
        {"id", s.integer(0)},
        {"rule", s.text(1)},
        {"title", known ? known->title : s.text(1)},
        {"upn", s.text(2)},
        {"pupil", s.text(3)},
        {"year", s.text(4)},
        {"about", s.text(5)},
        {"severity", s.text(6)},
        {"raised_on", s.text(7)},
        {"last_seen_on", s.text(8)},
        {"cleared_on", text_or_null(s, 9)},
        {"cleared_why", text_or_null(s, 10)},
        {"explanation", s.text(11)},
        {"evidence", json::parse(s.text(12))},
        {"state", state},
        {"acknowledged_on", text_or_null(s, 13)},
        {"snoozed_until", text_or_null(s, 14)},
        {"assigned_to", s.is_null(15) ? json::value(nullptr)
                                      : json::value(json::object{{"staff_id", s.text(15)}, {"name", s.text(16)}})},
        {"resolved_on", text_or_null(s, 17)},
        {"resolved_why", text_or_null(s, 18)}};
    out.push_back(std::move(flag));
  }
  // What staff did with each flag: only those touched have any (most flags have none).
  std::set<std::int64_t> acted;
  if (!out.empty()) {
    auto touched = db.prepare("SELECT DISTINCT flag_id FROM flag_action");
    while (touched.step()) acted.insert(touched.integer(0));
  }
  for (auto& f : out) {
    auto& o = f.as_object();
    auto id = o.at("id").as_int64();
    o["actions"] = acted.count(id) ? actions_of(db, id) : json::array();
  }
  return out;
}

}  // namespace sm::ops
