#include "report/section_f.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <optional>

#include "report/term_calendar.hpp"

namespace sm::report {
namespace json = boost::json;
namespace {
double round1(double v) {
  return std::round(v * 10.0) / 10.0;
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
    found.push_back(
        {lines.integer(0), lines.integer(5), lines.text(1), lines.text(3), lines.optional_text(4), lines.real(2)});
  lines.reset();
  json::array out;
  for (const auto& l : found) {
    auto from = *model::parse_date(l.from);
    auto to = l.to ? std::min(*model::parse_date(*l.to), today) : today;
    std::string basis;
    double weeks = school_weeks(pupil_terms(db, l.pupil), from, to, basis);
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
    out.push_back(
        {{"id", l.id},
         {"description", l.description},
         {"hours_per_week", l.hours},
         {"from", l.from},
         {"to", l.to ? json::value(*l.to) : nullptr},
         {"placements", std::move(placements)},
         {"period",
          {{"from", l.from}, {"to", model::format_date(to)}, {"school_weeks", round1(weeks)}, {"basis", basis}}},
         {"specified_hours", round1(specified)},
         {"delivered_hours", round1(delivered_hours)},
         {"sessions_attended", sessions},
         {"delivered_percent",
          specified > 0 ? json::value(std::round(1000.0 * delivered_hours / specified) / 10.0) : nullptr}});
  }
  return out;
}

}  // namespace sm::report
