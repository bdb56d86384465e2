#include "report/ehc_clocks.hpp"

#include <algorithm>
#include <set>

#include "report/pupil_groups.hpp"
#include "store/ehc_plans.hpp"

namespace sm::report {

std::vector<EhcClock> load_ehc_clocks(store::Database& db, const model::ClockRules& clock, model::Date today,
                                      std::optional<std::int64_t> school_id) {
  std::vector<EhcClock> out;
  for (const auto& plan :
       store::open_ehc_plans(db, {.school_id = school_id, .on_roll_only = true, .without_refused = true})) {
    const auto events = plan.events(today);
    auto deadlines = model::ehc_deadlines(events, clock);
    // The step the law waits for now: the decision, then the plan, then the annual review or the
    // phase transfer's amendment, whichever is sooner; around a review, its invitations (once the
    // meeting is scheduled, until a parent is invited) and, after a meeting held through senmap,
    // its report and the LA's decision until each is recorded, then an amended plan once its notice
    // has gone to the parents.
    std::vector<std::pair<const char*, const char*>> waiting;
    std::string stage;
    if (events.issue) {
      stage = "plan issued";
      waiting = {{"annual_review", "Annual review meeting"}, {"phase_transfer", "Phase transfer review and amendment"}};
      if (plan.scheduled_review_meeting && !plan.parent_invited)
        waiting.emplace_back("review_invitations", "Annual review invitations");
      if (plan.last_review_meeting && !plan.last_review.recorded_existing) {
        if (!plan.last_review.report_sent) waiting.emplace_back("review_report", "Review report to the LA");
        if (!plan.last_review.la_decided) waiting.emplace_back("la_review_decision", "LA decision after the review");
        if (events.amendment_notice) waiting.emplace_back("amended_plan", "Amended plan issued");
      }
    } else if (!plan.decision) {
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
    out.push_back({plan.id, plan.upn, plan.forename, plan.surname, plan.nc_year, stage, next->key, what, next->due,
                   next->rule, model::days_between(today, next->due)});
  }
  std::sort(out.begin(), out.end(),
            [](const EhcClock& a, const EhcClock& b) { return a.due < b.due || (a.due == b.due && a.upn < b.upn); });
  return out;
}

std::vector<PlanDatesMissing> ehc_dates_missing(store::Database& db, model::Date today,
                                                std::optional<std::int64_t> school_id) {
  std::set<std::int64_t> recorded;
  for (const auto& plan :
       store::open_ehc_plans(db, {.school_id = school_id, .on_roll_only = true, .without_refused = false}))
    if (plan.issue) recorded.insert(plan.pupil_id);
  auto pupil = db.prepare(
      "SELECT upn, forename, surname, COALESCE(nc_year, ''), school_id, (SELECT MIN(s.start_date) FROM "
      "sen_status_period s WHERE s.pupil_id = p.id AND s.provision = 'E' AND s.start_date <= ?2 AND NOT EXISTS (SELECT "
      "1 FROM sen_status_period later WHERE later.pupil_id = p.id AND later.start_date > s.start_date AND "
      "later.start_date <= ?2 AND later.provision <> 'E')) FROM pupil p WHERE id = ?1");
  std::vector<PlanDatesMissing> out;
  for (const auto& [id, status] : register_on(db, today)) {
    if (status != "E" || recorded.count(id)) continue;
    pupil.bind(1, id).bind(2, model::format_date(today));
    if (pupil.step() && (!school_id || pupil.integer(4) == *school_id))
      out.push_back({id, pupil.text(0), pupil.text(1), pupil.text(2), pupil.text(3),
                     pupil.is_null(5) ? std::string() : pupil.text(5)});
    pupil.reset();
  }
  return out;
}

}  // namespace sm::report
