// What an annual review meeting looks at and decides, as the Code of Practice (9.176) has the
// report record it: the pupil's and the parents' views gathered for it, who came, each of the
// plan's outcomes (Section E) judged met, partly met or not met, the amendments proposed and what
// the meeting recommends to the LA. All of it can be corrected until the report goes to the LA:
// what was sent is then settled.
#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "ops/ehc_review_invitations.hpp"
#include "ops/operation.hpp"
#include "store/audit.hpp"
#include "store/ehc_plans.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

constexpr std::array<std::string_view, 3> kProgress{"met", "partly_met", "not_met"};
constexpr std::array<std::string_view, 3> kRecommendations{"maintain", "amend", "cease"};
constexpr std::array<std::string_view, 4> kViewQuestions{"important_now", "important_future", "working", "not_working"};
constexpr std::size_t kLongText = 4000;  // a view or a note: a page of writing, not a file

store::OpenEhcPlan plan_to_review(Context& context, const std::string& upn) {
  return issued_plan(context, upn, true, "the plan has not been issued yet: it has no outcomes to review");
}

// The last meeting held, while its record may still change: held through senmap, report not sent.
std::string meeting_held(const store::OpenEhcPlan& plan) {
  if (!plan.last_review_meeting || plan.last_review.recorded_existing)
    throw InvalidRequest("upn", "no annual review meeting is recorded as held: record the meeting first");
  auto meeting = model::format_date(*plan.last_review_meeting);
  if (plan.last_review.report_sent)
    throw InvalidRequest("upn", "the report of the review on " + meeting + " was sent to the LA on " +
                                    model::format_date(*plan.last_review.report_sent) + ": what it records is settled");
  return meeting;
}

std::string long_text(const json::object& r, std::string_view name, std::vector<FieldError>& errors) {
  const auto* v = r.if_contains(name);
  if (!v || v->is_null()) return {};
  if (!v->is_string()) {
    errors.push_back({std::string(name), "must be text"});
    return {};
  }
  std::string text(v->as_string());
  if (text.size() > kLongText) errors.push_back({std::string(name), "at most 4000 characters"});
  return text;
}

json::value add_outcome(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto plan = plan_to_review(context, upn);
  std::vector<FieldError> errors;
  auto outcome = long_text(r, "outcome", errors);
  if (outcome.find_first_not_of(" \t\r\n") == std::string::npos)
    errors.push_back({"outcome", "the outcome as the plan words it (Section E)"});
  if (!errors.empty()) throw InvalidRequest(errors);
  auto day = date_field(r, "date");
  not_in_future(context, model::format_date(day), "date");
  if (day < *plan.issue)
    throw InvalidRequest("date", "cannot come before the plan was issued (" + model::format_date(*plan.issue) + ")");
  context.db.prepare("INSERT INTO ehc_outcome (plan_id, outcome, added_on, created_at) VALUES (?1, ?2, ?3, ?4)")
      .bind(1, plan.id)
      .bind(2, outcome)
      .bind(3, model::format_date(day))
      .bind(4, store::utc_timestamp())
      .run();
  auto id = context.db.last_insert_id();
  return json::object{{"id", id}, {"upn", upn}, {"outcomes", plan_outcomes_json(context.db, plan.id, std::nullopt)}};
}

json::value end_outcome(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto plan = plan_to_review(context, upn);
  auto id = r.at("outcome_id").to_number<std::int64_t>();
  auto s = context.db.prepare("SELECT added_on, ended_on FROM ehc_outcome WHERE id = ?1 AND plan_id = ?2");
  s.bind(1, id).bind(2, plan.id);
  if (!s.step()) throw InvalidRequest("outcome_id", "no outcome " + std::to_string(id) + " is in this plan");
  if (!s.is_null(1)) throw InvalidRequest("outcome_id", "this outcome already ended on " + s.text(1));
  auto added = s.text(0);
  auto day = model::format_date(date_field(r, "date"));
  not_in_future(context, day, "date");
  if (day < added) throw InvalidRequest("date", "cannot come before the outcome was added (" + added + ")");
  context.db.prepare("UPDATE ehc_outcome SET ended_on = ?2 WHERE id = ?1").bind(1, id).bind(2, day).run();
  return json::object{{"id", id}, {"upn", upn}, {"outcomes", plan_outcomes_json(context.db, plan.id, std::nullopt)}};
}

