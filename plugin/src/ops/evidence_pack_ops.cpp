// The EHC needs-assessment evidence pack: what an LA asks for with a request, gathered from what
// the school already recorded. The pupil's record, every cycle of SEN support with its targets,
// outcomes and views, every placement with sessions and measures, parent meetings, and one
// chronology, plus the gaps an LA would query before the SENCO sends it.
#include <algorithm>
#include <boost/json.hpp>

#include "model/number_text.hpp"
#include "ops/operation.hpp"
#include "report/pupil_record.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

struct Event {
  std::string date, kind, what, detail;
};

std::string str(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "";
  if (v.is_double()) return model::decimal_text(v.as_double());
  return json::serialize(v);
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts)
    if (!p.empty()) out += (out.empty() ? "" : "; ") + p;
  return out;
}

void cycle_events(const json::value& c, std::vector<Event>& out, int& reviewed, int& not_achieved, int& views_missing) {
  const auto& assess = c.at("assess");
  std::vector<std::string> views;
  if (!assess.at("pupil_views").is_null()) views.push_back("pupil: " + str(assess.at("pupil_views")));
  if (!assess.at("parent_views").is_null()) views.push_back("parents: " + str(assess.at("parent_views")));
  if (views.size() < 2) ++views_missing;
  if (!assess.at("notes").is_null()) views.push_back("analysis: " + str(assess.at("notes")));
  out.push_back(
      {str(assess.at("date")), "assess", "SEN support cycle " + str(c.at("id")) + ": assessment", joined(views)});
  const auto& plan = c.at("plan");
  if (!plan.at("date").is_null()) {
    std::vector<std::string> targets;
    for (const auto& t : plan.at("targets").as_array())
      targets.push_back(str(t.at("target")) + " (success: " + str(t.at("success_criteria")) + ")");
    out.push_back(
        {str(plan.at("date")), "plan", "Plan agreed, review due " + str(plan.at("review_due")), joined(targets)});
  }
  const auto& review = c.at("review");
  if (!review.at("date").is_null()) {
    ++reviewed;
    std::vector<std::string> results;
    bool any_achieved = false;
    for (const auto& t : plan.at("targets").as_array()) {
      auto result = str(t.at("result"));
      any_achieved = any_achieved || result == "achieved";
      results.push_back(str(t.at("target")) + ": " + (result.empty() ? "not recorded" : result) +
                        (t.at("evidence").is_null() ? "" : " (" + str(t.at("evidence")) + ")"));
    }
    if (!any_achieved) ++not_achieved;
    if (review.at("views").is_object())
      for (const auto& [who, said] : review.at("views").as_object())
        results.push_back(std::string(who) + ": " + str(said));
    out.push_back(
        {str(review.at("date")), "review", "Review: next step " + str(review.at("next_step")), joined(results)});
  }
}

void placement_events(const json::value& p, std::vector<Event>& out, int& without_exit) {
  auto name = str(p.at("provision").at("name"));
  const auto& baseline = p.at("baseline");
  out.push_back({str(p.at("start")), "provision", "Started " + name,
                 baseline.is_null() ? "no baseline recorded"
                                    : "baseline " + str(baseline.at("value")) + " (" + str(baseline.at("date")) + ")"});
  if (!p.at("end").is_null()) {
    const auto& exit = p.at("exit");
    const auto& s = p.at("sessions");
    if (exit.is_null()) ++without_exit;
    out.push_back({str(p.at("end")), "provision", "Ended " + name,
                   joined({exit.is_null() ? "no exit measure"
                                          : "exit " + str(exit.at("value")) + " (" + str(exit.at("date")) + ")",
                           str(s.at("delivered")) + " of " + str(s.at("planned")) + " sessions delivered, " +
                               str(s.at("attended")) + " attended",
                           p.at("outcome").is_null() ? "" : "outcome: " + str(p.at("outcome"))})});
  }
}

