// Attendance of pupils with SEN: persistent (below 90%) and severe (below 50%) absence, and
// suspensions (runs of E marks), from the session marks of the latest school year held.
#include <boost/json.hpp>
#include <cmath>
#include <map>

#include "model/suspensions.hpp"
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
    out.push_back({pupil,
                   "",
                   "attendance " + one_decimal(percent) + "%: " + std::to_string(year.attended) + " of " +
                       std::to_string(year.possible) + " possible sessions since " + year.since,
                   {{"percent", std::round(percent * 10) / 10},
                    {"attended", year.attended},
                    {"possible", year.possible},
                    {"since", year.since}}});
  }
  return out;
}

// A pupil on the register suspended this school year: the school should ask whether their support
// meets their needs (and, with an EHC plan, whether to bring the annual review forward).
std::vector<Finding> suspended(RuleContext& c) {
  std::vector<Finding> out;
  const auto& on_register = c.on_register();
  auto s = c.db.prepare(
      "SELECT pupil_id, year, marks_start, marks FROM attendance_year WHERE marks IS NOT NULL ORDER BY pupil_id, "
      "year");
  struct Latest {
    std::int64_t year = -1;
    model::SuspensionTally tally;
    std::string since;
  };
  std::map<std::int64_t, Latest> latest;
  while (s.step()) {
    if (!on_register.count(s.integer(0))) continue;
    auto& l = latest[s.integer(0)];
    if (s.integer(1) != l.year) l = Latest{s.integer(1), {}, std::string(s.text_view(2))};  // a later year replaces
    auto t = model::suspensions_in(s.text_view(3));
    l.tally.suspensions += t.suspensions;
    l.tally.sessions += t.sessions;
    if (s.text_view(2) < l.since) l.since = s.text_view(2);
  }
  for (const auto& [pupil, l] : latest) {
    if (l.tally.suspensions == 0) continue;
    out.push_back({pupil,
                   "",
                   std::to_string(l.tally.suspensions) + (l.tally.suspensions == 1 ? " suspension" : " suspensions") +
                       " (" + std::to_string(l.tally.sessions) + " sessions marked E) since " + l.since +
                       ": review whether their support meets their needs",
                   {{"suspensions", l.tally.suspensions}, {"sessions", l.tally.sessions}, {"since", l.since}}});
  }
  return out;
}

}  // namespace

// Each pupil's latest year held, every school in it: rows come in key order (pupil, year, school),
// the last year of each pupil kept. The counts were taken from the marks when they were imported
// (store/pupil_summary).
const std::map<std::int64_t, YearAttendance>& RuleContext::attendance() {
  if (attendance_) return *attendance_;
  attendance_.emplace();
  auto s = db.prepare(
      "SELECT pupil_id, year, marks_start, marks_possible, marks_attended FROM attendance_year "
      "WHERE marks_possible IS NOT NULL AND marks_start IS NOT NULL ORDER BY pupil_id, year");
  std::int64_t pupil = -1, year = -1;
  auto hint = attendance_->end();
  while (s.step()) {
    if (s.integer(0) != pupil) hint = attendance_->emplace_hint(attendance_->end(), s.integer(0), YearAttendance{});
    auto& y = hint->second;
    auto start = s.text_view(2);
    if (s.integer(0) != pupil || s.integer(1) != year) {  // a later year replaces an earlier one
      pupil = s.integer(0);
      year = s.integer(1);
      y = YearAttendance{0, 0, std::string(start)};
    } else if (start < y.since) {
      y.since = start;  // a pupil who moved mid-year: since the first school's marks began
    }
    y.possible += static_cast<int>(s.integer(3));
    y.attended += static_cast<int>(s.integer(4));
  }
  return *attendance_;
}

void add_attendance_rules(std::vector<Rule>& out) {
  out.push_back({"sen_persistent_absence", "medium", "Pupil with SEN persistently absent",
                 [](RuleContext& c) { return absence(c, false); }});
  out.push_back({"sen_severe_absence", "high", "Pupil with SEN severely absent",
                 [](RuleContext& c) { return absence(c, true); }});
  out.push_back({"sen_suspended", "medium", "Pupil with SEN suspended", suspended});
}

}  // namespace sm::rules
