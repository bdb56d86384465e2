#include "report/ehc_clocks.hpp"

#include <algorithm>

namespace sm::report {

std::vector<EhcClock> load_ehc_clocks(store::Database& db, const model::ClockRules& clock, model::Date today,
                                      std::optional<std::int64_t> school_id) {
  auto s = db.prepare(
      "SELECT e.id, p.upn, p.forename, p.surname, COALESCE(p.nc_year, ''), e.request_date, e.decision, e.issue_date, "
      "(SELECT MAX(meeting_date) FROM ehc_review r WHERE r.plan_id = e.id) FROM ehc_plan e JOIN pupil p ON p.id = "
      "e.pupil_id "
      "WHERE e.ceased_date IS NULL AND p.left_on IS NULL AND COALESCE(e.decision, '') <> 'refuse' AND (?1 IS NULL OR "
      "p.school_id = ?1)");
  school_id ? s.bind(1, *school_id) : s.bind_null(1);
  std::vector<EhcClock> out;
  while (s.step()) {
    model::EhcEvents events;
    events.request = model::parse_date(s.text(5));
    if (!s.is_null(7)) events.issue = model::parse_date(s.text(7));
    if (!s.is_null(8)) events.last_review_meeting = model::parse_date(s.text(8));
    events.nc_year = s.text(4);
    events.today = today;
    auto deadlines = model::ehc_deadlines(events, clock);
    // The step the law waits for now: the decision, then the plan, then the annual review or the
    // phase transfer's amendment, whichever is sooner.
    std::vector<std::pair<const char*, const char*>> waiting;
    std::string stage;
    if (events.issue) {
      stage = "plan issued";
      waiting = {{"annual_review", "Annual review meeting"}, {"phase_transfer", "Phase transfer review and amendment"}};
    } else if (s.is_null(6)) {
      stage = "awaiting the LA's decision";
      waiting = {{"assessment_decision", "LA decision whether to assess"}};
    } else {
      stage = "being assessed";
      waiting = {{"final_plan", "Final plan issued"}};
    }
    const model::Deadline* next = nullptr;
    const char* what = "";
    for (const auto& d : deadlines)
      for (const auto& [key, label] : waiting)
        if (d.key == key && (!next || d.due < next->due)) next = &d, what = label;
    if (!next) continue;
    out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), stage, next->key, what, next->due,
                   next->rule, model::days_between(today, next->due)});
  }
  std::sort(out.begin(), out.end(),
            [](const EhcClock& a, const EhcClock& b) { return a.due < b.due || (a.due == b.due && a.upn < b.upn); });
  return out;
}

}  // namespace sm::report
