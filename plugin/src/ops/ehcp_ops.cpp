// EHC plans: the request to the LA, its decision, the plan's issue, annual review meetings,
// and the statutory clock over them (ehcp.get's "deadlines").
#include <algorithm>
#include <boost/json.hpp>

#include "model/digits.hpp"
#include "ops/ehc_review_invitations.hpp"
#include "ops/operation.hpp"
#include "ops/section_f_lines.hpp"
#include "report/section_f.hpp"
#include "store/ehc_plans.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

struct Plan {
  std::int64_t id = 0;
  std::string upn, la, nc_year;
  std::optional<model::Date> request;  // none for a plan recorded as already held
  bool recorded_existing = false;
  std::optional<std::string> decision;
  std::optional<model::Date> decision_date, issue;
  std::vector<model::Date> reviews;  // the meetings held, oldest first
  std::optional<model::Date> scheduled;
  store::OpenEhcPlan::AfterReview last_review;
};

// The pupil's open plan (or request): the latest not ceased.
std::optional<Plan> open_plan(store::Database& db, const std::string& upn) {
  auto open = store::open_ehc_plan(db, upn);
  if (!open) return std::nullopt;
  Plan plan{open->id,
            open->upn,
            open->la,
            open->nc_year,
            open->request,
            open->recorded_existing,
            open->decision,
            open->decision_date,
            open->issue,
            {},
            open->scheduled_review_meeting,
            open->last_review};
  auto reviews = db.prepare("SELECT meeting_date FROM ehc_review WHERE plan_id = ?1 ORDER BY meeting_date");
  reviews.bind(1, plan.id);
  while (reviews.step()) plan.reviews.push_back(*model::parse_date(reviews.text(0)));
  return plan;
}

// The LA a request went to, or that maintains a plan: its 3-digit code.
std::string la_field(const json::object& r) {
  auto la = text_field(r, "la");
  if (!model::all_digits(la, 3)) throw InvalidRequest("la", "must be the 3-digit LA code");
  return la;
}

// A review meeting held: through senmap, or (`recorded_existing`) the last one of a plan already
// held, whose report and LA decision were never senmap's to record.
void insert_review(store::Database& db, std::int64_t plan_id, model::Date meeting, bool recorded_existing) {
  db.prepare("INSERT INTO ehc_review (plan_id, meeting_date, recorded_existing) VALUES (?1, ?2, ?3)")
      .bind(1, plan_id)
      .bind(2, model::format_date(meeting))
      .bind(3, recorded_existing ? 1 : 0)
      .run();
  // The meeting scheduled is the one now held, brought forward or a little late: who was invited
  // to it, the advice asked for it and the views gathered for it are the held meeting's. One
  // scheduled much later is the next review (a meeting recorded after the fact), and stays.
  constexpr int kSameMeetingDays = 42;
  auto latest = model::format_date(model::add_days(meeting, kSameMeetingDays));
  auto s = db.prepare("SELECT meeting_date FROM ehc_review_scheduled WHERE plan_id = ?1 AND meeting_date <= ?2");
  s.bind(1, plan_id).bind(2, latest);
  if (!s.step()) return;
  auto scheduled = s.text(0);
  s.reset();
  for (const char* table : {"ehc_review_invitation", "ehc_review_advice", "ehc_review_views"})
    db.prepare(std::string("UPDATE ") + table + " SET meeting_date = ?3 WHERE plan_id = ?1 AND meeting_date = ?2")
        .bind(1, plan_id)
        .bind(2, scheduled)
        .bind(3, model::format_date(meeting))
        .run();
  db.prepare("DELETE FROM ehc_review_scheduled WHERE plan_id = ?1").bind(1, plan_id).run();
}

Plan require_plan(store::Database& db, const std::string& upn) {
  auto plan = open_plan(db, upn);
  if (!plan) throw NotFound("no EHC plan or request is recorded for UPN " + upn);
  return *plan;
}

// A plan that replaced a statement of SEN: the day the statement was issued; null otherwise.
json::value statement_of(store::Database& db, std::int64_t plan_id) {
  auto s = db.prepare("SELECT statement_issued_on FROM ehc_plan WHERE id = ?1");
  s.bind(1, plan_id);
  return s.step() && !s.is_null(0) ? json::value(s.text(0)) : json::value(nullptr);
}

