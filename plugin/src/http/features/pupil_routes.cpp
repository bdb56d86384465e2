// One pupil: their whole record as JSON and as a page (passport, every APDR cycle, provision, EHC
// plan, notes), the page's forms (one table: every operation a person performs on a pupil), who
// has read or changed their record, and the reads of each part of it.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/audit_trail.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/features/page_forms.hpp"
#include "http/pages/audit_page.hpp"
#include "http/pages/json_fields.hpp"
#include "http/pages/pupil_page.hpp"
#include "http/request_fields.hpp"
#include "http/route_answers.hpp"
#include "ops/flag_view.hpp"
#include "report/pupil_record.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

Response record(Call& call) {
  const auto& upn = call.params.at("upn");
  auto d = decide_pupil(call.db, *call.actor, upn, call.today());
  Response r;
  if (d.verdict != Verdict::allowed) {
    r = hidden_json();
  } else {
    auto context = call.context();
    auto result = ops::call(context, "pupil.get", json::serialize(json::object{{"upn", upn}}));
    r = result.status == ops::CallResult::Status::ok ? json_response(200, result.response) : hidden_json();
  }
  r.upn = d.upn;
  return r;
}

// The three logs of one pupil, newest first: reads, changes, and API requests with their address.
Response audit(Call& call) {
  const auto& upn = call.params.at("upn");
  auto d = decide_pupil(call.db, *call.actor, upn, call.today());
  Response r;
  if (d.verdict != Verdict::allowed) {
    r = hidden_json();
  } else if (!sees_whole_school(call.actor->role)) {
    r = forbidden_json(role_may_not(call.actor->role, "read the audit log"));
  } else {
    json::array out;
    for (auto& line : audit_trail(call.db, upn))
      out.push_back({{"at", line.at},
                     {"actor", line.actor},
                     {"kind", line.kind},
                     {"what", line.what},
                     {"address", line.address ? json::value(*line.address) : json::value(nullptr)}});
    r = json_response(200, {{"upn", upn}, {"entries", std::move(out)}});
  }
  r.upn = d.upn;
  return r;
}

// Who has read or changed the pupil's record: the SENCO's (and senior leaders' and admins') page.
Response audit_page(Call& call) {
  const auto& upn = call.params.at("upn");
  auto d = decide_pupil(call.db, *call.actor, upn, call.today());
  if (d.verdict != Verdict::allowed) return hidden_page();
  Response r;
  if (!sees_whole_school(call.actor->role)) {
    r = forbidden_page(role_may_not(call.actor->role, "read the audit log"));
  } else {
    pages::AuditView view;
    view.frame = frame_for(call);
    view.upn = upn;
    auto& name = call.db.cached("SELECT forename || ' ' || surname FROM pupil WHERE upn = ?1");
    name.bind(1, upn);
    view.name = name.step() ? name.text(0) : upn;
    name.reset();
    view.limit = 1000;
    view.lines = audit_trail(call.db, upn, view.limit);
    for (const auto& line : view.lines) {
      if (!view.names.count(line.actor)) view.names[line.actor] = ops::actor_display_name(call.db, line.actor);
      if (const auto* op = operation_named(line.what)) view.operations[line.what] = op->summary;
    }
    r = html_response(200, pages::audit_page(view));
  }
  r.upn = d.upn;
  return r;
}

