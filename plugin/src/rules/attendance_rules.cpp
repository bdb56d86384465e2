// Attendance of pupils with SEN: persistent (below 90%) and severe (below 50%) absence, from the
// session marks of the latest school year held.
#include <boost/json.hpp>

#include <cmath>

#include "report/attendance.hpp"
#include "rules/rule.hpp"

namespace sm::rules {
namespace {

std::vector<Finding> absence(RuleContext& c, bool severe) {
  std::vector<Finding> out;
  const auto& on_register = c.on_register();
  for (const auto& [pupil, year] : c.attendance()) {
    if (!on_register.count(pupil) || year.possible == 0) continue;
    double percent = year.percent();
    bool is_severe = percent < c.thresholds.severe_absence_percent;
    bool is_persistent = percent < c.thresholds.persistent_absence_percent;
    if (severe ? !is_severe : (!is_persistent || is_severe)) continue;
    out.push_back({pupil, "",
                   "attendance " + one_decimal(percent) + "%: " + std::to_string(year.attended) + " of " +
                       std::to_string(year.possible) + " possible sessions since " + year.since,
                   {{"percent", std::round(percent * 10) / 10}, {"attended", year.attended},
                    {"possible", year.possible}, {"since", year.since}}});
  }
  return out;
}

}  // namespace

// Each pupil's latest year held: rows in (pupil, year) order, the last year of each pupil kept.
const std::map<std::int64_t, YearAttendance>& RuleContext::attendance() {
  if (attendance_) return *attendance_;
  attendance_.emplace();
  auto s = db.prepare("SELECT pupil_id, year, marks_start, marks FROM attendance_year WHERE marks IS NOT NULL ORDER BY pupil_id, year, marks_start");
  std::int64_t pupil = -1, year = -1;
  while (s.step()) {
    auto start = model::parse_date(s.text(2));
    if (!start) continue;
    auto& y = (*attendance_)[s.integer(0)];
    if (s.integer(0) != pupil || s.integer(1) != year) {  // a later year replaces an earlier one
      pupil = s.integer(0);
      year = s.integer(1);
      y = YearAttendance{0, 0, s.text(2)};
    }
    auto t = report::tally_marks(s.text(3), *start);
    y.possible += t.possible;
    y.attended += t.attended;
  }
  return *attendance_;
}

void add_attendance_rules(std::vector<Rule>& out) {
  out.push_back({"sen_persistent_absence", "medium", "Pupil with SEN persistently absent",
                 [](RuleContext& c) { return absence(c, false); }});
  out.push_back({"sen_severe_absence", "high", "Pupil with SEN severely absent", [](RuleContext& c) { return absence(c, true); }});
}

}  // namespace sm::rules