json::value plan_json(const Plan& plan, Context& context) {
  auto date_or_null = [](const std::optional<model::Date>& d) {
    return d ? json::value(model::format_date(*d)) : json::value(nullptr);
  };
  model::EhcEvents events;
  events.request = plan.request;
  events.issue = plan.issue;
  if (!plan.reviews.empty()) events.last_review_meeting = plan.reviews.back();
  events.scheduled_review_meeting = plan.scheduled;
  if (!plan.last_review.amended_plan_issued) events.amendment_notice = plan.last_review.amendment_notice;
  events.nc_year = plan.nc_year;
  events.today = context.today;
  json::object deadlines, rules;
  json::array warnings, reviews;
  for (const auto& d : model::ehc_deadlines(events, context.clock)) {
    deadlines[d.key] = model::format_date(d.due);
    rules[d.key] = d.rule;
    if (d.working_days_guessed)
      warnings.push_back(json::value(d.key + ": counted through a year without England's bank holidays in senmap's "
                                             "reference data; check the date"));
  }
  for (const auto& r : plan.reviews) reviews.push_back(json::value(model::format_date(r)));
  // Overdue: the event a deadline asks for has not happened and the day has passed. (Review
  // reports and LA decisions after a review are not recorded here yet, so they are not flagged.)
  json::object overdue;
  auto late = [&](const char* key, bool happened) {
    if (const auto* due = deadlines.if_contains(key);
        due && !happened && model::format_date(context.today) > std::string(due->as_string()))
      overdue[key] = true;
  };
  late("assessment_decision", plan.decision.has_value());
  late("final_plan", plan.issue.has_value());
  late("annual_review", false);  // counted from the last meeting: past due means no meeting in time
  // After a meeting held through senmap, its report and the LA's decision are owed by their dates.
  if (!plan.reviews.empty() && !plan.last_review.recorded_existing) {
    late("review_report", plan.last_review.report_sent.has_value());
    late("la_review_decision", plan.last_review.la_decided.has_value());
  }
  late("amended_plan", false);  // counted only while the amended plan is awaited
  // Who was invited to the meeting scheduled (once held, to the last meeting): invitations are late
  // once their day has passed without the parents invited.
  auto meeting = plan.scheduled         ? model::format_date(*plan.scheduled)
                 : plan.reviews.empty() ? std::string()
                                        : model::format_date(plan.reviews.back());
  auto invitations = meeting.empty() ? json::array() : review_invitations_json(context.db, plan.id, meeting);
  if (plan.scheduled)
    late("review_invitations", std::any_of(invitations.begin(), invitations.end(),
                                           [](const json::value& i) { return i.at("role") == "parent"; }));
  json::value last_review = nullptr;
  json::value held_record = nullptr;  // what the last meeting held through senmap records, with its advice
  if (!plan.reviews.empty() && !plan.last_review.recorded_existing) {
    auto held = model::format_date(plan.reviews.back());
    auto record = review_record_json(context.db, plan.id, held);
    record["advice"] = review_advice_json(context.db, plan.id, held, context.clock, context.today);
    held_record = std::move(record);
  }
  if (!plan.reviews.empty())
    last_review = json::object{{"date", model::format_date(plan.reviews.back())},
                               {"report_sent_on", date_or_null(plan.last_review.report_sent)},
                               {"la_decision", plan.last_review.la_decision ? json::value(*plan.last_review.la_decision)
                                                                            : json::value(nullptr)},
                               {"la_decided_on", date_or_null(plan.last_review.la_decided)},
                               {"amendment_notice_on", date_or_null(plan.last_review.amendment_notice)},
                               {"parents_responded_on", date_or_null(plan.last_review.parents_responded)},
                               {"amended_plan_issued_on", date_or_null(plan.last_review.amended_plan_issued)},
                               {"recorded_existing", plan.last_review.recorded_existing},
                               {"record", std::move(held_record)}};
  return json::object{
      {"id", plan.id},
      {"upn", plan.upn},
      {"la", plan.la},
      {"request_date", date_or_null(plan.request)},
      {"recorded_existing", plan.recorded_existing},
      {"decision", plan.decision ? json::value(*plan.decision) : json::value(nullptr)},
      {"decision_date", date_or_null(plan.decision_date)},
      {"issue_date", date_or_null(plan.issue)},
      {"review_meetings", std::move(reviews)},
      {"scheduled_review", date_or_null(plan.scheduled)},
      {"invitations", std::move(invitations)},
      {"advice", meeting.empty() ? json::array()
                                 : review_advice_json(context.db, plan.id, meeting, context.clock, context.today)},
      {"last_review", std::move(last_review)},
      {"outcomes", plan_outcomes_json(context.db, plan.id, std::nullopt)},
      {"statement_issued_on", statement_of(context.db, plan.id)},
      {"la_transfers", plan_transfers_json(context.db, plan.id)},
      {"views", plan.scheduled ? review_record_json(context.db, plan.id, meeting).at("views") : json::value(nullptr)},
      {"deadlines", std::move(deadlines)},
      {"deadline_rules", std::move(rules)},
      {"overdue", std::move(overdue)},
      {"section_f", plan.issue ? report::section_f_json(context.db, plan.id, context.today) : json::array()},
      {"warnings", std::move(warnings)}};
}