json::value record_views(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto in_hand = meeting_in_hand(context, upn);
  const auto& plan = in_hand.plan;
  const auto& meeting = in_hand.date;
  std::vector<FieldError> errors;
  auto whose = text_field(r, "whose");
  if (whose != "pupil" && whose != "parent") errors.push_back({"whose", "must be pupil or parent"});
  std::array<std::string, kViewQuestions.size()> answers;
  for (std::size_t i = 0; i < kViewQuestions.size(); ++i) answers[i] = long_text(r, kViewQuestions[i], errors);
  if (std::all_of(answers.begin(), answers.end(),
                  [](const std::string& a) { return a.find_first_not_of(" \t\r\n") == std::string::npos; }))
    errors.push_back({"important_now",
                      "at least one answer: what is important now and in the future, what is "
                      "working and what is not"});
  if (!errors.empty()) throw InvalidRequest(errors);
  auto day = model::format_date(date_field(r, "date"));
  not_in_future(context, day, "date");
  if (in_hand.held && day > meeting)
    throw InvalidRequest("date", "views are gathered for the meeting, by its day (" + meeting + ")");
  context.db
      .prepare(
          "INSERT INTO ehc_review_views (plan_id, meeting_date, whose, important_now, important_future, working, "
          "not_working, gathered_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
          "ON CONFLICT (plan_id, meeting_date, whose) DO UPDATE SET important_now = excluded.important_now, "
          "important_future = excluded.important_future, working = excluded.working, not_working = "
          "excluded.not_working, gathered_on = excluded.gathered_on")
      .bind(1, plan.id)
      .bind(2, meeting)
      .bind(3, whose)
      .bind(4, answers[0])
      .bind(5, answers[1])
      .bind(6, answers[2])
      .bind(7, answers[3])
      .bind(8, day)
      .bind(9, store::utc_timestamp())
      .run();
  return json::object{
      {"upn", upn}, {"meeting_date", meeting}, {"record", review_record_json(context.db, plan.id, meeting)}};
}

// Who came: the invitations listed attended, every other invitation to the meeting did not.
json::value record_attendance(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto plan = plan_to_review(context, upn);
  auto meeting = meeting_held(plan);
  std::set<std::int64_t> invited;
  auto s = context.db.prepare("SELECT id FROM ehc_review_invitation WHERE plan_id = ?1 AND meeting_date = ?2");
  s.bind(1, plan.id).bind(2, meeting);
  while (s.step()) invited.insert(s.integer(0));
  if (invited.empty())
    throw InvalidRequest("upn",
                         "nobody is recorded as invited to the meeting on " + meeting + ": record the invitations");
  std::vector<FieldError> errors;
  std::set<std::int64_t> came;
  const auto& list = r.at("attended").as_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto id = list[i].to_number<std::int64_t>();
    if (!invited.count(id))
      errors.push_back({"attended[" + std::to_string(i) + "]",
                        "invitation " + std::to_string(id) + " is not to the meeting on " + meeting});
    came.insert(id);
  }
  if (!errors.empty()) throw InvalidRequest(errors);
  auto mark = context.db.prepare("UPDATE ehc_review_invitation SET attended = ?2 WHERE id = ?1");
  for (auto id : invited) mark.bind(1, id).bind(2, came.count(id) ? 1 : 0).run();
  return json::object{
      {"upn", upn}, {"meeting_date", meeting}, {"invitations", review_invitations_json(context.db, plan.id, meeting)}};
}

struct Judgement {
  std::int64_t outcome_id = 0;
  std::string progress, note;
};

