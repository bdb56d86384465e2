// The graduated approach: assess (an evidence snapshot gathered from the MIS data), plan
// (targets, placements, a review date), do (the sessions recorded), review (each target's
// result, everyone's views, the next step). Parent meetings are logged beside it.
#include <boost/json.hpp>
#include <cmath>
#include <map>

#include "model/number_text.hpp"
#include "ops/operation.hpp"
#include "report/attendance.hpp"
#include "report/json_columns.hpp"
#include "report/pupil_lookups.hpp"
#include "report/term_calendar.hpp"
#include "store/audit.hpp"
#include "writeback/outbox.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// Attainment against year-group peers: the pupil's latest and previous scores in each subject
// the school tests termly, and the mean of the peers' latest.
json::array attainment(store::Database& db, std::int64_t pupil, const std::string& date) {
  json::array out;
  auto subjects = db.prepare(
      "SELECT DISTINCT subject FROM assessment_result WHERE pupil_id = ?1 AND result_date IS NOT NULL AND result_date "
      "<= ?2 "
      "ORDER BY subject");
  subjects.bind(1, pupil).bind(2, date);
  std::vector<std::string> list;
  while (subjects.step()) list.push_back(subjects.text(0));
  for (const auto& subject : list) {
    auto mine = db.prepare(
        "SELECT result, result_date FROM assessment_result WHERE pupil_id = ?1 AND subject = ?2 AND result_date <= ?3 "
        "ORDER BY result_date DESC LIMIT 2");
    mine.bind(1, pupil).bind(2, subject).bind(3, date);
    std::vector<std::pair<std::optional<double>, std::string>> results;
    while (mine.step()) results.emplace_back(number_of(mine.text(0)), mine.text(1));
    if (results.empty() || !results[0].first) continue;
    // Peers: the same NC year, on roll, their latest result in the subject up to the date. Pupils
    // first (CROSS JOIN fixes the order): each one's results by the key, not every result scanned.
    auto peers = db.prepare(
        "SELECT a.result FROM pupil p CROSS JOIN assessment_result a ON a.pupil_id = p.id "
        "WHERE p.nc_year = (SELECT nc_year FROM pupil WHERE id = ?1) AND p.left_on IS NULL AND p.id <> ?1 "
        "AND a.subject = ?2 AND a.result_date = (SELECT MAX(b.result_date) FROM assessment_result b "
        "WHERE b.pupil_id = a.pupil_id AND b.subject = ?2 AND b.result_date <= ?3)");
    peers.bind(1, pupil).bind(2, subject).bind(3, date);
    double sum = 0;
    int n = 0;
    while (peers.step())
      if (auto v = number_of(peers.text(0))) {
        sum += *v;
        ++n;
      }
    json::object row{{"subject", subject}, {"latest", *results[0].first}, {"latest_date", results[0].second}};
    if (results.size() > 1 && results[1].first)
      row["change_since_previous"] = model::round1(*results[0].first - *results[1].first);
    row["peers"] = n;
    row["peers_mean"] = n ? json::value(model::round1(sum / n)) : json::value(nullptr);
    if (n) row["difference_from_peers"] = model::round1(*results[0].first - sum / n);
    out.push_back(std::move(row));
  }
  return out;
}

json::object attendance(store::Database& db, std::int64_t pupil, model::Date date) {
  auto s = db.prepare(
      "SELECT marks_start, marks FROM attendance_year WHERE pupil_id = ?1 AND marks IS NOT NULL ORDER BY year");
  s.bind(1, pupil);
  report::AttendanceTally last_12_weeks, year;
  auto from = model::add_days(date, -84);
  while (s.step()) {
    auto start = model::parse_date(s.text(0));
    if (!start) continue;
    auto a = report::tally_marks(s.text(1), *start, from, date);
    last_12_weeks.possible += a.possible;
    last_12_weeks.attended += a.attended;
    if (model::academic_year_of(*start) == model::academic_year_of(date)) {
      auto t = report::tally_marks(s.text(1), *start, std::nullopt, date);  // every school this year
      year.possible += t.possible;
      year.attended += t.attended;
    }
  }
  auto percent = [](const report::AttendanceTally& t) {
    return t.percent() ? json::value(model::round1(*t.percent())) : json::value(nullptr);
  };
  return {{"last_12_weeks_percent", percent(last_12_weeks)},
          {"year_to_date_percent", percent(year)},
          {"persistent_absence", year.persistent_absence()}};
}