json::value request(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, true);
  auto la = la_field(r);
  auto date = date_field(r, "date");
  not_in_future(context, model::format_date(date), "date");
  if (open_plan(context.db, upn)) throw InvalidRequest("upn", "an EHC plan or request is already open for this pupil");
  auto s = context.db.prepare("INSERT INTO ehc_plan (pupil_id, la, request_date, created_at) VALUES (?1, ?2, ?3, ?4)");
  s.bind(1, pupil).bind(2, la).bind(3, model::format_date(date)).bind(4, model::format_date(context.today)).run();
  return plan_json(require_plan(context.db, upn), context);
}

// What every change to an existing plan starts from: a pupil on roll with an open plan, and
// the event's date, which cannot be in the future.
struct PlanEvent {
  std::string upn;
  Plan plan;
  model::Date date;
};

PlanEvent plan_event(Context& context, const json::object& r, bool may_be_ahead = false) {
  auto upn = text_field(r, "upn");
  pupil_id_of(context.db, upn, true);
  auto plan = require_plan(context.db, upn);
  auto date = date_field(r, "date");
  if (!may_be_ahead) not_in_future(context, model::format_date(date), "date");
  return {upn, std::move(plan), date};
}

json::value decision(Context& context, const json::object& r) {
  auto [upn, plan, date] = plan_event(context, r);
  auto decided = text_field(r, "decision");
  if (decided != "assess" && decided != "refuse") throw InvalidRequest("decision", "must be assess or refuse");
  if (plan.request && date < *plan.request)
    throw InvalidRequest("date",
                         "the decision cannot come before the request (" + model::format_date(*plan.request) + ")");
  if (plan.decision) throw InvalidRequest("upn", "the LA's decision is already recorded (" + *plan.decision + ")");
  auto s = context.db.prepare("UPDATE ehc_plan SET decision = ?2, decision_date = ?3 WHERE id = ?1");
  s.bind(1, plan.id).bind(2, decided).bind(3, model::format_date(date)).run();
  if (decided == "refuse") {
    // A refusal closes the request: a new one may be made later.
    context.db.prepare("UPDATE ehc_plan SET ceased_date = ?2, ended_why = 'the LA refused to assess' WHERE id = ?1")
        .bind(1, plan.id)
        .bind(2, model::format_date(date))
        .run();
    plan.decision = decided;
    plan.decision_date = date;
    return plan_json(plan, context);
  }
  return plan_json(require_plan(context.db, upn), context);
}

json::value issue(Context& context, const json::object& r) {
  auto [upn, plan, date] = plan_event(context, r);
  if (plan.request && date < *plan.request)
    throw InvalidRequest("date",
                         "a plan cannot be issued before it was requested (" + model::format_date(*plan.request) + ")");
  if (plan.issue) throw InvalidRequest("upn", "the plan was already issued on " + model::format_date(*plan.issue));
  if (plan.decision_date && date < *plan.decision_date)
    throw InvalidRequest("date", "a plan cannot be issued before the LA decided to assess (" +
                                     model::format_date(*plan.decision_date) + ")");
  auto s = context.db.prepare(
      "UPDATE ehc_plan SET issue_date = ?2, decision = COALESCE(decision, 'assess'), decision_date = "
      "COALESCE(decision_date, ?2) WHERE id = ?1");
  s.bind(1, plan.id).bind(2, model::format_date(date)).run();
  return plan_json(require_plan(context.db, upn), context);
}

