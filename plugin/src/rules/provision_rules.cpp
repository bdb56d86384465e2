// The provision map's evidence: every pupil on the register has a plan or a provision, every
// provision has a baseline and an exit measure, and sessions are delivered as planned.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "report/pupil_lookups.hpp"
#include "report/term_calendar.hpp"
#include "rules/rule.hpp"

namespace sm::rules {
namespace {

std::vector<Finding> nothing_in_place(RuleContext& c) {
  std::vector<Finding> out;
  auto& s = c.db.cached(
      "SELECT EXISTS (SELECT 1 FROM sen_cycle WHERE pupil_id = ?1 AND reviewed_on IS NULL), "
      "EXISTS (SELECT 1 FROM placement WHERE pupil_id = ?1 AND end_date IS NULL)");
  for (const auto& [pupil, status] : c.on_register()) {
    s.bind(1, pupil);
    s.step();
    bool cycle = s.integer(0) != 0, placement = s.integer(1) != 0;
    s.reset();
    if (!cycle && !placement)
      out.push_back({pupil,
                     "",
                     std::string(status == "E" ? "EHC plan" : "SEN support") +
                         " with no open assess-plan-do-review cycle and no provision running",
                     {{"status", status}}});
  }
  return out;
}

std::string subject_of(const PlacementFacts& p) {
  return "placement " + std::to_string(p.id);
}

// A measure is held when it was entered or the MIS has the provision's assessment near the date.
std::vector<Finding> measures(RuleContext& c, bool exits) {
  std::vector<Finding> out;
  for (const auto& p : c.placements()) {
    if (exits && p.end.empty()) continue;
    bool held = exits ? p.entered_exit : p.entered_baseline;
    if (!held && !p.subject.empty())
      held = report::result_near(c.db, p.pupil, p.subject, exits ? p.end : p.start, !exits).has_value();
    if (held) continue;
    out.push_back({p.pupil,
                   subject_of(p),
                   exits ? p.provision + " ended " + p.end + " without an exit measure: its impact cannot be judged"
                         : p.provision + " started " + p.start + " without a baseline measure",
                   {{"placement_id", p.id}, {"provision", p.provision}}});
  }
  return out;
}

// Delivered against planned: for an ended placement all of it; for a running one the share of
// the plan its school weeks so far should have delivered (the holidays between terms deliver
// nothing), after two weeks, so a new start is not flagged. Only each pupil's latest placement on
// a provision is judged: last term's block beside this term's said two things about one provision.
std::vector<Finding> fidelity(RuleContext& c) {
  std::vector<Finding> out;
  std::map<std::pair<std::int64_t, std::string>, const PlacementFacts*> latest;  // (pupil, provision)
  for (const auto& p : c.placements()) {
    auto& held = latest[{p.pupil, p.provision}];
    if (!held || held->start < p.start || (held->start == p.start && held->id < p.id)) held = &p;
  }
  std::map<std::int64_t, std::vector<report::SchoolTerm>> terms;  // by pupil's school, read once
  auto& school_of = c.db.cached("SELECT school_id FROM pupil WHERE id = ?1");
  for (const auto& p : c.placements()) {
    if (latest[{p.pupil, p.provision}] != &p) continue;
    auto start = *model::parse_date(p.start);
    auto until = p.end.empty() ? c.today : std::min(c.today, *model::parse_date(p.end));
    int days = model::days_between(start, until);
    if (days < 14 || p.planned == 0) continue;
    double due = static_cast<double>(p.planned);
    if (p.end.empty()) {
      school_of.bind(1, p.pupil);
      school_of.step();
      auto school = school_of.integer(0);
      school_of.reset();
      auto held = terms.find(school);
      if (held == terms.end()) held = terms.emplace(school, report::school_terms(c.db, school)).first;
      std::string basis;
      // Up to yesterday: today's session may still be to come. Without term dates every week is
      // counted (the national average would understate a block that runs inside one term).
      double weeks = held->second.empty()
                         ? days / 7.0
                         : report::school_weeks(held->second, start, model::add_days(until, -1), basis);
      due = std::min(due, p.per_week * weeks);
    }
    if (due < 1 || p.delivered * 100.0 >= due * c.thresholds.fidelity_percent) continue;
    out.push_back({p.pupil,
                   subject_of(p),
                   p.provision + ": " + std::to_string(p.delivered) + " sessions delivered of " +
                       std::to_string(std::llround(due)) + (p.end.empty() ? " due by now" : " planned") + " (" +
                       one_decimal(100.0 * p.delivered / due) + "%)",
                   {{"placement_id", p.id}, {"delivered", p.delivered}, {"due", std::llround(due)}}});
  }
  return out;
}

}  // namespace

// Read once per run: three rules judge the same placements.
const std::vector<PlacementFacts>& RuleContext::placements() {
  if (placements_) return *placements_;
  auto s = db.prepare(
      "SELECT pl.id, pl.pupil_id, pr.name, pl.start_date, COALESCE(pl.end_date, ''), COALESCE(pr.measure_subject, ''), "
      "pl.baseline IS NOT NULL, pl.exit_value IS NOT NULL, pl.planned_sessions, "
      "(SELECT COUNT(*) FROM session_attendance a JOIN provision_session ps ON ps.id = a.session_id AND ps.status = "
      "'delivered' "
      " WHERE a.placement_id = pl.id), pr.weeks, pr.sessions_per_week "
      "FROM placement pl JOIN provision pr ON pr.id = pl.provision_id JOIN pupil p ON p.id = pl.pupil_id WHERE "
      "p.left_on IS NULL");
  placements_.emplace();
  while (s.step())
    placements_->push_back({s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.text(5), s.integer(6) != 0,
                            s.integer(7) != 0, s.integer(8), s.integer(9), s.integer(10), s.real(11)});
  return *placements_;
}

void add_provision_rules(std::vector<Rule>& out) {
  out.push_back(
      {"no_plan_or_provision", "medium", "On the register with no active plan or provision", nothing_in_place});
  out.push_back({"provision_without_baseline", "medium", "Provision without a baseline measure",
                 [](RuleContext& c) { return measures(c, false); }});
  out.push_back({"provision_without_exit", "low", "Provision ended without an exit measure",
                 [](RuleContext& c) { return measures(c, true); }});
  out.push_back({"low_fidelity", "medium", "Sessions delivered below the planned share", fidelity});
}

}  // namespace sm::rules
