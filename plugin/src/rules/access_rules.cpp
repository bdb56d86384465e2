// Exam access arrangements whose JCQ approval lapses while they are still needed: flagged eight
// weeks ahead, so the application is renewed before the next exam series, not found lapsed in it.
#include <boost/json.hpp>

#include "rules/rule.hpp"

namespace sm::rules {
namespace {

constexpr int kWarnWeeks = 8;

std::vector<Finding> approval_lapsing(RuleContext& c) {
  std::vector<Finding> out;
  auto today = model::format_date(c.today);
  auto s = c.db.prepare(
      "SELECT a.id, a.pupil_id, a.kind, a.approved_on, a.valid_to FROM access_arrangement a JOIN pupil p ON p.id = "
      "a.pupil_id WHERE p.left_on IS NULL AND a.approved_on IS NOT NULL AND (a.valid_to IS NULL OR a.valid_to >= ?1) "
      "ORDER BY a.id");
  s.bind(1, today);
  const auto horizon = model::format_date(model::add_days(c.today, 7 * kWarnWeeks));
  while (s.step()) {
    auto lapses = model::format_date(c.clock.access_approval.after(*model::parse_date(s.text(3))));
    if (lapses > horizon) continue;
    auto to = s.optional_text(4);
    if (to && *to <= lapses) continue;  // the arrangement ends before its approval does
    out.push_back({s.integer(1),
                   "access " + std::to_string(s.integer(0)),
                   "exam access arrangement " + s.text(2) + ": its approval of " + s.text(3) +
                       (lapses < today ? " lapsed on " : " lapses on ") + lapses + " (" +
                       c.clock.access_approval.describe() + ", " + c.clock.access_approval.source +
                       "): apply again with current evidence",
                   {{"arrangement_id", s.integer(0)}, {"lapses", lapses}}});
  }
  return out;
}

}  // namespace

void add_access_rules(std::vector<Rule>& out) {
  out.push_back({"access_approval_lapsing", "medium", "Exam access arrangement approval lapsing", approval_lapsing});
}

}  // namespace sm::rules
