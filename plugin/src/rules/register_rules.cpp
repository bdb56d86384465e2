// The register itself: NSA held too long, a need that may be unidentified, and a status that
// differs from what the latest review agreed.
#include <boost/json.hpp>

#include "ops/operation.hpp"
#include "rules/rule.hpp"

namespace sm::rules {
namespace {

std::vector<Finding> nsa(RuleContext& c) {
  std::vector<Finding> out;
  // A need the MIS sends without a date has held since the pupil's SEN support began.
  auto s = c.db.prepare(
      "SELECT pupil_id, since FROM (SELECT n.pupil_id, COALESCE(n.start_date, (SELECT MAX(sp.start_date) FROM sen_status_period sp "
      "WHERE sp.pupil_id = n.pupil_id AND sp.provision = 'K')) AS since FROM sen_need n JOIN pupil p ON p.id = n.pupil_id "
      "WHERE p.left_on IS NULL AND n.need_type = 'NSA' AND (n.end_date IS NULL OR n.end_date > ?1)) WHERE since <= ?2");
  s.bind(1, model::format_date(c.today)).bind(2, model::format_date(model::add_days(c.today, -c.thresholds.nsa_days)));
  while (s.step())
    out.push_back({s.integer(0), "",
                   "NSA (no specialist assessment of need) held since " + s.text(1) + ", " +
                       std::to_string(model::days_between(*model::parse_date(s.text(1)), c.today)) +
                       " days: arrange an assessment of the type of need",
                   {{"since", s.text(1)}}});
  return out;
}

// Not on the register, the two latest scores in a subject both low and falling, and attendance
// not the cause (at or above the persistent-absence line).
std::vector<Finding> unidentified(RuleContext& c) {
  std::vector<Finding> out;
  auto on_register = register_today(c.db, c.today);
  auto s = c.db.prepare(
      "SELECT r.pupil_id, r.subject, CAST(r.result AS REAL), r.result_date FROM assessment_result r JOIN pupil p ON p.id = r.pupil_id "
      "WHERE p.left_on IS NULL AND r.result_date IS NOT NULL AND r.result GLOB '[0-9]*' AND r.result NOT GLOB '*[^0-9.]*' "
      "ORDER BY r.pupil_id, r.subject, r.result_date DESC");
  auto& attendance = c.db.cached(
      "SELECT SUM(sessions_attended), SUM(sessions_possible) FROM attendance_year WHERE pupil_id = ?1 AND year = "
      "(SELECT MAX(year) FROM attendance_year WHERE pupil_id = ?1)");
  std::int64_t pupil = -1, flagged = -1;
  std::string subject;
  int n = 0;
  double latest = 0;
  std::string latest_date;
  while (s.step()) {
    if (on_register.count(s.integer(0)) || s.integer(0) == flagged) continue;
    if (s.integer(0) != pupil || s.text(1) != subject) {
      pupil = s.integer(0);
      subject = s.text(1);
      n = 0;
    }
    if (++n == 1) {
      latest = s.real(2);
      latest_date = s.text(3);
      continue;
    }
    if (n != 2) continue;
    double before = s.real(2);
    if (!(latest < c.thresholds.low_score && before < c.thresholds.low_score && latest < before)) continue;
    attendance.bind(1, pupil);
    attendance.step();
    double possible = attendance.real(1), attended = attendance.real(0);
    attendance.reset();
    if (possible > 0 && attended * 100.0 < possible * c.thresholds.persistent_absence_percent) continue;  // attendance may explain it
    flagged = pupil;
    out.push_back({pupil, "",
                   "not on the SEN register; " + subject + " " + one_decimal(before) + " (" + s.text(3) + ") then " + one_decimal(latest) +
                       " (" + latest_date + "), both below " + one_decimal(c.thresholds.low_score) +
                       (possible > 0 ? ", attendance " + one_decimal(100.0 * attended / possible) + "%" : "") +
                       ": consider whether there is an unidentified need",
                   {{"subject", subject}, {"scores", boost::json::array{before, latest}}}});
  }
  return out;
}

// The latest review agreed to take the pupil off the register, and the MIS still has them on it:
// the census would report a status the school no longer holds.
std::vector<Finding> differs(RuleContext& c) {
  std::vector<Finding> out;
  auto& last = c.db.cached(
      "SELECT reviewed_on, next_step FROM sen_cycle WHERE pupil_id = ?1 AND reviewed_on IS NOT NULL ORDER BY reviewed_on DESC, id DESC LIMIT 1");
  auto& since = c.db.cached("SELECT MAX(start_date) FROM sen_status_period WHERE pupil_id = ?1");
  for (const auto& [pupil, status] : register_today(c.db, c.today)) {
    last.reset();
    last.bind(1, pupil);
    if (!last.step()) continue;
    auto reviewed = last.text(0);
    auto step = last.text(1);
    last.reset();
    if (step != "leave_register") continue;
    since.bind(1, pupil);
    since.step();
    auto started = since.text(0);
    since.reset();
    if (started > reviewed) continue;  // the MIS has changed the status since the review
    out.push_back({pupil, "",
                   "the review of " + reviewed + " agreed to leave the register; the MIS still records " +
                       (status == "E" ? std::string("an EHC plan") : std::string("SEN support")) + " (since " + started + ")",
                   {{"reviewed_on", reviewed}, {"mis_status", status}}});
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
