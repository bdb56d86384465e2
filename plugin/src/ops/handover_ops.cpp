// The SENCO's handover pack: what a new SENCO is told to find in their first weeks, in one
// document: the EHC plans with their next dates, the EHC needs assessments in progress, the reviews
// due this term, the register against England, the provision map's spend against the budget, the
// open flags, the agencies and how to reach them, and where staff training is most needed. It names
// pupils: the SENCO's and senior leaders' only.
#include <boost/json.hpp>
#include <map>

#include "model/dates.hpp"
#include "ops/operation.hpp"
#include "report/ehc_clocks.hpp"
#include "report/term_calendar.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

json::object clock_json(const report::EhcClock& c) {
  return {
      {"upn", c.upn},        {"pupil", c.forename + " " + c.surname}, {"year", c.nc_year},        {"stage", c.stage},
      {"next", c.next_what}, {"due", model::format_date(c.due)},      {"days_left", c.days_left}, {"rule", c.rule}};
}

// SEN support reviews not yet held that fall due by the end of this term (overdue ones first).
json::array reviews_due(Context& context, std::int64_t school, const std::string& by) {
  auto s = context.db.prepare(
      "SELECT p.upn, p.forename || ' ' || p.surname, p.nc_year, c.review_due, c.id FROM sen_cycle c JOIN pupil p ON "
      "p.id = c.pupil_id WHERE p.school_id = ?1 AND p.left_on IS NULL AND c.reviewed_on IS NULL AND c.review_due IS "
      "NOT NULL AND c.review_due <= ?2 ORDER BY c.review_due, p.surname, p.forename");
  s.bind(1, school).bind(2, by);
  json::array out;
  const auto today = model::format_date(context.today);
  while (s.step())
    out.push_back({{"upn", s.text(0)},
                   {"pupil", s.text(1)},
                   {"year", s.text(2)},
                   {"review_due", s.text(3)},
                   {"overdue", s.text(3) < today},
                   {"cycle_id", s.integer(4)}});
  return out;
}

json::value handover(Context& context, const json::object& r) {
  const auto school = school_or_only(context.db, r);
  auto names = context.db.prepare("SELECT la || '-' || estab, name FROM school WHERE id = ?1");
  names.bind(1, school);
  names.step();
  const auto code = names.text(0);
  const json::object by_school{{"school", code}};
  const auto today = model::format_date(context.today);

  json::array plans, assessments, missing;
  for (const auto& c : report::load_ehc_clocks(context.db, context.clock, context.today, school))
    (c.stage == "plan issued" ? plans : assessments).push_back(clock_json(c));
  for (const auto& m : report::ehc_dates_missing(context.db, context.today, school))
    missing.push_back({{"upn", m.upn},
                       {"pupil", m.forename + " " + m.surname},
                       {"year", m.nc_year},
                       {"status_since", m.status_since}});

  const auto terms = report::school_terms(context.db, school);
  const auto term = report::term_at_or_after(terms, context.today);
  const auto term_end = term ? model::format_date(term->end) : today;

  json::object out{{"title", "SENCO handover pack"},
                   {"school", code},
                   {"school_name", names.is_null(1) ? json::value(code) : json::value(names.text(1))},
                   {"as_of", today},
                   {"term_ends", term ? json::value(term_end) : json::value(nullptr)},
                   {"ehc_plans", std::move(plans)},
                   {"ehc_plans_without_dates", std::move(missing)},
                   {"assessments_in_progress", std::move(assessments)},
                   {"reviews_due_this_term", reviews_due(context, school, term_end)}};

  if (auto analytics = gather_report(context, "report.register_analytics", by_school)) {
    json::array needs;
    for (const auto& n : analytics->at("by_need").as_array()) needs.push_back(n);
    out["register"] = json::object{{"roll", analytics->at("roll")},
                                   {"school", analytics->at("school")},
                                   {"national", analytics->at("national")},
                                   {"by_need", std::move(needs)}};
  }
  if (auto budget = gather_report(context, "report.budget", by_school))
    out["budget"] = json::object{{"academic_year", budget->at("academic_year")},
                                 {"budget_entered", budget->at("budget_entered")},
                                 {"income_total", budget->at("income").at("total")},
                                 {"spend_total", budget->at("spend").at("total")},
                                 {"spend_by_wave", budget->at("spend").at("by_wave")},
                                 {"spend_by_area", budget->at("spend").at("by_area")},
                                 {"balance", budget->at("balance")}};
  if (auto flags = gather_report(context, "flags.list", by_school)) {
    std::map<std::string, std::pair<std::string, std::int64_t>> by_rule;
    json::array high;
    for (const auto& f : flags->at("flags").as_array()) {
      const auto& flag = f.as_object();
      if (flag.at("state") != "active") continue;
      auto& [title, n] = by_rule[std::string(flag.at("rule").as_string())];
      title = std::string(flag.at("title").as_string());
      ++n;
      if (flag.at("severity") == "high")
        high.push_back({{"upn", flag.at("upn")},
                        {"pupil", flag.at("pupil")},
                        {"title", flag.at("title")},
                        {"explanation", flag.at("explanation")}});
    }
    json::array rules;
    for (const auto& [rule, counted] : by_rule)
      rules.push_back({{"rule", rule}, {"title", counted.first}, {"active", counted.second}});
    out["flags"] = json::object{{"by_rule", std::move(rules)}, {"high", std::move(high)}};
  }
  if (auto agencies = gather_report(context, "agency.list", by_school)) out["agencies"] = agencies->at("agencies");
  if (auto skills = gather_report(context, "report.staff_skills", by_school)) {
    json::array areas;
    for (const auto& a : skills->at("areas").as_array())
      areas.push_back({{"area", a.at("area")},
                       {"register_pupils", a.at("register_pupils")},
                       {"staff_needing_training", a.at("staff_needing_training")},
                       {"percent_staff_ready", a.at("percent_staff_ready")}});
    out["training"] =
        json::object{{"areas", std::move(areas)}, {"training_most_needed", skills->at("training_most_needed")}};
  }
  return out;
}

}  // namespace

void add_handover_operations(std::vector<Operation>& out) {
  out.push_back({"report.handover",
                 "The SENCO's handover pack: EHC plans and their next dates, assessments in progress, reviews due "
                 "this term, the register against England, spend against the budget, open flags, agencies and their "
                 "contacts, where staff training is most needed (names pupils: the SENCO's)",
                 false,
                 {school_field()},
                 handover});
}

}  // namespace sm::ops