// A date ahead schedules the meeting (one at a time: a new date moves it, and invitations are then
// due two weeks before it); today or a past date records it as held.
json::value review_meeting(Context& context, const json::object& r) {
  auto [upn, plan, date] = plan_event(context, r, true);
  if (!plan.issue) throw InvalidRequest("upn", "the plan has not been issued yet: there is nothing to review");
  if (date < *plan.issue)
    throw InvalidRequest("date",
                         "a review cannot come before the plan was issued (" + model::format_date(*plan.issue) + ")");
  if (date > context.today) {
    constexpr int kFurthestAheadDays = 366;  // a year: the annual review is never further off
    if (date > model::add_days(context.today, kFurthestAheadDays))
      throw InvalidRequest("date", "a meeting can be scheduled at most a year ahead");
    context.db
        .prepare(
            "INSERT INTO ehc_review_scheduled (plan_id, meeting_date, scheduled_on) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (plan_id) DO UPDATE SET meeting_date = excluded.meeting_date, scheduled_on = "
            "excluded.scheduled_on")
        .bind(1, plan.id)
        .bind(2, model::format_date(date))
        .bind(3, model::format_date(context.today))
        .run();
    return plan_json(require_plan(context.db, upn), context);
  }
  if (std::find(plan.reviews.begin(), plan.reviews.end(), date) != plan.reviews.end())
    throw InvalidRequest("date", "a review meeting on this date is already recorded");
  insert_review(context.db, plan.id, date, false);
  return plan_json(require_plan(context.db, upn), context);
}

// What follows a meeting is recorded against the last one held, on or after its day, once.
model::Date last_meeting_held(const Plan& plan, model::Date date, const char* what) {
  if (plan.reviews.empty())
    throw InvalidRequest("upn", "no annual review meeting is recorded as held: record the meeting first");
  auto meeting = plan.reviews.back();
  if (date < meeting)
    throw InvalidRequest(
        "date", std::string(what) + " cannot come before the review meeting (" + model::format_date(meeting) + ")");
  return meeting;
}

json::value review_report(Context& context, const json::object& r) {
  auto [upn, plan, date] = plan_event(context, r);
  auto meeting = last_meeting_held(plan, date, "the report");
  if (plan.last_review.report_sent)
    throw InvalidRequest("upn", "the report of the review on " + model::format_date(meeting) +
                                    " is already recorded as sent (" +
                                    model::format_date(*plan.last_review.report_sent) + ")");
  context.db.prepare("UPDATE ehc_review SET report_sent_on = ?3 WHERE plan_id = ?1 AND meeting_date = ?2")
      .bind(1, plan.id)
      .bind(2, model::format_date(meeting))
      .bind(3, model::format_date(date))
      .run();
  return plan_json(require_plan(context.db, upn), context);
}

// The LA's decision after the review: maintain the plan as it is, amend it, or cease it (which
// closes the plan on that day).
json::value review_decision(Context& context, const json::object& r) {
  auto [upn, plan, date] = plan_event(context, r);
  auto decided = text_field(r, "decision");
  if (decided != "maintain" && decided != "amend" && decided != "cease")
    throw InvalidRequest("decision", "must be maintain, amend or cease");
  auto meeting = last_meeting_held(plan, date, "the LA's decision");
  if (plan.last_review.la_decided)
    throw InvalidRequest("upn", "the LA's decision after the review on " + model::format_date(meeting) +
                                    " is already recorded (" + plan.last_review.la_decision.value_or("") + ")");
  context.db
      .prepare("UPDATE ehc_review SET la_decision = ?3, la_decided_on = ?4 WHERE plan_id = ?1 AND meeting_date = ?2")
      .bind(1, plan.id)
      .bind(2, model::format_date(meeting))
      .bind(3, decided)
      .bind(4, model::format_date(date))
      .run();
  if (decided != "cease") return plan_json(require_plan(context.db, upn), context);
  context.db.prepare("UPDATE ehc_plan SET ceased_date = ?2, ended_why = 'ceased after an annual review' WHERE id = ?1")
      .bind(1, plan.id)
      .bind(2, model::format_date(date))
      .run();
  context.db.prepare("DELETE FROM ehc_review_scheduled WHERE plan_id = ?1").bind(1, plan.id).run();
  plan.last_review.la_decision = decided;
  plan.last_review.la_decided = date;
  plan.scheduled.reset();
  return plan_json(plan, context);
}