json::object history(store::Database& db, std::int64_t pupil) {
  auto cycles = db.prepare("SELECT COUNT(*), SUM(reviewed_on IS NOT NULL) FROM sen_cycle WHERE pupil_id = ?1");
  cycles.bind(1, pupil);
  cycles.step();
  auto last = db.prepare(
      "SELECT next_step FROM sen_cycle WHERE pupil_id = ?1 AND reviewed_on IS NOT NULL ORDER BY reviewed_on DESC LIMIT "
      "1");
  last.bind(1, pupil);
  json::value last_step = last.step() ? json::value(last.text(0)) : json::value(nullptr);
  auto placements = db.prepare(
      "SELECT pr.name, pl.start_date, pl.end_date FROM placement pl JOIN provision pr ON pr.id = pl.provision_id "
      "WHERE pl.pupil_id = ?1 ORDER BY pl.start_date");
  placements.bind(1, pupil);
  json::array list;
  while (placements.step())
    list.push_back({{"provision", placements.text(0)},
                    {"start", placements.text(1)},
                    {"end", report::text_or_null(placements, 2)}});
  return {{"previous_cycles", cycles.integer(0)},
          {"reviewed_cycles", cycles.is_null(1) ? 0 : cycles.integer(1)},
          {"last_next_step", last_step},
          {"placements", std::move(list)}};
}

}  // namespace

json::value cycle_json(store::Database& db, std::int64_t id) {
  auto& s = db.cached(
      "SELECT c.id, p.upn, c.assessed_on, c.evidence, c.pupil_views, c.parent_views, c.assess_notes, c.planned_on, "
      "c.review_due, c.reviewed_on, c.review, c.next_step, c.pupil_id FROM sen_cycle c JOIN pupil p ON p.id = "
      "c.pupil_id WHERE c.id = ?1");
  s.bind(1, id);
  if (!s.step()) throw NotFound("no cycle with id " + std::to_string(id));
  auto text = [&](int c) { return report::text_or_null(s, c); };
  json::array targets;
  auto& t = db.cached(
      "SELECT id, target, success_criteria, result, evidence FROM cycle_target WHERE cycle_id = ?1 ORDER BY id");
  t.bind(1, id);
  while (t.step())
    targets.push_back({{"id", t.integer(0)},
                       {"target", t.text(1)},
                       {"success_criteria", t.text(2)},
                       {"result", report::text_or_null(t, 3)},
                       {"evidence", report::text_or_null(t, 4)}});
  json::array placements;
  auto& p = db.cached("SELECT placement_id FROM cycle_placement WHERE cycle_id = ?1 ORDER BY placement_id");
  p.bind(1, id);
  while (p.step()) placements.push_back(p.integer(0));
  std::string stage = !s.is_null(9) ? "reviewed" : !s.is_null(7) ? "do" : "planning";
  const auto pupil = s.integer(12);
  json::object out{{"id", s.integer(0)},
                   {"upn", s.text(1)},
                   {"stage", stage},
                   {"assess",
                    {{"date", s.text(2)},
                     {"evidence", json::parse(s.text(3))},
                     {"pupil_views", text(4)},
                     {"parent_views", text(5)},
                     {"notes", text(6)}}},
                   {"plan",
                    {{"date", text(7)},
                     {"review_due", text(8)},
                     {"targets", std::move(targets)},
                     {"placements", std::move(placements)}}},
                   {"review",
                    {{"date", text(9)},
                     {"views", s.is_null(10) ? json::value(nullptr) : json::parse(s.text(10))},
                     {"next_step", text(11)}}}};
  // What teachers added from their class maps while the cycle ran.
  out["contributions"] = contributions_json(db, pupil, id);
  // The agencies' reports that informed it (their advice is part of the assess evidence).
  out["advice"] = cycle_advice_json(db, id);
  return out;
}

