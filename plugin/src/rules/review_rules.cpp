// The graduated approach's own rhythm: reviews on time, progress across cycles, and the three
// parent meetings a year the Code expects.
#include "report/term_calendar.hpp"
#include "rules/rule.hpp"

namespace sm::rules {
namespace {

std::vector<Finding> reviews(RuleContext& c, bool overdue) {
  auto today = model::format_date(c.today);
  auto soon = model::format_date(model::add_days(c.today, c.thresholds.review_due_soon_days));
  auto s = c.db.prepare(std::string(
      "SELECT cy.id, cy.pupil_id, cy.review_due, cy.planned_on FROM sen_cycle cy JOIN pupil p ON p.id = cy.pupil_id "
      "WHERE p.left_on IS NULL AND cy.planned_on IS NOT NULL AND cy.reviewed_on IS NULL AND ") +
      (overdue ? "cy.review_due < ?1" : "cy.review_due BETWEEN ?1 AND ?2"));
  s.bind(1, today);
  if (!overdue) s.bind(2, soon);
  std::vector<Finding> out;
  while (s.step()) {
    auto due = s.text(2);
    int days = model::days_between(*model::parse_date(due), c.today);
    std::string when = overdue ? std::to_string(days) + " days ago" : "in " + std::to_string(-days) + " days";
    out.push_back({s.integer(1), "cycle " + std::to_string(s.integer(0)),
                   "review due " + due + ", " + when + " (cycle " + std::to_string(s.integer(0)) + ", planned " + s.text(3) + ")",
                   {{"cycle_id", s.integer(0)}, {"review_due", due}, {"planned_on", s.text(3)}}});
  }
  return out;
}

// The last two reviewed cycles each achieved no target: step up, or ask for an EHC needs assessment.
std::vector<Finding> no_progress(RuleContext& c) {
  auto s = c.db.prepare(
      "SELECT cy.pupil_id, cy.id, cy.reviewed_on, (SELECT COUNT(*) FROM cycle_target t WHERE t.cycle_id = cy.id AND t.result = 'achieved') "
      "FROM sen_cycle cy JOIN pupil p ON p.id = cy.pupil_id WHERE p.left_on IS NULL AND cy.reviewed_on IS NOT NULL "
      "ORDER BY cy.pupil_id, cy.reviewed_on DESC, cy.id DESC");
  std::vector<Finding> out;
  std::int64_t pupil = -1;
  int seen = 0;
  std::string later;
  bool none_so_far = true;
  while (s.step()) {
    if (s.integer(0) != pupil) {
      pupil = s.integer(0);
      seen = 0;
      none_so_far = true;
    }
    if (++seen > 2) continue;
    none_so_far = none_so_far && s.integer(3) == 0;
    if (seen == 1) later = s.text(2);
    if (seen == 2 && none_so_far)
      out.push_back({pupil, "",
                     "no target achieved at the reviews of " + s.text(2) + " and " + later +
                         ": consider stepping up the provision or requesting an EHC needs assessment",
                     {{"reviews", boost::json::array{boost::json::value(s.text(2)), boost::json::value(later)}}}});
  }
  return out;
}

// Fewer meetings with parents this school year than one for each term begun (three a year).
std::vector<Finding> parent_meetings(RuleContext& c) {
  std::vector<Finding> out;
  int year = model::academic_year_of(c.today);
  for (const auto& [pupil, status] : register_today(c.db, c.today)) {
    auto terms = report::terms_of_year(report::pupil_terms(c.db, pupil), c.today);
    if (terms.empty()) continue;  // no term dates: nothing to count against
    int expected = 0;
    for (const auto& t : terms)
      if (t.start <= c.today && expected < 3) ++expected;
    auto& m = c.db.cached("SELECT COUNT(*) FROM parent_meeting WHERE pupil_id = ?1 AND met_on BETWEEN ?2 AND ?3");
    m.bind(1, pupil).bind(2, std::to_string(year) + "-08-01").bind(3, model::format_date(c.today));
    m.step();
    auto met = m.integer(0);
    m.reset();
    if (met < expected)
      out.push_back({pupil, "",
                     std::to_string(met) + " meeting(s) with parents this school year; " + std::to_string(expected) +
                         " expected by now (the Code: at least three a year, one a term)",
                     {{"meetings", met}, {"expected_by_now", expected}}});
  }
  return out;
}

}  // namespace

void add_review_rules(std::vector<Rule>& out) {
  out.push_back({"review_overdue", "high", "SEN support review overdue", [](RuleContext& c) { return reviews(c, true); }});
  out.push_back({"review_due_soon", "low", "SEN support review due soon", [](RuleContext& c) { return reviews(c, false); }});
  out.push_back({"no_progress_two_cycles", "high", "No progress over two reviewed cycles", no_progress});
  out.push_back({"parent_meetings_behind", "medium", "Fewer than three parent meetings a year", parent_meetings});
}

}  // namespace sm::rules