Response pupil_page_with(Call& call, const FormRefusal* refused) {
  const auto& upn = call.params.at("upn");
  auto d = decide_pupil(call.db, *call.actor, upn, call.today());
  if (d.verdict != Verdict::allowed) return hidden_page();
  auto record = report::pupil_record_json(call.db, upn, call.day);
  call.db.reset_cached();
  if (!record) return hidden_page();
  store::audit(call.db, call.actor->audit_name(), "pupil.page", upn);

  pages::PupilView view;
  view.frame = frame_for(call);
  view.record = std::move(record->as_object());
  view.today = call.today();
  json::object by_upn{{"upn", upn}};
  if (auto cycles = read(call, "cycle.list", by_upn)) {
    auto& list = cycles->as_object();
    view.cycles = std::move(list["cycles"].as_array());
    view.parent_meetings = std::move(list["parent_meetings"].as_array());
    view.meetings_this_year = std::move(list["parent_meetings_this_year"].as_object());
  }
  if (auto passport = read(call, "passport.get", by_upn)) view.passport = std::move(passport->as_object());
  if (auto plan = read(call, "ehcp.get", by_upn)) view.ehcp = std::move(plan->as_object());
  if (auto flags = read(call, "flags.list", {{"upn", upn}, {"state", "open"}}))
    view.flags = std::move(flags->as_object()["flags"].as_array());
  {
    store::ReadSnapshot snapshot(call.db);  // one moment, and no statement left holding a read afterwards
    auto placements = call.db.prepare(
        "SELECT pl.id FROM placement pl JOIN pupil p ON p.id = pl.pupil_id WHERE p.upn = ?1 "
        "ORDER BY pl.start_date DESC, pl.id DESC");
    placements.bind(1, upn);
    while (placements.step()) view.placements.push_back(ops::placement_json(call.db, placements.integer(0)));
  }
  for (const auto& c : view.cycles) {
    const auto& stage = c.as_object().at("stage");
    if (stage == "do") view.can_review = allowed(call, "cycle.review", {{"cycle_id", c.as_object().at("id")}});
    if (stage == "planning") view.can_plan = allowed(call, "cycle.plan", {{"cycle_id", c.as_object().at("id")}});
  }
  if (auto notes = read(call, "notes.list", by_upn)) view.notes = std::move(notes->as_object()["notes"].as_array());
  for (const auto& n : view.notes) {
    auto author = pages::text_of(n.as_object().at("author"));
    if (!view.note_authors.count(author)) view.note_authors[author] = ops::actor_display_name(call.db, author);
  }
  if (auto team = read(call, "agency.team", by_upn)) view.team = std::move(team->as_object());
  if (auto arrangements = read(call, "access.list", by_upn))
    view.access_arrangements = std::move(arrangements->as_object()["arrangements"].as_array());
  for (const char* op : {"passport.set", "access.add", "access.approve", "notes.add", "needs.set", "ehcp.request",
                         "ehcp.decision", "ehcp.issue", "ehcp.review_meeting", "ehcp.review_report",
                         "ehcp.review_invite", "ehcp.review_advice", "ehcp.review_advice_received",
                         "ehcp.review_decision", "ehcp.provision_line", "ehcp.record_existing", "agency.involve"})
    if (allowed(call, op, by_upn)) view.may.insert(op);
  view.can_assess = allowed(call, "cycle.assess", by_upn);
  view.can_meet = allowed(call, "parent.meeting", by_upn);
  view.can_place = allowed(call, "placement.start", by_upn);
  view.can_read_audit = sees_whole_school(call.actor->role);
  if (view.may.count("agency.involve"))
    if (auto directory = read(call, "agency.list", {{"school", call.actor->staff.school}}))
      view.agencies = std::move(directory->as_object()["agencies"].as_array());
  if (view.can_place)
    if (auto catalogue = read(call, "provision.list", {}))
      view.provisions = std::move(catalogue->as_object()["provisions"].as_array());
  view.notice = notice_for(call.query_value("recorded"));
  if (refused) {
    view.errors = refused->errors;
    view.submitted = refused->submitted;
    view.failed_form = refused->form;
  }
  auto r = with_outcome(html_response(refused ? 422 : 200, pages::pupil_page(view)), refused ? "invalid" : "allowed");
  r.upn = upn;
  return r;
}

Response show_pupil(Call& call) {
  return pupil_page_with(call, nullptr);
}

// A review or a plan posted to one pupil's page must be of that pupil's cycle.
bool own_cycle(const Call& call, const json::object& request) {
  auto cycle = request.if_contains("cycle_id");
  auto owner = cycle ? read(call, "cycle.get", {{"cycle_id", *cycle}}) : std::nullopt;
  return owner && pages::text_of(owner->as_object().at("upn")) == call.params.at("upn");
}

// A placement ended through one pupil's page must be that pupil's.
bool own_placement(const Call& call, const json::object& request) {
  auto placement = request.if_contains("placement_id");
  auto owner = placement ? read(call, "placement.get", {{"placement_id", *placement}}) : std::nullopt;
  return owner && pages::text_of(owner->as_object().at("upn")) == call.params.at("upn");
}