ReviewVoices review_voices(store::Database& db, std::int64_t school, const std::string& from, const std::string& to) {
  auto s = db.prepare(
      "SELECT COUNT(*), COUNT(CASE WHEN COALESCE(json_extract(c.review, '$.pupil'), '') <> '' THEN 1 END), "
      "COUNT(CASE WHEN COALESCE(json_extract(c.review, '$.parent'), '') <> '' THEN 1 END) FROM sen_cycle c JOIN pupil "
      "p ON p.id = c.pupil_id WHERE p.school_id = ?1 AND c.reviewed_on BETWEEN ?2 AND ?3");
  s.bind(1, school).bind(2, from).bind(3, to);
  s.step();
  return {s.integer(0), s.integer(1), s.integer(2)};
}

namespace {

struct CycleState {
  std::int64_t pupil = 0;
  std::string assessed_on;
  std::optional<std::string> planned_on, reviewed_on;
};

CycleState cycle_state(store::Database& db, std::int64_t id) {
  auto s = db.prepare("SELECT pupil_id, assessed_on, planned_on, reviewed_on FROM sen_cycle WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) throw NotFound("no cycle with id " + std::to_string(id));
  return {s.integer(0), s.text(1), s.optional_text(2), s.optional_text(3)};
}

json::value assess(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, true);
  auto date = date_field(r, "date");
  auto day = model::format_date(date);
  not_in_future(context, day, "date");
  auto open = context.db.prepare("SELECT id FROM sen_cycle WHERE pupil_id = ?1 AND reviewed_on IS NULL");
  open.bind(1, pupil);
  if (open.step())
    throw InvalidRequest("upn", "cycle " + std::to_string(open.integer(0)) + " is still open: review it first");
  json::object evidence{{"attainment", attainment(context.db, pupil, day)},
                        {"attendance", attendance(context.db, pupil, date)},
                        {"history", history(context.db, pupil)}};
  auto s = context.db.prepare(
      "INSERT INTO sen_cycle (pupil_id, assessed_on, evidence, pupil_views, parent_views, assess_notes) VALUES "
      "(?1,?2,?3,?4,?5,?6)");
  auto pupil_views = text_field(r, "pupil_views"), parent_views = text_field(r, "parent_views"),
       notes = text_field(r, "notes");
  s.bind(1, pupil).bind(2, day).bind(3, json::serialize(evidence)).bind_borrowed(4, pupil_views);
  s.bind_borrowed(5, parent_views).bind_borrowed(6, notes).run();
  return cycle_json(context.db, context.db.last_insert_id());
}

json::value plan(Context& context, const json::object& r) {
  auto id = r.at("cycle_id").to_number<std::int64_t>();
  auto state = cycle_state(context.db, id);
  auto day = model::format_date(date_field(r, "date"));
  not_in_future(context, day, "date");
  std::vector<FieldError> errors;
  if (state.planned_on) errors.push_back({"cycle_id", "this cycle was already planned on " + *state.planned_on});
  if (day < state.assessed_on)
    errors.push_back({"date", "a plan cannot come before its assessment (" + state.assessed_on + ")"});
  // Reviews are at least termly (the Code, 6.65): without a date, the end of this term, or of
  // the next when less than four weeks of this one remain.
  auto terms = report::pupil_terms(context.db, state.pupil);
  json::array warnings;
  std::string review_due;
  if (r.if_contains("review_due") && r.at("review_due").is_string()) {
    review_due = model::format_date(date_field(r, "review_due"));
    auto term = report::term_at_or_after(terms, *model::parse_date(day));
    auto next = term ? report::term_at_or_after(terms, model::add_days(term->end, 1)) : std::nullopt;
    if (next && review_due > model::format_date(next->end))
      warnings.push_back(json::value("the review is after the end of next term (" + model::format_date(next->end) +
                                     "): the Code expects reviews at least termly"));
  } else if (auto term = report::term_at_or_after(terms, model::add_days(*model::parse_date(day), 28))) {
    review_due = model::format_date(term->end);
  } else {
    errors.push_back(
        {"review_due", terms.empty()
                           ? "required: the school's term dates are not configured, so no termly review date can be set"
                           : "required: no configured term ends after " + day});
  }
  if (!review_due.empty() && review_due <= day)
    errors.push_back({"review_due", "the review must be after the plan is made"});
  const auto& targets = r.at("targets").as_array();
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto* t = targets[i].if_object();
    auto field = "targets[" + std::to_string(i + 1) + "]";
    if (!t || !t->contains("target") || !t->at("target").is_string() || t->at("target").as_string().empty() ||
        !t->contains("success_criteria") || !t->at("success_criteria").is_string() ||
        t->at("success_criteria").as_string().empty())
      errors.push_back(
          {field, "each target needs a non-empty \"target\" and \"success_criteria\" (specific and measurable)"});
  }
  std::vector<std::int64_t> placements;
  if (const auto* list = r.if_contains("placement_ids"); list && list->is_array()) {
    for (const auto& p : list->as_array()) {
      auto pid = p.is_int64() ? p.as_int64() : -1;
      auto check = context.db.prepare("SELECT 1 FROM placement WHERE id = ?1 AND pupil_id = ?2");
      check.bind(1, pid).bind(2, state.pupil);
      if (!check.step())
        errors.push_back({"placement_ids", "placement " + json::serialize(p) + " is not this pupil's"});
      else
        placements.push_back(pid);
    }
  }
  if (!errors.empty()) throw InvalidRequest(errors);
  context.db.prepare("UPDATE sen_cycle SET planned_on = ?2, review_due = ?3 WHERE id = ?1")
      .bind(1, id)
      .bind(2, day)
      .bind(3, review_due)
      .run();
  for (const auto& t : targets) {
    context.db.prepare("INSERT INTO cycle_target (cycle_id, target, success_criteria) VALUES (?1, ?2, ?3)")
        .bind(1, id)
        .bind(2, std::string(t.at("target").as_string()))
        .bind(3, std::string(t.at("success_criteria").as_string()))
        .run();
  }
  for (auto pid : placements)
    context.db.prepare("INSERT OR IGNORE INTO cycle_placement (cycle_id, placement_id) VALUES (?1, ?2)")
        .bind(1, id)
        .bind(2, pid)
        .run();
  auto out = cycle_json(context.db, id);
  if (!warnings.empty()) out.as_object()["warnings"] = std::move(warnings);
  return out;
}

