// Attendance of pupils with SEN: persistent (below 90%) and severe (below 50%) absence, from the
// session marks of the latest school year held.
#include <boost/json.hpp>

#include <cmath>

#include "report/attendance.hpp"
#include "rules/rule.hpp"

namespace sm::rules {
namespace {

struct YearAttendance {
  model::AttendanceTally tally;
  std::string since;
};

// Each pupil's latest year held, every school in it combined.
std::map<std::int64_t, YearAttendance> latest_year(store::Database& db) {
  std::map<std::int64_t, YearAttendance> out;
  auto s = db.prepare(
      "SELECT a.pupil_id, a.marks_start, a.marks FROM attendance_year a WHERE a.marks IS NOT NULL AND a.year = "
      "(SELECT MAX(year) FROM attendance_year b WHERE b.pupil_id = a.pupil_id) ORDER BY a.pupil_id, a.marks_start");
  while (s.step()) {
    auto start = model::parse_date(s.text(1));
    if (!start) continue;
    auto t = report::tally_marks(s.text(2), *start);
    auto& y = out[s.integer(0)];
    if (y.since.empty()) y.since = s.text(1);
    y.tally.possible += t.possible;
    y.tally.attended += t.attended;
  }
  return out;
}

std::vector<Finding> absence(RuleContext& c, bool severe) {
  std::vector<Finding> out;
  auto on_register = register_today(c.db, c.today);
  for (const auto& [pupil, year] : latest_year(c.db)) {
    if (!on_register.count(pupil) || year.tally.possible == 0) continue;
    double percent = 100.0 * year.tally.attended / year.tally.possible;
    bool is_severe = percent < c.thresholds.severe_absence_percent;
    bool is_persistent = percent < c.thresholds.persistent_absence_percent;
    if (severe ? !is_severe : (!is_persistent || is_severe)) continue;
    out.push_back({pupil, "",
                   "attendance " + one_decimal(percent) + "%: " + std::to_string(year.tally.attended) + " of " +
                       std::to_string(year.tally.possible) + " possible sessions since " + year.since,
                   {{"percent", std::round(percent * 10) / 10}, {"attended", year.tally.attended},
                    {"possible", year.tally.possible}, {"since", year.since}}});
  }
  return out;
}

}  // namespace

void add_attendance_rules(std::vector<Rule>& out) {
  out.push_back({"sen_persistent_absence", "medium", "Pupil with SEN persistently absent",
                 [](RuleContext& c) { return absence(c, false); }});
  out.push_back({"sen_severe_absence", "high", "Pupil with SEN severely absent", [](RuleContext& c) { return absence(c, true); }});
}

}  // namespace sm::rules