// The pupil page's forms, by the operation each runs: the word its notice says it by (the page's
// ?recorded=, also the form the page shows a refusal on) and what else it must belong to.
struct PupilForm {
  std::string_view operation;
  const char* recorded;
  bool (*belongs)(const Call&, const json::object&) = nullptr;
};
constexpr PupilForm kPupilForms[] = {
    {"cycle.review", "review", own_cycle},
    {"cycle.assess", "assessment"},
    {"cycle.plan", "plan", own_cycle},
    {"placement.start", "placement"},
    {"placement.end", "placement_end", own_placement},
    {"parent.meeting", "meeting"},
    {"needs.set", "needs"},
    {"passport.set", "passport"},
    {"access.add", "access"},
    {"access.approve", "access_approved"},
    {"notes.add", "note"},
    {"ehcp.request", "ehc_request"},
    {"ehcp.record_existing", "ehc_existing"},
    {"ehcp.decision", "ehc_decision"},
    {"ehcp.issue", "ehc_issue"},
    {"ehcp.review_meeting", "ehc_review"},
    {"ehcp.review_report", "ehc_report"},
    {"ehcp.review_invite", "ehc_invite"},
    {"ehcp.review_advice", "ehc_advice"},
    {"ehcp.review_advice_received", "ehc_advice_received"},
    {"ehcp.review_decision", "ehc_la_decision"},
    {"ehcp.provision_line", "section_f"},
    {"agency.involve", "agency"},
};

// Every form of the pupil page: the route names its operation, the table the rest.
Response pupil_form(Call& call) {
  for (const auto& f : kPupilForms)
    if (f.operation == call.route.operation) {
      PageForm form{"/pupils/" + pages::url_part(call.params.at("upn")), f.recorded, pupil_page_with};
      form.belongs = f.belongs;
      return run_form(call, form);
    }
  return hidden_page();
}

}  // namespace