json::value review(Context& context, const json::object& r) {
  auto id = r.at("cycle_id").to_number<std::int64_t>();
  auto state = cycle_state(context.db, id);
  auto day = model::format_date(date_field(r, "date"));
  not_in_future(context, day, "date");
  std::vector<FieldError> errors;
  if (!state.planned_on)
    errors.push_back({"cycle_id", "the cycle has no plan yet: a review reviews a plan"});
  else if (day < *state.planned_on)
    errors.push_back({"date", "a review cannot come before the plan (" + *state.planned_on + ")"});
  if (state.reviewed_on) errors.push_back({"cycle_id", "this cycle was already reviewed on " + *state.reviewed_on});
  auto next = text_field(r, "next_step");
  static const std::vector<std::string> steps{"continue", "step_up", "step_down", "leave_register",
                                              "request_ehc_assessment"};
  if (std::find(steps.begin(), steps.end(), next) == steps.end())
    errors.push_back({"next_step", "must be continue, step_up, step_down, leave_register or request_ehc_assessment"});
  std::map<std::int64_t, std::pair<std::string, std::string>> results;
  const auto& outcomes = r.at("targets").as_array();
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const auto* t = outcomes[i].if_object();
    auto field = "targets[" + std::to_string(i + 1) + "]";
    const json::value* tid = t ? t->if_contains("id") : nullptr;
    const json::value* result = t ? t->if_contains("result") : nullptr;
    if (!tid || !tid->is_int64() || !result || !result->is_string() ||
        (result->as_string() != "achieved" && result->as_string() != "partly" && result->as_string() != "not")) {
      errors.push_back({field, "each needs the target's \"id\" and a \"result\" of achieved, partly or not"});
      continue;
    }
    const json::value* evidence = t->if_contains("evidence");
    results[tid->as_int64()] = {std::string(result->as_string()),
                                evidence && evidence->is_string() ? std::string(evidence->as_string()) : ""};
  }
  // Every target of the plan gets a result: none may be left out of a review.
  auto targets = context.db.prepare("SELECT id FROM cycle_target WHERE cycle_id = ?1");
  targets.bind(1, id);
  std::size_t planned = 0;
  while (targets.step()) {
    ++planned;
    if (!results.count(targets.integer(0)))
      errors.push_back({"targets", "target " + std::to_string(targets.integer(0)) + " has no result"});
  }
  if (results.size() > planned) errors.push_back({"targets", "a result refers to a target not in this cycle's plan"});
  if (!errors.empty()) throw InvalidRequest(errors);
  json::object views{{"pupil", text_field(r, "pupil_views")},
                     {"parent", text_field(r, "parent_views")},
                     {"teacher", text_field(r, "teacher_views")},
                     {"staff", text_field(r, "staff_views")}};
  context.db.prepare("UPDATE sen_cycle SET reviewed_on = ?2, review = ?3, next_step = ?4 WHERE id = ?1")
      .bind(1, id)
      .bind(2, day)
      .bind(3, json::serialize(views))
      .bind(4, next)
      .run();
  for (const auto& [tid, result] : results)
    context.db.prepare("UPDATE cycle_target SET result = ?3, evidence = ?4 WHERE id = ?2 AND cycle_id = ?1")
        .bind(1, id)
        .bind(2, tid)
        .bind(3, result.first)
        .bind(4, result.second)
        .run();
  // Leaving the register is a change of SEN status the MIS must record: queued with the review.
  if (next == "leave_register") {
    writeback::queue(
        context.db, "status_change", "status-cycle-" + std::to_string(id), report::upn_of(context.db, state.pupil),
        {{"date", day}, {"status", "N"}, {"reason", "the review of " + day + " agreed to leave the SEN register"}},
        store::utc_timestamp());
  }
  return cycle_json(context.db, id);
}