// Every outcome in the plan on the meeting's day is judged, once, in the meeting's own words.
std::vector<Judgement> judgements(store::Database& db, std::int64_t plan_id, const std::string& meeting,
                                  const json::object& r, std::vector<FieldError>& errors) {
  std::map<std::int64_t, std::string> in_force;
  auto s = db.prepare(
      "SELECT id, outcome FROM ehc_outcome WHERE plan_id = ?1 AND added_on <= ?2 AND (ended_on IS NULL OR ended_on "
      "> ?2) ORDER BY id");
  s.bind(1, plan_id).bind(2, meeting);
  while (s.step()) in_force.emplace(s.integer(0), s.text(1));
  std::vector<Judgement> out;
  const auto* given = r.if_contains("outcomes");
  const auto* list = given ? given->if_array() : nullptr;
  for (std::size_t i = 0; list && i < list->size(); ++i) {
    auto at = "outcomes[" + std::to_string(i) + "]";
    const auto* o = (*list)[i].if_object();
    const auto* id = o ? o->if_contains("outcome_id") : nullptr;
    if (!id || !id->is_int64()) {
      errors.push_back({at + ".outcome_id", "which outcome (ehcp.get's outcomes)"});
      continue;
    }
    Judgement j{id->as_int64(), {}, {}};
    if (!in_force.count(j.outcome_id)) {
      errors.push_back(
          {at + ".outcome_id", "outcome " + std::to_string(j.outcome_id) + " was not in the plan on " + meeting});
      continue;
    }
    if (std::any_of(out.begin(), out.end(), [&](const Judgement& k) { return k.outcome_id == j.outcome_id; })) {
      errors.push_back({at + ".outcome_id", "outcome " + std::to_string(j.outcome_id) + " is judged twice"});
      continue;
    }
    const auto* progress = o->if_contains("progress");
    j.progress = progress && progress->is_string() ? std::string(progress->as_string()) : "";
    if (std::find(kProgress.begin(), kProgress.end(), j.progress) == kProgress.end())
      errors.push_back({at + ".progress", "must be met, partly_met or not_met"});
    j.note = long_text(*o, "note", errors);
    out.push_back(std::move(j));
  }
  for (const auto& outcome : in_force) {
    const auto id = outcome.first;  // named: a lambda cannot capture a structured binding before C++20's fix
    if (std::none_of(out.begin(), out.end(), [id](const Judgement& j) { return j.outcome_id == id; }))
      errors.push_back({"outcomes", "outcome " + std::to_string(id) + " (\"" + outcome.second.substr(0, 60) +
                                        "\") is not judged: every outcome is reviewed"});
  }
  return out;
}

json::value record_outcomes(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto plan = plan_to_review(context, upn);
  auto meeting = meeting_held(plan);
  std::vector<FieldError> errors;
  auto judged = judgements(context.db, plan.id, meeting, r, errors);
  auto recommendation = text_field(r, "recommendation");
  if (std::find(kRecommendations.begin(), kRecommendations.end(), recommendation) == kRecommendations.end())
    errors.push_back({"recommendation", "must be maintain, amend or cease"});
  auto amendments = long_text(r, "amendments", errors);
  bool none = amendments.find_first_not_of(" \t\r\n") == std::string::npos;
  if (recommendation == "amend" && none)
    errors.push_back({"amendments", "the amendments the meeting proposes, when it recommends amending the plan"});
  if (!errors.empty()) throw InvalidRequest(errors);
  context.db.prepare("DELETE FROM ehc_review_outcome WHERE plan_id = ?1 AND meeting_date = ?2")
      .bind(1, plan.id)
      .bind(2, meeting)
      .run();
  auto insert = context.db.prepare(
      "INSERT INTO ehc_review_outcome (plan_id, meeting_date, outcome_id, progress, note) VALUES (?1, ?2, ?3, ?4, ?5)");
  for (const auto& j : judged)
    insert.bind(1, plan.id).bind(2, meeting).bind(3, j.outcome_id).bind(4, j.progress).bind(5, j.note).run();
  context.db
      .prepare(
          "UPDATE ehc_review SET recommendation = ?3, amendments = ?4, outcomes_recorded_on = ?5 WHERE plan_id = ?1 "
          "AND meeting_date = ?2")
      .bind(1, plan.id)
      .bind(2, meeting)
      .bind(3, recommendation)
      .bind(4, none ? std::string() : amendments)
      .bind(5, model::format_date(context.today))
      .run();
  return json::object{
      {"upn", upn}, {"meeting_date", meeting}, {"record", review_record_json(context.db, plan.id, meeting)}};
}

}  // namespace

json::array plan_outcomes_json(store::Database& db, std::int64_t plan_id, const std::optional<std::string>& on) {
  std::string sql = "SELECT id, outcome, added_on, ended_on FROM ehc_outcome WHERE plan_id = ?1 ";
  if (on) sql += "AND added_on <= ?2 AND (ended_on IS NULL OR ended_on > ?2) ";
  auto s = db.prepare(sql + "ORDER BY id");
  s.bind(1, plan_id);
  if (on) s.bind(2, *on);
  json::array out;
  while (s.step())
    out.push_back({{"id", s.integer(0)},
                   {"outcome", s.text(1)},
                   {"added_on", s.text(2)},
                   {"ended_on", s.is_null(3) ? json::value(nullptr) : json::value(s.text(3))}});
  return out;
}