RouteList pupil_routes() {
  const auto refused = "refused: the pupil page again, with every field and the rule it breaks";
  return {
      {.method = "GET",
       .path = "/api/pupils/{upn}",
       .summary = "One pupil's whole record (audit-logged)",
       .handler = record,
       .answers = ok(B::json, "the pupil's record") + signed_in() + missing(B::errors),
       .params = {{"upn", false, true, "the pupil's UPN"}}},
      {.method = "GET",
       .path = "/api/pupils/{upn}/audit",
       .summary = "Who read or changed the pupil's record, when, and from which address (SENCO, senior leader, admin)",
       .handler = audit,
       .answers =
           ok(B::json, "the pupil's audit trail, newest first") + signed_in() + missing(B::errors) + role(B::errors),
       .params = {{"upn", false, true, "the pupil's UPN"}}},
      {.method = "GET",
       .path = "/pupils/{upn}",
       .summary = "One pupil's page: passport, every APDR cycle, provision, EHC plan (audit-logged)",
       .handler = show_pupil,
       .answers = ok(B::html, "the pupil's page") + signed_in() + missing(B::html)},
      {.method = "GET",
       .path = "/pupils/{upn}/audit",
       .summary = "Who has read or changed the pupil's SEN record, and every request about them with its address, "
                  "as a page (SENCO, senior leader, admin)",
       .handler = audit_page,
       .answers = ok(B::html, "the audit trail as a page") + signed_in() + missing(B::html) + role(B::html)},
      {.method = "POST",
       .path = "/pupils/{upn}/review",
       .summary = "The pupil page's form (csrf_token in the form body): record the review of the open cycle; back "
                  "to the pupil page",
       .form = true,
       .operation = "cycle.review",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/placements",
       .summary = "The pupil page's form (csrf_token in the form body): place the pupil on a provision; back to the "
                  "pupil page",
       .form = true,
       .operation = "placement.start",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/placements/end",
       .summary = "The pupil page's form (csrf_token in the form body): end a placement with its exit measure and "
                  "outcome; back to the pupil page",
       .form = true,
       .operation = "placement.end",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/parent-meetings",
       .summary = "The pupil page's form (csrf_token in the form body): record a meeting with the pupil's parents "
                  "and what was agreed; back to the pupil page",
       .form = true,
       .operation = "parent.meeting",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/assess",
       .summary = "The pupil page's form (csrf_token in the form body): start a cycle of SEN support with its "
                  "assessment; back to the pupil page",
       .form = true,
       .operation = "cycle.assess",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/plan",
       .summary = "The pupil page's form (csrf_token in the form body): plan the cycle assessed, with targets, "
                  "the review date and the provision serving it; back to the pupil page",
       .form = true,
       .operation = "cycle.plan",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/needs",
       .summary = "The pupil page's form (csrf_token in the form body): record the needs agreed at a review, ranked, "
                  "from a date; back to the pupil page",
       .form = true,
       .operation = "needs.set",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/passport",
       .summary = "The pupil page's form (csrf_token in the form body): record a new version of the pupil passport; "
                  "back to the pupil page",
       .form = true,
       .operation = "passport.set",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/access-arrangements",
       .summary = "The pupil page's form (csrf_token in the form body): record an exam access arrangement; back to the "
                  "pupil page",
       .form = true,
       .operation = "access.add",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/access-arrangements/approve",
       .summary = "The pupil page's form (csrf_token in the form body): record the day an access arrangement's "
                  "application was approved; back to the pupil page",
       .form = true,
       .operation = "access.approve",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/notes",
       .summary = "The pupil page's form (csrf_token in the form body): add a note with who may read it (written back "
                  "to the MIS); back to the pupil page",
       .form = true,
       .operation = "notes.add",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/agencies",
       .summary = "The pupil page's form (csrf_token in the form body): record a referral to an agency of the "
                  "school's directory or its involvement with the pupil; back to the pupil page",
       .form = true,
       .operation = "agency.involve",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/ehcp/request",
       .summary = "The pupil page's form (csrf_token in the form body): record a request to the LA for an EHC needs "
                  "assessment; back to the pupil page",
       .form = true,
       .operation = "ehcp.request",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/ehcp/existing",
       .summary = "The pupil page's form (csrf_token in the form body): record the EHC plan the school already holds "
                  "(its LA, issue and last annual review); back to the pupil page",
       .form = true,
       .operation = "ehcp.record_existing",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/ehcp/decision",
       .summary = "The pupil page's form (csrf_token in the form body): record the LA's decision whether to assess; "
                  "back to the pupil page",
       .form = true,
       .operation = "ehcp.decision",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/ehcp/issue",
       .summary = "The pupil page's form (csrf_token in the form body): record the final EHC plan's issue; back to the "
                  "pupil page",
       .form = true,
       .operation = "ehcp.issue",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/ehcp/review-meeting",
       .summary = "The pupil page's form (csrf_token in the form body): schedule an annual review meeting of the EHC "
                  "plan (a date ahead) or record one held; back to the pupil page",
       .form = true,
       .operation = "ehcp.review_meeting",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/ehcp/invitations",
       .summary = "The pupil page's form (csrf_token in the form body): record who was invited to the scheduled annual "
                  "review meeting, how and when; back to the pupil page",
       .form = true,
       .operation = "ehcp.review_invite",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/ehcp/advice",
       .summary = "The pupil page's form (csrf_token in the form body): record advice asked for the scheduled annual "
                  "review meeting; back to the pupil page",
       .form = true,
       .operation = "ehcp.review_advice",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/ehcp/advice/received",
       .summary = "The pupil page's form (csrf_token in the form body): record the day advice asked for an annual "
                  "review came; back to the pupil page",
       .form = true,
       .operation = "ehcp.review_advice_received",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/ehcp/review-report",
       .summary = "The pupil page's form (csrf_token in the form body): record the day the last annual review report "
                  "was sent to the LA; back to the pupil page",
       .form = true,
       .operation = "ehcp.review_report",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/ehcp/review-decision",
       .summary = "The pupil page's form (csrf_token in the form body): record the LA's decision after the last annual "
                  "review (maintain, amend or cease); back to the pupil page",
       .form = true,
       .operation = "ehcp.review_decision",
       .handler = pupil_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/pupils/{upn}/ehcp/section-f",
       .summary = "The pupil page's form (csrf_token in the form body): add a Section F line to the issued EHC plan; "
                  "back to the pupil page",
       .form = true,
       .operation = "ehcp.provision_line",
       .handler = pupil_form,
       .answers = form(refused)},
      operation_read("/api/pupils/{upn}/passport", "passport.get"),
      operation_read("/api/pupils/{upn}/cycles", "cycle.list"),
      operation_read("/api/pupils/{upn}/ehcp", "ehcp.get"),
      operation_read("/api/pupils/{upn}/notes", "notes.list"),
      operation_read("/api/pupils/{upn}/flags", "flags.list"),
      operation_read("/api/pupils/{upn}/access-arrangements", "access.list"),
      operation_read("/api/pupils/{upn}/evidence-pack", "report.evidence_pack"),
      operation_read("/api/cycles/{cycle_id}", "cycle.get"),
  };
}

}  // namespace sm::http