json::value evidence_pack(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, false);
  auto record = report::pupil_record_json(context.db, upn, context.today);
  if (!record) throw NotFound("no pupil with UPN " + upn);

  std::vector<Event> events;
  for (const auto& period : record->at("status_history").as_array())
    events.push_back({str(period.at("start")), "status", "SEN status " + str(period.at("status")), ""});
  auto needs = context.db.prepare(
      "SELECT need_type, rank, start_date, end_date, recorded_by FROM sen_need WHERE pupil_id = ?1 AND start_date IS "
      "NOT NULL");
  needs.bind(1, pupil);
  while (needs.step())
    events.push_back({needs.text(2), "need",
                      "Need " + needs.text(0) + " (rank " + std::to_string(needs.integer(1)) + ")",
                      joined({needs.is_null(3) ? "" : "until " + needs.text(3),
                              needs.is_null(4) ? "from the MIS" : "agreed at a review"})});

  json::array cycles, placements, meetings;
  int reviewed = 0, not_achieved = 0, views_missing = 0, without_exit = 0;
  auto c = context.db.prepare("SELECT id FROM sen_cycle WHERE pupil_id = ?1 ORDER BY assessed_on, id");
  c.bind(1, pupil);
  std::vector<std::int64_t> ids;
  while (c.step()) ids.push_back(c.integer(0));
  for (auto id : ids) {
    auto cycle = cycle_json(context.db, id);
    cycle_events(cycle, events, reviewed, not_achieved, views_missing);
    cycles.push_back(std::move(cycle));
  }
  ids.clear();
  auto p = context.db.prepare("SELECT id FROM placement WHERE pupil_id = ?1 ORDER BY start_date, id");
  p.bind(1, pupil);
  while (p.step()) ids.push_back(p.integer(0));
  for (auto id : ids) {
    auto placement = placement_json(context.db, id);
    placement_events(placement, events, without_exit);
    placements.push_back(std::move(placement));
  }
  auto m = context.db.prepare("SELECT met_on, notes FROM parent_meeting WHERE pupil_id = ?1 ORDER BY met_on");
  m.bind(1, pupil);
  while (m.step()) {
    events.push_back({m.text(0), "parents", "Meeting with parents", m.is_null(1) ? "" : m.text(1)});
    meetings.push_back({{"date", m.text(0)}, {"notes", m.is_null(1) ? json::value(nullptr) : json::value(m.text(1))}});
  }
  auto ehc = context.db.prepare(
      "SELECT CASE WHEN recorded_existing THEN NULL ELSE request_date END, la, decision, decision_date, issue_date, "
      "ceased_date FROM ehc_plan WHERE pupil_id = ?1");
  ehc.bind(1, pupil);
  while (ehc.step()) {
    if (!ehc.is_null(0))  // a plan held before senmap has no request recorded
      events.push_back({ehc.text(0), "ehc", "EHC needs assessment requested from LA " + ehc.text(1), ""});
    if (!ehc.is_null(3)) events.push_back({ehc.text(3), "ehc", "LA decision: " + ehc.text(2), ""});
    if (!ehc.is_null(4)) events.push_back({ehc.text(4), "ehc", "EHC plan issued", ""});
    if (!ehc.is_null(5) && ehc.text(2) != "refuse") events.push_back({ehc.text(5), "ehc", "EHC plan ceased", ""});
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.date < b.date; });
  json::array chronology;
  for (const auto& e : events)
    chronology.push_back({{"date", e.date}, {"kind", e.kind}, {"what", e.what}, {"detail", e.detail}});

  // What an LA would query: LAs expect several reviewed cycles, with the family's views.
  json::array gaps;
  if (reviewed < 2)
    gaps.push_back(
        json::value(std::to_string(reviewed) + " reviewed cycle(s) of SEN support: LAs expect evidence of several"));
  if (views_missing > 0)
    gaps.push_back(
        json::value(std::to_string(views_missing) + " cycle(s) without both the pupil's and the parents' views"));
  if (without_exit > 0)
    gaps.push_back(json::value(std::to_string(without_exit) + " ended provision(s) without an exit measure"));
  if (placements.empty()) gaps.push_back(json::value("no provision recorded: show what the school has put in place"));

  const auto& rec = record->as_object();
  return json::object{{"pupil",
                       {{"upn", upn},
                        {"surname", rec.at("surname")},
                        {"forename", rec.at("forename")},
                        {"dob", rec.at("dob")},
                        {"nc_year", rec.at("nc_year")},
                        {"status", rec.at("status")},
                        {"status_since", rec.at("status_since")},
                        {"needs", rec.at("needs")}}},
                      {"prepared_on", model::format_date(context.today)},
                      {"summary",
                       {{"cycles", cycles.size()},
                        {"cycles_reviewed", reviewed},
                        {"reviews_with_no_target_achieved", not_achieved},
                        {"placements", placements.size()},
                        {"parent_meetings", meetings.size()}}},
                      {"gaps", std::move(gaps)},
                      {"chronology", std::move(chronology)},
                      {"cycles", std::move(cycles)},
                      {"placements", std::move(placements)},
                      {"parent_meetings", std::move(meetings)},
                      {"attendance", rec.at("attendance")},
                      {"assessments", rec.at("assessments")}};
}

}  // namespace

void add_evidence_pack_operations(std::vector<Operation>& out) {
  out.push_back(
      {"report.evidence_pack",
       "The EHC needs-assessment evidence pack: the chronology of cycles, provision, outcomes and views, and the gaps "
       "an LA would query",
       false,
       {{"upn", FieldType::upn, true, "the pupil's UPN"}},
       evidence_pack});
}

}  // namespace sm::ops
