// The EHC statutory clock as flags: annual reviews due or overdue, LA decisions and plans past
// their deadlines, review reports and the LA's decisions after a review late, amended plans not
// issued in time, phase transfer reviews not held by 15 February (31 March into post-16), and Section F provision not
// delivered hour for hour.
#include <boost/json.hpp>

#include "report/ehc_clocks.hpp"
#include "report/section_f.hpp"
#include "rules/rule.hpp"
#include "store/ehc_plans.hpp"

namespace sm::rules {
namespace {

struct OpenPlan {
  std::int64_t id, pupil;
  model::EhcEvents events;
  bool decided;
  store::OpenEhcPlan::AfterReview last_review;
  bool parent_invited;  // to the meeting scheduled
};

// Open plans of pupils on roll (a refused request still has its decision clock).
std::vector<OpenPlan> open_plans(RuleContext& c) {
  std::vector<OpenPlan> out;
  for (const auto& plan :
       store::open_ehc_plans(c.db, {.school_id = std::nullopt, .on_roll_only = true, .without_refused = false}))
    out.push_back({plan.id, plan.pupil_id, plan.events(c.today), plan.decision.has_value(), plan.last_review,
                   plan.parent_invited});
  return out;
}

const model::Deadline* deadline(const std::vector<model::Deadline>& all, const std::string& key) {
  for (const auto& d : all)
    if (d.key == key) return &d;
  return nullptr;
}

Finding clock_finding(const OpenPlan& plan, const model::Deadline& d, const std::string& what, model::Date today) {
  int days = model::days_between(d.due, today);
  std::string when = days > 0 ? std::to_string(days) + " days overdue" : "due in " + std::to_string(-days) + " days";
  return {plan.pupil,
          "plan " + std::to_string(plan.id),
          what + " " + model::format_date(d.due) + ", " + when + " (" + d.rule + ")",
          {{"plan_id", plan.id}, {"due", model::format_date(d.due)}, {"rule", d.rule}}};
}

std::vector<Finding> annual_review(RuleContext& c, bool overdue) {
  std::vector<Finding> out;
  auto horizon = model::add_days(c.today, 7 * c.thresholds.ehc_review_due_weeks);
  for (const auto& plan : open_plans(c)) {
    if (!plan.events.issue) continue;
    auto all = model::ehc_deadlines(plan.events, c.clock);
    const auto* d = deadline(all, "annual_review");
    if (!d) continue;
    if (overdue ? d->due < c.today : (d->due >= c.today && d->due <= horizon))
      out.push_back(clock_finding(plan, *d, "EHC annual review", c.today));
  }
  return out;
}

std::vector<Finding> assessment_late(RuleContext& c, bool plan_stage) {
  std::vector<Finding> out;
  for (const auto& plan : open_plans(c)) {
    if (plan.events.issue || (!plan_stage && plan.decided)) continue;
    auto all = model::ehc_deadlines(plan.events, c.clock);
    const auto* d = deadline(all, plan_stage ? "final_plan" : "assessment_decision");
    if (d && d->due < c.today)
      out.push_back(
          clock_finding(plan, *d, plan_stage ? "final EHC plan" : "LA decision on the assessment request", c.today));
  }
  return out;
}

// After a review meeting held through senmap: its report to the LA (two weeks), then the LA's
// decision (four weeks), each late once its day has passed without it.
std::vector<Finding> after_review(RuleContext& c, bool decision) {
  std::vector<Finding> out;
  for (const auto& plan : open_plans(c)) {
    if (!plan.events.last_review_meeting || plan.last_review.recorded_existing) continue;
    if (decision ? plan.last_review.la_decided.has_value() : plan.last_review.report_sent.has_value()) continue;
    auto all = model::ehc_deadlines(plan.events, c.clock);
    const auto* d = deadline(all, decision ? "la_review_decision" : "review_report");
    if (d && d->due < c.today)
      out.push_back(clock_finding(
          plan, *d, decision ? "LA decision after the annual review" : "annual review report to the LA", c.today));
  }
  return out;
}

// A meeting scheduled whose invitations' day (two weeks before it) has passed with no parent
// recorded as invited.
std::vector<Finding> invitations_late(RuleContext& c) {
  std::vector<Finding> out;
  for (const auto& plan : open_plans(c)) {
    if (!plan.events.issue || !plan.events.scheduled_review_meeting || plan.parent_invited) continue;
    auto all = model::ehc_deadlines(plan.events, c.clock);
    const auto* d = deadline(all, "review_invitations");
    if (d && d->due < c.today)
      out.push_back(clock_finding(plan, *d,
                                  "invitations to the annual review meeting on " +
                                      model::format_date(*plan.events.scheduled_review_meeting) +
                                      " (no parent recorded as invited)",
                                  c.today));
  }
  return out;
}

// Advice asked for the meeting scheduled that has not come by its day (two weeks before the
// meeting, to go out with the invitations): one flag for each, to chase.
std::vector<Finding> advice_late(RuleContext& c) {
  std::vector<Finding> out;
  auto s = c.db.prepare(
      "SELECT a.id, e.pupil_id, a.author, a.meeting_date, a.requested_on FROM ehc_review_advice a "
      "JOIN ehc_plan e ON e.id = a.plan_id JOIN pupil p ON p.id = e.pupil_id "
      "JOIN ehc_review_scheduled sr ON sr.plan_id = e.id AND sr.meeting_date = a.meeting_date "
      "WHERE a.received_on IS NULL AND e.ceased_date IS NULL AND p.left_on IS NULL ORDER BY a.id");
  while (s.step()) {
    auto meeting = *model::parse_date(s.text(3));
    auto needed_by = c.clock.review_invitations.before(meeting);
    if (!(needed_by < c.today)) continue;
    out.push_back({s.integer(1),
                   "advice " + s.text(0),
                   "advice from " + s.text(2) + " for the annual review meeting on " + s.text(3) + ", needed by " +
                       model::format_date(needed_by) + " (asked for on " + s.text(4) + "): not received",
                   {{"advice_id", s.integer(0)}, {"needed_by", model::format_date(needed_by)}}});
  }
  return out;
}

// The LA decided to amend and sent the parents its proposed amendments: the amended plan is due
// 8 weeks after that notice (plan.events holds the notice only while the amended plan is awaited).
std::vector<Finding> amended_plan_late(RuleContext& c) {
  std::vector<Finding> out;
  for (const auto& plan : open_plans(c)) {
    if (!plan.events.amendment_notice) continue;
    auto all = model::ehc_deadlines(plan.events, c.clock);
    const auto* d = deadline(all, "amended_plan");
    if (d && d->due < c.today) out.push_back(clock_finding(plan, *d, "amended EHC plan", c.today));
  }
  return out;
}

// A pupil the MIS holds as having an EHC plan (status E today) with no issued plan recorded here:
// its annual review has no clock until the SENCO records the LA, the issue date and the last
// review (ehcp.record_existing). Raised once; cleared when the plan is recorded.
std::vector<Finding> dates_missing(RuleContext& c) {
  std::vector<Finding> out;
  for (const auto& p : report::ehc_dates_missing(c.db, c.today))
    out.push_back({p.pupil_id,
                   "",
                   "EHC plan in the MIS" + (p.status_since.empty() ? std::string() : " since " + p.status_since) +
                       ", but its dates are not recorded: record its LA, issue date and last annual review so the "
                       "annual review is on the clock",
                   {{"status_since",
                     p.status_since.empty() ? boost::json::value(nullptr) : boost::json::value(p.status_since)}}});
  return out;
}

// Pupils moving phase next September (the clock's transfer years): their plan is reviewed and
// amended by 15 February, or 31 March when moving into post-16 (SEND Regs 2014 reg. 18). Late once
// that day has passed with no annual review meeting held this school year.
std::vector<Finding> phase_transfer_late(RuleContext& c) {
  std::vector<Finding> out;
  for (const auto& plan : open_plans(c)) {
    if (!plan.events.issue || model::reviewed_this_school_year(plan.events)) continue;
    auto all = model::ehc_deadlines(plan.events, c.clock);
    const auto* d = deadline(all, "phase_transfer");
    if (d && d->due < c.today)
      out.push_back(
          clock_finding(plan, *d, "phase transfer review (no annual review meeting this school year)", c.today));
  }
  return out;
}

std::vector<Finding> section_f(RuleContext& c) {
  std::vector<Finding> out;
  for (const auto& plan : open_plans(c)) {
    if (!plan.events.issue) continue;
    auto lines = report::section_f_json(c.db, plan.id, c.today);
    for (const auto& l : lines.as_array()) {
      double specified = l.at("specified_hours").to_number<double>();
      double delivered = l.at("delivered_hours").to_number<double>();
      if (specified < 1.0 || delivered * 100.0 >= specified * c.thresholds.section_f_percent) continue;
      out.push_back({plan.pupil,
                     "section F " + boost::json::serialize(l.at("id")),
                     "Section F \"" + std::string(l.at("description").as_string()) + "\": " + one_decimal(delivered) +
                         " of " + one_decimal(specified) + " hours delivered since " +
                         std::string(l.at("from").as_string()) + " (" + one_decimal(100.0 * delivered / specified) +
                         "%)",
                     {{"line_id", l.at("id")}, {"specified_hours", specified}, {"delivered_hours", delivered}}});
    }
  }
  return out;
}

}  // namespace

void add_ehc_rules(std::vector<Rule>& out) {
  out.push_back({"ehc_plan_dates_missing", "medium", "EHC plan with its dates missing", dates_missing});
  out.push_back({"ehc_annual_review_due", "medium", "EHC annual review due soon",
                 [](RuleContext& c) { return annual_review(c, false); }});
  out.push_back({"ehc_annual_review_overdue", "high", "EHC annual review overdue",
                 [](RuleContext& c) { return annual_review(c, true); }});
  out.push_back({"ehc_decision_late", "high", "LA decision on an EHC needs assessment past its deadline",
                 [](RuleContext& c) { return assessment_late(c, false); }});
  out.push_back({"ehc_plan_late", "high", "Final EHC plan past its deadline",
                 [](RuleContext& c) { return assessment_late(c, true); }});
  out.push_back(
      {"ehc_review_invitations_late", "high", "Annual review invitations not sent in time", invitations_late});
  out.push_back({"ehc_review_advice_late", "medium", "Advice for an annual review not received in time", advice_late});
  out.push_back({"ehc_review_report_late", "high", "Annual review report not sent to the LA in time",
                 [](RuleContext& c) { return after_review(c, false); }});
  out.push_back({"ehc_review_decision_late", "high", "LA decision after the annual review overdue",
                 [](RuleContext& c) { return after_review(c, true); }});
  out.push_back({"ehc_amended_plan_late", "high", "Amended EHC plan not issued in time", amended_plan_late});
  out.push_back(
      {"ehc_phase_transfer_late", "high", "Phase transfer review not held by its deadline", phase_transfer_late});
  out.push_back({"section_f_not_delivered", "high", "EHC Section F hours not delivered", section_f});
}

}  // namespace sm::rules