json::value get_cycle(Context& context, const json::object& r) {
  return cycle_json(context.db, r.at("cycle_id").to_number<std::int64_t>());
}

json::value list_cycles(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, false);
  auto s = context.db.prepare("SELECT id FROM sen_cycle WHERE pupil_id = ?1 ORDER BY assessed_on, id");
  s.bind(1, pupil);
  std::vector<std::int64_t> ids;
  while (s.step()) ids.push_back(s.integer(0));
  json::array cycles;
  for (auto id : ids) cycles.push_back(cycle_json(context.db, id));
  auto m = context.db.prepare("SELECT met_on, notes FROM parent_meeting WHERE pupil_id = ?1 ORDER BY met_on");
  m.bind(1, pupil);
  json::array meetings;
  while (m.step()) meetings.push_back({{"date", m.text(0)}, {"notes", report::text_or_null(m, 1)}});
  return json::object{{"upn", upn},
                      {"cycles", std::move(cycles)},
                      {"parent_meetings", std::move(meetings)},
                      {"parent_meetings_this_year", parent_meetings_this_year(context, pupil)}};
}

json::value parent_meeting(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, true);
  auto day = model::format_date(date_field(r, "date"));
  not_in_future(context, day, "date");
  auto notes = text_field(r, "notes");
  context.db.prepare("INSERT INTO parent_meeting (pupil_id, met_on, notes) VALUES (?1, ?2, ?3)")
      .bind(1, pupil)
      .bind(2, day)
      .bind_borrowed(3, notes)
      .run();
  return json::object{{"id", context.db.last_insert_id()}, {"upn", upn}, {"date", day}};
}

}  // namespace