json::object review_record_json(store::Database& db, std::int64_t plan_id, const std::string& meeting_date) {
  json::object views{{"pupil", nullptr}, {"parent", nullptr}};
  auto v = db.prepare(
      "SELECT whose, important_now, important_future, working, not_working, gathered_on FROM ehc_review_views "
      "WHERE plan_id = ?1 AND meeting_date = ?2");
  v.bind(1, plan_id).bind(2, meeting_date);
  while (v.step())
    views[v.text(0)] = json::object{{"important_now", v.text(1)},
                                    {"important_future", v.text(2)},
                                    {"working", v.text(3)},
                                    {"not_working", v.text(4)},
                                    {"gathered_on", v.text(5)}};
  json::array outcomes;
  auto o = db.prepare(
      "SELECT r.outcome_id, e.outcome, r.progress, r.note FROM ehc_review_outcome r JOIN ehc_outcome e ON e.id = "
      "r.outcome_id WHERE r.plan_id = ?1 AND r.meeting_date = ?2 ORDER BY r.outcome_id");
  o.bind(1, plan_id).bind(2, meeting_date);
  while (o.step())
    outcomes.push_back(
        {{"outcome_id", o.integer(0)}, {"outcome", o.text(1)}, {"progress", o.text(2)}, {"note", o.text(3)}});
  json::object out{
      {"meeting_date", meeting_date},   {"invitations", review_invitations_json(db, plan_id, meeting_date)},
      {"views", std::move(views)},      {"outcomes", std::move(outcomes)},
      {"amendments", nullptr},          {"recommendation", nullptr},
      {"outcomes_recorded_on", nullptr}};
  auto m = db.prepare(
      "SELECT amendments, recommendation, outcomes_recorded_on FROM ehc_review WHERE plan_id = ?1 AND meeting_date "
      "= ?2");
  m.bind(1, plan_id).bind(2, meeting_date);
  if (m.step())
    for (int c = 0; c < 3; ++c)
      if (!m.is_null(c) && !m.text(c).empty())
        out[c == 0 ? "amendments" : c == 1 ? "recommendation" : "outcomes_recorded_on"] = m.text(c);
  return out;
}

void add_ehc_review_record_operations(std::vector<Operation>& out) {
  using F = FieldType;
  const Field upn{"upn", F::upn, true, "the pupil's UPN"};
  out.push_back({"ehcp.outcome",
                 "Record an outcome of the issued EHC plan (Section E), as the plan words it",
                 true,
                 {upn,
                  {"outcome", F::text, true, "the outcome as the plan words it"},
                  {"date", F::date, true, "the day it came into the plan"}},
                 add_outcome});
  out.push_back({"ehcp.outcome_end",
                 "Record that an outcome left the plan (achieved, or removed by an amendment)",
                 true,
                 {upn,
                  {"outcome_id", F::integer, true, "the outcome (ehcp.get's outcomes)"},
                  {"date", F::date, true, "the day it left the plan"}},
                 end_outcome});
  out.push_back({"ehcp.review_views",
                 "Record the pupil's or the parents' views for the annual review (one-page profile questions)",
                 true,
                 {upn,
                  {"whose", F::string, true, "pupil or parent"},
                  {"important_now", F::text, false, "what is important to me now"},
                  {"important_future", F::text, false, "what is important to me in the future"},
                  {"working", F::text, false, "what is working"},
                  {"not_working", F::text, false, "what is not working"},
                  {"date", F::date, true, "the day the views were gathered"}},
                 record_views});
  out.push_back(
      {"ehcp.review_attendance",
       "Record who came to the last annual review meeting (every other invitee did not)",
       true,
       {upn, {"attended", F::integer_list, true, "the invitations (ehcp.get's invitations) of those who came"}},
       record_attendance});
  out.push_back({"ehcp.review_outcomes",
                 "Record the last annual review meeting's judgement of each outcome, the amendments it proposes "
                 "and its recommendation to the LA",
                 true,
                 {upn,
                  {"outcomes", F::object_list, true,
                   "[{\"outcome_id\":1,\"progress\":\"met|partly_met|not_met\",\"note\":\"...\"}]: every outcome "
                   "in the plan on the meeting's day"},
                  {"amendments", F::text, false, "the amendments proposed (needed when recommending amend)"},
                  {"recommendation", F::string, true, "maintain, amend or cease"}},
                 record_outcomes});
}

}  // namespace sm::ops
