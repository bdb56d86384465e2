#include "report/review_dates.hpp"

#include <algorithm>

#include "model/dates.hpp"

namespace sm::report {

const char* what_is_due(ReviewDate::Kind kind) {
  using Kind = ReviewDate::Kind;
  return kind == Kind::sen_support_review  ? "SEN support review"
         : kind == Kind::ehc_annual_review ? "EHC plan annual review"
                                           : "Send the EHC annual review invitations";
}

std::vector<ReviewDate> load_review_dates(store::Database& db, const model::ClockRules& clock,
                                          std::optional<std::int64_t> school_id) {
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
  auto plans = db.prepare(
      "SELECT e.id, e.issue_date, (SELECT MAX(meeting_date) FROM ehc_review r WHERE r.plan_id = e.id), p.forename, "
      "p.surname, p.upn, p.id FROM ehc_plan e JOIN pupil p ON p.id = e.pupil_id WHERE e.issue_date IS NOT NULL "
      "AND e.ceased_date IS NULL AND p.left_on IS NULL AND (?1 IS NULL OR p.school_id = ?1)");
  if (school_id)
    plans.bind(1, *school_id);
  else
    plans.bind_null(1);
  while (plans.step()) {
    auto from = plans.is_null(2) ? plans.text(1) : std::max(plans.text(1), plans.text(2));
    auto due = clock.annual_review.after(*model::parse_date(from));
    auto due_text = model::format_date(due);
    // The review's own date is in the UID: once it is held, the next review is a new event.
    out.push_back({Kind::ehc_annual_review, plans.integer(6), plans.text(5), plans.text(3), plans.text(4), due_text,
                   "ehcp-" + plans.text(0) + "-review-" + due_text + "@senmap", from});
    out.push_back({Kind::ehc_invitations, plans.integer(6), plans.text(5), plans.text(3), plans.text(4),
                   model::format_date(clock.review_invitations.before(due)),
                   "ehcp-" + plans.text(0) + "-invite-" + due_text + "@senmap", from});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  return out;
}

}  // namespace sm::report