// After the LA decides to amend the plan: the amendment notice sent to the parents (the proposed
// amendments with the plan), their response, then the amended plan. Each once, in that order. The
// LA may issue the amended plan before the parents' 15 days are up only once they have responded.
json::value amendment_step(Context& context, const json::object& r, const char* column) {
  auto [upn, plan, date] = plan_event(context, r);
  auto meeting = last_meeting_held(plan, date, "an amendment");
  const auto& after = plan.last_review;
  if (after.la_decision != "amend")
    throw InvalidRequest("upn", "the LA has not decided to amend the plan after the review on " +
                                    model::format_date(meeting) + ": record its decision first");
  std::string step = column;
  auto already = step == "amendment_notice_on"    ? after.amendment_notice
                 : step == "parents_responded_on" ? after.parents_responded
                                                  : after.amended_plan_issued;
  if (already) throw InvalidRequest("upn", "already recorded (" + model::format_date(*already) + ")");
  if (step == "amendment_notice_on") {
    if (date < *after.la_decided)
      throw InvalidRequest("date", "the notice cannot come before the LA's decision to amend (" +
                                       model::format_date(*after.la_decided) + ")");
  } else {
    if (!after.amendment_notice)
      throw InvalidRequest("upn", "no amendment notice is recorded as sent to the parents: record it first");
    if (date < *after.amendment_notice)
      throw InvalidRequest(
          "date", "cannot come before the amendment notice (" + model::format_date(*after.amendment_notice) + ")");
    auto responses_close = context.clock.amendment_response.after(*after.amendment_notice);
    if (step == "amended_plan_issued_on" && !after.parents_responded && date < responses_close)
      throw InvalidRequest("date", "the parents have until " + model::format_date(responses_close) +
                                       " to respond to the proposed amendments: record their response first");
  }
  context.db.prepare(std::string("UPDATE ehc_review SET ") + column + " = ?3 WHERE plan_id = ?1 AND meeting_date = ?2")
      .bind(1, plan.id)
      .bind(2, model::format_date(meeting))
      .bind(3, model::format_date(date))
      .run();
  // The amended plan is the plan from now on: the next annual review counts from its meeting, as before.
  return plan_json(require_plan(context.db, upn), context);
}

json::value amendment_notice(Context& context, const json::object& r) {
  return amendment_step(context, r, "amendment_notice_on");
}
json::value amendment_response(Context& context, const json::object& r) {
  return amendment_step(context, r, "parents_responded_on");
}
json::value amended_plan(Context& context, const json::object& r) {
  return amendment_step(context, r, "amended_plan_issued_on");
}

// A plan the school already held on its first day with senmap: issued on a known day (and
// reviewed, if it says when), so the annual review's clock runs from the start. Its request and
// the LA's decision are not known and not invented.
json::value record_existing(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, true);
  auto la = la_field(r);
  auto issued = date_field(r, "issue_date");
  not_in_future(context, model::format_date(issued), "issue_date");
  std::optional<model::Date> reviewed;
  if (const auto* last = r.if_contains("last_review_date"); last && !last->is_null()) {
    reviewed = date_field(r, "last_review_date");
    not_in_future(context, model::format_date(*reviewed), "last_review_date");
    if (*reviewed < issued)
      throw InvalidRequest("last_review_date",
                           "a review cannot come before the plan was issued (" + model::format_date(issued) + ")");
  }
  std::optional<model::Date> statement;  // a plan that replaced a statement of SEN: the statement's issue
  if (const auto* s = r.if_contains("statement_issued_on"); s && !s->is_null()) {
    statement = date_field(r, "statement_issued_on");
    if (issued < *statement)
      throw InvalidRequest("statement_issued_on",
                           "the statement came before the plan that replaced it (" + model::format_date(issued) + ")");
  }
  if (auto open = open_plan(context.db, upn))
    throw InvalidRequest(
        "upn", open->issue
                   ? "an EHC plan is already recorded for this pupil (issued " + model::format_date(*open->issue) + ")"
                   : "an EHC request is already open for this pupil: record its issue instead");
  std::vector<std::pair<std::string, double>> lines;
  if (const auto* section_f = r.if_contains("section_f"); section_f && section_f->is_array()) {
    std::vector<FieldError> errors;
    for (const auto& line : section_f->as_array()) {
      const auto* o = line.if_object();
      const auto* description = o ? o->if_contains("description") : nullptr;
      const auto* hours = o ? o->if_contains("hours_per_week") : nullptr;
      double h = hours && hours->is_number() ? hours->to_number<double>() : 0;
      if (!description || !description->is_string() || description->as_string().empty())
        errors.push_back({"section_f", "each line needs its description (the plan's wording)"});
      else if (auto broken = weekly_hours_rule_broken(h))
        errors.push_back({"section_f", "each line's hours_per_week " + *broken});
      else
        lines.emplace_back(std::string(description->as_string()), h);
    }
    if (!errors.empty()) throw InvalidRequest(errors);
  }
  auto day = model::format_date(issued);
  auto s = context.db.prepare(
      "INSERT INTO ehc_plan (pupil_id, la, request_date, decision, decision_date, issue_date, created_at, "
      "recorded_existing) VALUES (?1, ?2, ?3, NULL, NULL, ?3, ?4, 1)");
  s.bind(1, pupil).bind(2, la).bind(3, day).bind(4, model::format_date(context.today)).run();
  auto plan_id = context.db.last_insert_id();
  if (statement)
    context.db.prepare("UPDATE ehc_plan SET statement_issued_on = ?2 WHERE id = ?1")
        .bind(1, plan_id)
        .bind(2, model::format_date(*statement))
        .run();
  if (reviewed) insert_review(context.db, plan_id, *reviewed, true);
  for (const auto& [description, hours] : lines)
    insert_provision_line(context.db, plan_id, description, hours, day, std::nullopt, context.today);
  return plan_json(require_plan(context.db, upn), context);
}

