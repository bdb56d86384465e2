// The graduated approach's own rhythm: reviews on time, progress across cycles, and the three
// parent meetings a year the Code expects.
#include "report/term_calendar.hpp"
#include "rules/rule.hpp"

namespace sm::rules {
namespace {

std::vector<Finding> reviews(RuleContext& c, bool overdue) {
  auto today = model::format_date(c.today);
  auto soon = model::format_date(model::add_days(c.today, c.thresholds.review_due_soon_days));
  auto s = c.db.prepare(
      std::string("SELECT cy.id, cy.pupil_id, cy.review_due, cy.planned_on FROM sen_cycle cy JOIN pupil p ON p.id = "
                  "cy.pupil_id "
                  "WHERE p.left_on IS NULL AND cy.planned_on IS NOT NULL AND cy.reviewed_on IS NULL AND ") +
      (overdue ? "cy.review_due < ?1" : "cy.review_due BETWEEN ?1 AND ?2"));
  s.bind(1, today);
  if (!overdue) s.bind(2, soon);
  std::vector<Finding> out;
  while (s.step()) {
    auto due = s.text(2);
    int days = model::days_between(*model::parse_date(due), c.today);
    std::string when = overdue ? std::to_string(days) + " days ago" : "in " + std::to_string(-days) + " days";
    out.push_back({s.integer(1),
                   "cycle " + std::to_string(s.integer(0)),
                   ("review due " + due)
                       .append(", ")
                       .append(when)
                       .append(" (cycle ")
                       .append(std::to_string(s.integer(0)))
                       .append(", planned ")
                       .append(s.text(3))
                       .append(")"),
                   {{"cycle_id", s.integer(0)}, {"review_due", due}, {"planned_on", s.text(3)}}});
  }
  return out;
}

// The last two reviewed cycles each made no progress (every target "not" achieved): step up,
// or ask for an EHC needs assessment.
std::vector<Finding> no_progress(RuleContext& c) {
  auto s = c.db.prepare(
      "SELECT cy.pupil_id, cy.id, cy.reviewed_on, (SELECT COUNT(*) FROM cycle_target t WHERE t.cycle_id = cy.id AND "
      "t.result IN ('achieved', 'partly')) "
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
      out.push_back({pupil,
                     "",
                     "no target achieved, even partly, at the reviews of " + s.text(2) + " and " + later +
                         ": consider stepping up the provision or requesting an EHC needs assessment",
                     {{"reviews", boost::json::array{boost::json::value(s.text(2)), boost::json::value(later)}}}});
  }
  return out;
}

// Fewer meetings with parents this school year than one for each term that has ended (three a
// year). A term still running is not behind: its meeting may be next week. Counting terms begun
// flagged most of the register on the first day of every term.
std::vector<Finding> parent_meetings(RuleContext& c) {
  std::vector<Finding> out;
  int year = model::academic_year_of(c.today);
  // This year's meetings per pupil, and each school's terms, read once.
  std::map<std::int64_t, std::int64_t> met;
  auto m =
      c.db.prepare("SELECT pupil_id, COUNT(*) FROM parent_meeting WHERE met_on BETWEEN ?1 AND ?2 GROUP BY pupil_id");
  m.bind(1, std::to_string(year) + "-08-01").bind(2, model::format_date(c.today));
  while (m.step()) met[m.integer(0)] = m.integer(1);
  std::map<std::int64_t, int> expected_in_school;
  auto schools = c.db.prepare("SELECT DISTINCT school_id FROM school_term");
  while (schools.step()) {
    int expected = 0;
    for (const auto& t : report::terms_of_year(report::school_terms(c.db, schools.integer(0)), c.today))
      if (t.end < c.today && expected < 3) ++expected;
    if (expected > 0) expected_in_school[schools.integer(0)] = expected;
  }
  if (expected_in_school.empty()) return out;  // no term dates this year: nothing to count against
  auto& school_of = c.db.cached("SELECT school_id FROM pupil WHERE id = ?1");
  for (const auto& [pupil, status] : c.on_register()) {
    school_of.bind(1, pupil);
    school_of.step();
    auto it = expected_in_school.find(school_of.integer(0));
    school_of.reset();
    if (it == expected_in_school.end()) continue;
    auto count = met.count(pupil) ? met[pupil] : 0;
    if (count < it->second)
      out.push_back({pupil,
                     "",
                     std::to_string(count) + " meeting(s) with parents this school year; " +
                         std::to_string(it->second) +
                         " expected by the end of last term (the Code: at least three a year, one a term)",
                     {{"meetings", count}, {"expected_by_now", it->second}}});
  }
  return out;
}

}  // namespace

void add_review_rules(std::vector<Rule>& out) {
  out.push_back(
      {"review_overdue", "high", "SEN support review overdue", [](RuleContext& c) { return reviews(c, true); }});
  out.push_back(
      {"review_due_soon", "low", "SEN support review due soon", [](RuleContext& c) { return reviews(c, false); }});
  out.push_back({"no_progress_two_cycles", "high", "No progress over two reviewed cycles", no_progress});
  out.push_back({"parent_meetings_behind", "medium", "Fewer than three parent meetings a year", parent_meetings});
}

}  // namespace sm::rules