// The Code expects schools to meet parents of pupils on SEN support at least three times a year:
// this academic year's meetings by term, and how many were expected by now: one a term ended (a
// term still running may yet have its meeting), as the parent_meetings rule counts them.
json::value parent_meetings_this_year(Context& context, std::int64_t pupil) {
  auto terms = report::terms_of_year(report::pupil_terms(context.db, pupil), context.today);
  int year = model::academic_year_of(context.today);
  auto& m = context.db.cached(
      "SELECT met_on FROM parent_meeting WHERE pupil_id = ?1 AND met_on BETWEEN ?2 AND ?3 ORDER BY met_on");
  m.bind(1, pupil).bind(2, std::to_string(year) + "-08-01").bind(3, std::to_string(year + 1) + "-07-31");
  std::vector<std::string> dates;
  while (m.step()) dates.push_back(m.text(0));
  m.reset();
  json::array by_term;
  std::int64_t expected = 0;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    // A meeting in the holiday before a term counts for that term.
    auto from = i == 0 ? std::to_string(year) + "-08-01" : model::format_date(model::add_days(terms[i - 1].end, 1));
    auto to = model::format_date(terms[i].end);
    auto count = std::count_if(dates.begin(), dates.end(), [&](const std::string& d) { return d >= from && d <= to; });
    if (terms[i].end < context.today) ++expected;
    by_term.push_back(
        {{"term", terms[i].name}, {"start", model::format_date(terms[i].start)}, {"end", to}, {"meetings", count}});
  }
  json::object out{{"academic_year", std::to_string(year) + "/" + std::to_string((year + 1) % 100)},
                   {"meetings", dates.size()},
                   {"expected_in_year", 3},
                   {"by_term", std::move(by_term)}};
  if (!terms.empty())
    out["expected_by_now"] = std::min<std::int64_t>(expected, 3);
  else
    out["note"] = "term dates are not configured: meetings are not counted by term";
  return out;
}

// The pupil's current targets and next review date, for class maps.
std::pair<std::vector<std::string>, std::optional<std::string>> current_targets(store::Database& db,
                                                                                std::int64_t pupil) {
  auto& c = db.cached(
      "SELECT id, review_due FROM sen_cycle WHERE pupil_id = ?1 AND planned_on IS NOT NULL AND reviewed_on IS NULL "
      "ORDER BY planned_on DESC LIMIT 1");
  c.bind(1, pupil);
  if (!c.step()) return {{}, std::nullopt};
  std::vector<std::string> targets;
  auto& t = db.cached("SELECT target FROM cycle_target WHERE cycle_id = ?1 ORDER BY id");
  t.bind(1, c.integer(0));
  while (t.step()) targets.push_back(t.text(0));
  return {targets, c.text(1)};
}

void add_cycle_operations(std::vector<Operation>& out) {
  using F = FieldType;
  const Field upn{"upn", F::upn, true, "the pupil's UPN"};
  const Field cycle{"cycle_id", F::integer, true, "the cycle"};
  out.push_back({"cycle.assess",
                 "Start an assess-plan-do-review cycle: gathers attainment against peers, attendance and history",
                 true,
                 {upn,
                  {"date", F::date, true, "the day of the assessment"},
                  {"pupil_views", F::text, false, "the pupil's views"},
                  {"parent_views", F::text, false, "the parents' views"},
                  {"notes", F::text, false, "the teacher's and SENCO's analysis"}},
                 assess});
  out.push_back({"cycle.plan",
                 "Plan a cycle: targets with success criteria, placements, a review date",
                 true,
                 {cycle,
                  {"date", F::date, true, "the day the plan was agreed"},
                  {"targets", F::object_list, true, "[{\"target\",\"success_criteria\"}]"},
                  {"placement_ids", F::integer_list, false, "placements that serve the plan"},
                  {"review_due", F::date, false,
                   "when it will be reviewed (default: the end of this term, or of the next "
                   "when less than four weeks remain)"}},
                 plan});
  out.push_back(
      {"cycle.review",
       "Review a cycle: each target achieved, partly or not, views, and the next step",
       true,
       {cycle,
        {"date", F::date, true, "the day of the review"},
        {"targets", F::object_list, true, "[{\"id\",\"result\":\"achieved|partly|not\",\"evidence\"}]"},
        {"pupil_views", F::text, false, "the pupil's views"},
        {"parent_views", F::text, false, "the parents' views"},
        {"teacher_views", F::text, false, "the teacher's views"},
        {"staff_views", F::text, false, "views of staff who delivered support"},
        {"next_step", F::string, true, "continue, step_up, step_down, leave_register or request_ehc_assessment"}},
       review});
  out.push_back({"cycle.get", "One cycle", false, {cycle}, get_cycle});
  out.push_back({"cycle.list", "The pupil's cycles (the chronology) and parent meetings", false, {upn}, list_cycles});
  out.push_back({"parent.meeting",
                 "Log a meeting with the pupil's parents",
                 true,
                 {upn, {"date", F::date, true, "the day of the meeting"}, {"notes", F::text, false, "what was agreed"}},
                 parent_meeting});
}

}  // namespace sm::ops