json::value get_plan(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  pupil_id_of(context.db, upn, false);
  return plan_json(require_plan(context.db, upn), context);
}

}  // namespace

void add_ehcp_operations(std::vector<Operation>& out) {
  using F = FieldType;
  const Field upn{"upn", F::upn, true, "the pupil's UPN"};
  out.push_back(
      {"ehcp.request",
       "Record a request to the LA for an EHC needs assessment",
       true,
       {upn, {"la", F::string, true, "the LA's 3-digit code"}, {"date", F::date, true, "the date of the request"}},
       request});
  out.push_back(
      {"ehcp.decision",
       "Record the LA's decision whether to carry out an EHC needs assessment",
       true,
       {upn, {"decision", F::string, true, "assess or refuse"}, {"date", F::date, true, "the date of the decision"}},
       decision});
  out.push_back({"ehcp.issue",
                 "Record the final EHC plan's issue",
                 true,
                 {upn, {"date", F::date, true, "the date the final plan was issued"}},
                 issue});
  out.push_back({"ehcp.review_meeting",
                 "Schedule the next annual review meeting (a date ahead) or record one held (today or before)",
                 true,
                 {upn, {"date", F::date, true, "the date of the meeting"}},
                 review_meeting});
  out.push_back({"ehcp.review_report",
                 "Record the day the last annual review's report was sent to the LA",
                 true,
                 {upn, {"date", F::date, true, "the day it was sent"}},
                 review_report});
  out.push_back({"ehcp.review_decision",
                 "Record the LA's decision after the last annual review: maintain, amend or cease the plan",
                 true,
                 {upn,
                  {"decision", F::string, true, "maintain, amend or cease (cease closes the plan)"},
                  {"date", F::date, true, "the date of the LA's decision"}},
                 review_decision});
  out.push_back({"ehcp.amendment_notice",
                 "Record the day the LA sent the parents its proposed amendments (their 15 days start)",
                 true,
                 {upn, {"date", F::date, true, "the day the amendment notice was sent"}},
                 amendment_notice});
  out.push_back({"ehcp.amendment_response",
                 "Record the day the parents responded to the proposed amendments",
                 true,
                 {upn, {"date", F::date, true, "the day of their response"}},
                 amendment_response});
  out.push_back({"ehcp.amended_plan",
                 "Record the amended EHC plan's issue (due 8 weeks after the amendment notice)",
                 true,
                 {upn, {"date", F::date, true, "the day the amended plan was issued"}},
                 amended_plan});
  out.push_back({"ehcp.record_existing",
                 "Record an EHC plan the school already holds (its issue, last annual review and Section F lines), "
                 "so its statutory clock runs from the first day",
                 true,
                 {upn,
                  {"la", F::string, true, "the LA that maintains the plan (3-digit code)"},
                  {"issue_date", F::date, true,
                   "the date the plan was issued (for one that replaced a statement, the day it did)"},
                  {"last_review_date", F::date, false, "the last annual review meeting, if there has been one"},
                  {"statement_issued_on", F::date, false,
                   "a plan that replaced a statement of SEN: the day the statement was issued"},
                  {"section_f", F::object_list, false,
                   "[{\"description\":\"...\",\"hours_per_week\":2.5}]: the plan's Section F provision"}},
                 record_existing});
  out.push_back(
      {"ehcp.get", "The pupil's EHC plan with every statutory deadline (YYYY-MM-DD)", false, {upn}, get_plan});
}

}  // namespace sm::ops
