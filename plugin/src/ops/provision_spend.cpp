#include "ops/provision_spend.hpp"

#include <boost/json.hpp>

#include "model/provision_cost.hpp"

namespace sm::ops {
namespace json = boost::json;

SpendPeriod spend_period(const Context& context, const json::object& r) {
  int year = model::academic_year_of(context.today);
  SpendPeriod p{std::to_string(year) + "-08-01", std::to_string(year + 1) + "-07-31"};
  if (const auto* from = r.if_contains("from"); from && from->is_string()) p.from = std::string(from->as_string());
  if (const auto* to = r.if_contains("to"); to && to->is_string()) p.to = std::string(to->as_string());
  if (p.to < p.from) throw InvalidRequest("to", "the period cannot end before it starts (" + p.from + ")");
  return p;
}

SpendSelection spend_selection(Context& context, const json::object& r) {
  SpendSelection out;
  out.period = spend_period(context, r);
  out.filter = pupil_filter_from(context.db, r);
  if (const auto* w = r.if_contains("wave"); w && w->is_int64()) {
    out.wave = w->as_int64();
    if (*out.wave < 1 || *out.wave > 3)
      throw InvalidRequest("wave", "must be 1 (universal), 2 (targeted) or 3 (specialist)");
  }
  return out;
}

std::vector<PlacedCost> placed_in(Context& context, const SpendSelection& sel,
                                  const std::unordered_map<std::int64_t, report::PupilFacts>& pupils) {
  auto s = context.db.prepare(
      "SELECT pl.id, pr.id, pr.name, pl.start_date, COALESCE(pl.end_date, ''), pr.wave, pl.planned_sessions, "
      "pl.pupil_id, "
      "pr.sessions_per_week, pr.minutes_per_session, pr.weeks, pr.staff_hourly_cost_pence, pr.resource_cost_pence, "
      "pr.group_size, "
      "(SELECT COUNT(*) FROM session_attendance a JOIN provision_session ps ON ps.id = a.session_id AND ps.status = "
      "'delivered' "
      " WHERE a.placement_id = pl.id AND ps.session_date BETWEEN ?1 AND ?2), "
      "(SELECT COUNT(*) FROM session_attendance a JOIN provision_session ps ON ps.id = a.session_id AND ps.status = "
      "'delivered' "
      " WHERE a.placement_id = pl.id AND a.present = 1 AND ps.session_date BETWEEN ?1 AND ?2) "
      "FROM placement pl JOIN provision pr ON pr.id = pl.provision_id "
      "WHERE pl.start_date <= ?2 AND (pl.end_date IS NULL OR pl.end_date >= ?1) ORDER BY pr.name, pl.pupil_id, "
      "pl.start_date");
  s.bind(1, sel.period.from).bind(2, sel.period.to);
  std::vector<PlacedCost> out;
  while (s.step()) {
    auto pupil = pupils.find(s.integer(7));
    if (pupil == pupils.end() || !sel.filter.matches(pupil->second)) continue;
    if (sel.wave && s.integer(5) != *sel.wave) continue;
    auto cost = model::cost_per_pupil_pence(s.real(8), s.integer(9), s.integer(10), s.integer(11), s.integer(12),
                                            s.integer(13));
    out.push_back({s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.integer(5), s.integer(6),
                   s.integer(14), s.integer(15), cost, &pupil->second});
  }
  return out;
}

}  // namespace sm::ops
