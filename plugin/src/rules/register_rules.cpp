// The register itself: NSA held too long, a need that may be unidentified, and a status that
// differs from what the latest review agreed.
#include <boost/json.hpp>

#include "rules/rule.hpp"

namespace sm::rules {
namespace {

std::vector<Finding> nsa(RuleContext& c) {
  std::vector<Finding> out;
  // A need the MIS sends without a date has held since the pupil's SEN support began.
  auto s = c.db.prepare(
      "SELECT pupil_id, since FROM (SELECT n.pupil_id, COALESCE(n.start_date, (SELECT MAX(sp.start_date) FROM "
      "sen_status_period sp "
      "WHERE sp.pupil_id = n.pupil_id AND sp.provision = 'K')) AS since FROM sen_need n JOIN pupil p ON p.id = "
      "n.pupil_id "
      "WHERE p.left_on IS NULL AND n.need_type = 'NSA' AND (n.end_date IS NULL OR n.end_date > ?1)) WHERE since <= ?2");
  s.bind(1, model::format_date(c.today)).bind(2, model::format_date(model::add_days(c.today, -c.thresholds.nsa_days)));
  while (s.step())
    out.push_back({s.integer(0),
                   "",
                   "NSA (no specialist assessment of need) held since " + s.text(1) + ", " +
                       std::to_string(model::days_between(*model::parse_date(s.text(1)), c.today)) +
                       " days: arrange an assessment of the type of need",
                   {{"since", s.text(1)}}});
  return out;
}

// Not on the register, the two latest scores in a subject both low and falling by more than a
// test's measurement error (score_fall_points), and attendance not the cause (at or above the persistent-absence line).
// The importers keep each subject's two latest scores (assessment_trend), so only the low and falling pairs are read.
std::vector<Finding> unidentified(RuleContext& c) {
  std::vector<Finding> out;
  const auto& on_register = c.on_register();
  const auto& attendance = c.attendance();
  auto s = c.db.prepare(
      "SELECT t.pupil_id, t.subject, t.previous_on, t.previous_score, t.latest_on, t.latest_score FROM "
      "assessment_trend t "
      "JOIN pupil p ON p.id = t.pupil_id WHERE p.left_on IS NULL AND t.previous_score < ?1 AND t.latest_score < ?1 "
      "AND t.latest_score <= t.previous_score - ?2 ORDER BY t.pupil_id, t.source, t.subject");
  s.bind_real(1, c.thresholds.low_score);
  s.bind_real(2, c.thresholds.score_fall_points);
  std::int64_t flagged = -1;
  while (s.step()) {
    auto pupil = s.integer(0);
    if (pupil == flagged || on_register.count(pupil)) continue;  // one flag a pupil: the first subject
    auto a = attendance.find(pupil);
    bool known = a != attendance.end() && a->second.possible > 0;
    if (known && a->second.percent() < c.thresholds.persistent_absence_percent) continue;
    auto subject = s.text(1);
    double before = s.real(3), last = s.real(5);
    out.push_back({pupil,
                   "",
                   "not on the SEN register; " + subject + " " + one_decimal(before) + " (" + s.text(2) + ") then " +
                       one_decimal(last) + " (" + s.text(4) + "), both below " + one_decimal(c.thresholds.low_score) +
                       (known ? ", attendance " + one_decimal(a->second.percent()) + "%" : "") +
                       ": consider whether there is an unidentified need",
                   {{"subject", subject}, {"scores", boost::json::array{before, last}}}});
    flagged = pupil;
  }
  return out;
}

// The latest review agreed to take the pupil off the register, and the MIS still has them on it:
// the census would report a status the school no longer holds.
std::vector<Finding> differs(RuleContext& c) {
  std::vector<Finding> out;
  // Each pupil's latest review first (a few hundred cycles in a school, read in one pass).
  auto last = c.db.prepare(
      "SELECT pupil_id, reviewed_on, next_step FROM sen_cycle WHERE reviewed_on IS NOT NULL ORDER BY pupil_id, "
      "reviewed_on DESC, id DESC");
  auto& since = c.db.cached("SELECT MAX(start_date) FROM sen_status_period WHERE pupil_id = ?1");
  const auto& on_register = c.on_register();
  std::int64_t seen = -1;
  while (last.step()) {
    auto pupil = last.integer(0);
    if (pupil == seen) continue;  // an earlier review of the same pupil
    seen = pupil;
    auto status = on_register.find(pupil);
    if (status == on_register.end() || last.text_view(2) != "leave_register") continue;
    auto reviewed = last.text(1);
    since.bind(1, pupil);
    since.step();
    auto started = since.text(0);
    since.reset();
    if (started > reviewed) continue;  // the MIS has changed the status since the review
    out.push_back({pupil,
                   "",
                   ("the review of " + reviewed)
                       .append(" agreed to leave the register; the MIS still records ")
                       .append(status->second == "E" ? "an EHC plan" : "SEN support")
                       .append(" (since ")
                       .append(started)
                       .append(")"),
                   {{"reviewed_on", reviewed}, {"mis_status", status->second}}});
  }
  return out;
}

}  // namespace

void add_register_rules(std::vector<Rule>& out) {
  out.push_back({"nsa_over_a_term", "low", "NSA held for more than a term", nsa});
  out.push_back({"possible_unidentified_need", "medium", "Possible unidentified need", unidentified});
  out.push_back({"register_differs_from_review", "medium", "Register status differs from the latest review", differs});
}

}  // namespace sm::rules
