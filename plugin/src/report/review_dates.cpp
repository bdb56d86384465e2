#include "report/review_dates.hpp"

#include <algorithm>
#include <map>

#include "model/dates.hpp"
#include "store/ehc_plans.hpp"

namespace sm::report {

const char* what_is_due(ReviewDate::Kind kind) {
  switch (kind) {
    case ReviewDate::Kind::sen_support_review:
      return "SEN support review";
    case ReviewDate::Kind::ehc_annual_review:
      return "EHC plan annual review";
    case ReviewDate::Kind::ehc_invitations:
      return "Send the EHC annual review invitations";
    case ReviewDate::Kind::ehc_review_report:
      return "Send the annual review report to the LA";
    case ReviewDate::Kind::ehc_la_decision:
      return "The LA's decision after the annual review";
    case ReviewDate::Kind::ehc_amended_plan:
      return "The amended EHC plan from the LA";
    case ReviewDate::Kind::ehc_phase_transfer:
      return "EHC plan reviewed and amended before the pupil moves on (phase transfer)";
  }
  return "";
}

bool is_paperwork(ReviewDate::Kind kind) {
  return kind != ReviewDate::Kind::sen_support_review && kind != ReviewDate::Kind::ehc_annual_review;
}

std::vector<ReviewDate> load_review_dates(store::Database& db, const model::ClockRules& clock,
                                          std::optional<std::int64_t> school_id, std::optional<model::Date> today) {
  using Kind = ReviewDate::Kind;
  std::vector<ReviewDate> out;
  auto cycles = db.prepare(
      "SELECT c.id, c.review_due, p.forename, p.surname, p.upn, p.id FROM sen_cycle c JOIN pupil p ON p.id = "
      "c.pupil_id "
      "WHERE c.review_due IS NOT NULL AND c.reviewed_on IS NULL AND p.left_on IS NULL AND (?1 IS NULL OR p.school_id = "
      "?1) "
      "ORDER BY c.review_due");
  if (school_id)
    cycles.bind(1, *school_id);
  else
    cycles.bind_null(1);
  while (cycles.step())
    out.push_back({Kind::sen_support_review,
                   cycles.integer(5),
                   cycles.text(4),
                   cycles.text(2),
                   cycles.text(3),
                   cycles.text(1),
                   "cycle-" + cycles.text(0) + "@senmap",
                   {}});
  // Each issued plan's clock, as the rules and ehcp.get count it (store/ehc_plans.hpp).
  for (const auto& plan :
       store::open_ehc_plans(db, {.school_id = school_id, .on_roll_only = true, .without_refused = true})) {
    if (!plan.issue) continue;
    auto from =
        model::format_date(plan.last_review_meeting ? std::max(*plan.issue, *plan.last_review_meeting) : *plan.issue);
    std::map<std::string, std::string> due;
    // The day passed as "today" only places a phase transfer, which this list leaves out.
    for (const auto& d : model::ehc_deadlines(plan.events(*plan.issue), clock)) due[d.key] = model::format_date(d.due);
    auto add = [&](Kind kind, const std::string& date, const std::string& uid) {
      out.push_back({kind, plan.pupil_id, plan.upn, plan.forename, plan.surname, date,
                     "ehcp-" + std::to_string(plan.id) + "-" + uid + "@senmap", from});
    };
    // The review's own due date is in the UIDs: once it is held, the next review is a new event.
    const auto& review_due = due["annual_review"];
    add(Kind::ehc_annual_review,
        plan.scheduled_review_meeting ? model::format_date(*plan.scheduled_review_meeting) : review_due,
        "review-" + review_due);
    add(Kind::ehc_invitations, due["review_invitations"], "invite-" + review_due);
    if (plan.last_review_meeting && !plan.last_review.recorded_existing) {
      auto held = model::format_date(*plan.last_review_meeting);
      if (!plan.last_review.report_sent) add(Kind::ehc_review_report, due["review_report"], "report-" + held);
      if (!plan.last_review.la_decided) add(Kind::ehc_la_decision, due["la_review_decision"], "decision-" + held);
      if (due.count("amended_plan")) add(Kind::ehc_amended_plan, due["amended_plan"], "amended-" + held);
    }
    // Moving phase next September: due by 15 February (31 March into post-16) unless a review
    // meeting has been held this school year, as the rule ehc_phase_transfer_late counts it.
    if (today) {
      auto events = plan.events(*today);
      if (!model::reviewed_this_school_year(events))
        for (const auto& d : model::ehc_deadlines(events, clock))
          if (d.key == "phase_transfer")
            add(Kind::ehc_phase_transfer, model::format_date(d.due), "transfer-" + model::format_date(d.due));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  return out;
}

}  // namespace sm::report
