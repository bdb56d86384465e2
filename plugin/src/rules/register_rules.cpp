// The register itself: NSA held too long, a need that may be unidentified, and a status that
// differs from what the latest review agreed.
#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

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
// not the cause (at or above the persistent-absence line). Results are read in storage order
// (clustered by pupil: no sort), keeping each subject's two latest.
std::vector<Finding> unidentified(RuleContext& c) {
  std::vector<Finding> out;
  const auto& on_register = c.on_register();
  const auto& attendance = c.attendance();
  struct Score {
    std::string date;
    double value = 0;
  };
  struct Latest {
    Score last, before;
  };
  std::vector<std::pair<std::string, Latest>> subjects;  // a pupil has a handful: a vector beats a map
  std::int64_t pupil = -1;
  auto judge = [&] {
    if (pupil < 0) return;
    auto a = attendance.find(pupil);
    if (a != attendance.end() && a->second.possible > 0 && a->second.percent() < c.thresholds.persistent_absence_percent) return;
    for (const auto& [subject, l] : subjects) {
      if (l.before.date.empty()) continue;
      if (!(l.last.value < c.thresholds.low_score && l.before.value < c.thresholds.low_score && l.last.value < l.before.value)) continue;
      out.push_back({pupil, "",
                     "not on the SEN register; " + subject + " " + one_decimal(l.before.value) + " (" + l.before.date + ") then " +
                         one_decimal(l.last.value) + " (" + l.last.date + "), both below " + one_decimal(c.thresholds.low_score) +
                         (a != attendance.end() && a->second.possible > 0 ? ", attendance " + one_decimal(a->second.percent()) + "%" : "") +
                         ": consider whether there is an unidentified need",
                     {{"subject", subject}, {"scores", boost::json::array{l.before.value, l.last.value}}}});
      return;  // one flag a pupil: the first subject that shows it
    }
  };
  auto s = c.db.prepare(
      "SELECT r.pupil_id, r.subject, r.result, r.result_date FROM assessment_result r WHERE r.result_date IS NOT NULL");
  while (s.step()) {
    auto id = s.integer(0);
    if (id != pupil) {
      judge();
      pupil = id;
      subjects.clear();
    }
    if (on_register.count(id)) continue;
    // A score: digits (letters such as A absent or B below the test carry none).
    auto text = s.text_view(2);
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) continue;
    auto subject = s.text_view(1);
    auto it = std::find_if(subjects.begin(), subjects.end(), [&](const auto& e) { return e.first == subject; });
    if (it == subjects.end()) it = subjects.insert(subjects.end(), {std::string(subject), Latest{}});
    auto& l = it->second;
    auto date = s.text_view(3);
    if (date >= l.last.date) {
      l.before = std::move(l.last);
      l.last = Score{std::string(date), value};
    } else if (date >= l.before.date) {
      l.before = Score{std::string(date), value};
    }
  }
  judge();
  // Leavers are not judged: their results stay in the store.
  std::erase_if(out, [&](const Finding& f) {
    auto& left = c.db.cached("SELECT left_on IS NOT NULL FROM pupil WHERE id = ?1");
    left.bind(1, f.pupil);
    bool gone = left.step() && left.integer(0) != 0;
    left.reset();
    return gone;
  });
  return out;
}

// The latest review agreed to take the pupil off the register, and the MIS still has them on it:
// the census would report a status the school no longer holds.
std::vector<Finding> differs(RuleContext& c) {
  std::vector<Finding> out;
  auto& last = c.db.cached(
      "SELECT reviewed_on, next_step FROM sen_cycle WHERE pupil_id = ?1 AND reviewed_on IS NOT NULL ORDER BY reviewed_on DESC, id DESC LIMIT 1");
  auto& since = c.db.cached("SELECT MAX(start_date) FROM sen_status_period WHERE pupil_id = ?1");
  for (const auto& [pupil, status] : c.on_register()) {
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
