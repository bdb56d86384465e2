// The EHC plan on the pupil page: where the request or plan stands, its statutory clock, Section F
// hour for hour; and the one form its next step needs (request, the LA's decision, the plan's
// issue; once issued, annual review meetings and Section F lines).
#include <algorithm>
#include <boost/json.hpp>

#include "http/pages/json_fields.hpp"
#include "http/pages/pupil_sections.hpp"

namespace sm::http::pages {
namespace json = boost::json;
namespace {

std::string clock_table(const json::object& plan) {
  static const std::pair<const char*, const char*> kDeadlines[] = {
      {"assessment_decision", "LA decision whether to assess"},
      {"final_plan", "Final plan issued"},
      {"review_invitations", "Annual review invitations sent"},
      {"annual_review", "Annual review meeting"},
      {"review_report", "Review report sent"},
      {"la_review_decision", "LA decision after the review"},
      {"phase_transfer", "Phase transfer review and amendment"}};
  std::string out =
      "<table><caption>The statutory clock</caption>\n<thead><tr><th scope=\"col\">Step</th><th "
      "scope=\"col\">Due</th><th scope=\"col\">Rule</th></tr></thead>\n<tbody>\n";
  const auto& deadlines = object_at(plan, "deadlines");
  const auto& rules = object_at(plan, "deadline_rules");
  const auto& overdue = object_at(plan, "overdue");
  for (const auto& [key, label] : kDeadlines) {
    if (!deadlines.contains(key)) continue;
    out += "<tr><th scope=\"row\">" + escape(label) + "</th><td><span class=\"date\">" +
           escape(text_of(at(deadlines, key))) + "</span>" +
           (overdue.contains(key) ? " <strong class=\"warning\">overdue</strong>" : "") + "</td><td>" +
           value_html(at(rules, key)) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string section_f_table(const json::array& lines) {
  if (lines.empty()) return "<p>No Section F provision is recorded yet.</p>\n";
  std::string out =
      "<table><caption>Section F provision delivered, hour for hour</caption>\n<thead><tr><th "
      "scope=\"col\">Provision</th><th scope=\"col\">Hours a week</th><th scope=\"col\">Hours specified</th>"
      "<th scope=\"col\">Hours delivered</th><th scope=\"col\">Delivered</th></tr></thead>\n<tbody>\n";
  for (const auto& l : lines) {
    const auto& line = l.as_object();
    out += "<tr><th scope=\"row\">" + escape(text_of(at(line, "description"))) + "</th><td>" +
           value_html(at(line, "hours_per_week")) + "</td><td>" + value_html(at(line, "specified_hours")) +
           "</td><td>" + value_html(at(line, "delivered_hours")) + "</td><td>" +
           (at(line, "delivered_percent").is_null() ? none() : escape(text_of(at(line, "delivered_percent"))) + "%") +
           "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string plan_html(const json::object& plan) {
  std::string out = "<dl>\n";
  if (at(plan, "recorded_existing").is_bool() && at(plan, "recorded_existing").as_bool())
    out += definition("Requested", "before senmap: a plan the school already held");
  else
    out += definition("Requested", value_html(at(plan, "request_date")));
  out += definition("LA decision", at(plan, "decision").is_null()
                                       ? none()
                                       : escape(text_of(at(plan, "decision")) == "assess" ? "to assess" : "refused") +
                                             " on <span class=\"date\">" + escape(text_of(at(plan, "decision_date"))) +
                                             "</span>");
  out += definition("Issued", value_html(at(plan, "issue_date")));
  std::string meetings;
  for (const auto& m : array_at(plan, "review_meetings"))
    meetings += (meetings.empty() ? "" : ", ") + ("<span class=\"date\">" + escape(text_of(m)) + "</span>");
  out += definition("Annual review meetings held", meetings.empty() ? none() : meetings);
  if (const auto& next = at(plan, "scheduled_review"); !next.is_null())
    out +=
        definition("Next annual review meeting", "scheduled for <span class=\"date\">" + value_html(next) + "</span>");
  if (const auto& last = at(plan, "last_review");
      last.is_object() && !at(last.as_object(), "recorded_existing").as_bool()) {
    const auto& review = last.as_object();
    out += definition("Report of the last review to the LA",
                      at(review, "report_sent_on").is_null()
                          ? "not sent yet"
                          : "sent on <span class=\"date\">" + value_html(at(review, "report_sent_on")) + "</span>");
    out += definition("The LA's decision after it", at(review, "la_decision").is_null()
                                                        ? "not made yet"
                                                        : escape(text_of(at(review, "la_decision"))) +
                                                              " on <span class=\"date\">" +
                                                              value_html(at(review, "la_decided_on")) + "</span>");
  }
  out += "</dl>\n" + clock_table(plan);
  if (!at(plan, "issue_date").is_null()) out += section_f_table(array_at(plan, "section_f"));
  return out;
}

// Who may be invited to an annual review, as ehcp.review_invite names them and the page says them.
const std::vector<Choice>& invitee_roles() {
  static const std::vector<Choice> roles{{"parent", "Parent or carer"},      {"pupil", "The pupil"},
                                         {"la_caseworker", "LA caseworker"}, {"health", "Health"},
                                         {"social_care", "Social care"},     {"teacher", "Teacher"},
                                         {"ta", "Teaching assistant"},       {"professional", "Other professional"}};
  return roles;
}

// Who is invited to the meeting scheduled, and the form that records one more.
std::string invitations_part(const PupilView& v, const json::object& plan) {
  const auto& next = at(plan, "scheduled_review");
  if (next.is_null()) return {};
  std::string out;
  const auto& invited = array_at(plan, "invitations");
  if (invited.empty()) {
    out += "<p>Nobody is recorded as invited to the meeting on <span class=\"date\">" + value_html(next) +
           "</span> yet.</p>\n";
  } else {
    out += "<table><caption>Invited to the meeting on " + escape(text_of(next)) +
           "</caption>\n<thead><tr><th scope=\"col\">Who</th><th scope=\"col\">As</th><th scope=\"col\">How</th>"
           "<th scope=\"col\">Invited on</th></tr></thead>\n<tbody>\n";
    for (const auto& i : invited) {
      const auto& invitation = i.as_object();
      auto how = text_of(at(invitation, "how"));
      std::replace(how.begin(), how.end(), '_', ' ');
      out += "<tr><th scope=\"row\">" + escape(text_of(at(invitation, "name"))) + "</th><td>" +
             escape(invitee_role_name(text_of(at(invitation, "role")))) + "</td><td>" + escape(how) +
             "</td><td><span class=\"date\">" + value_html(at(invitation, "invited_on")) + "</span></td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  if (v.may.count("ehcp.review_invite")) {
    FormBuilder form(pupil_form_action(v, "/ehcp/invitations"), v.frame.csrf_token, sent_to(v, "ehc_invite"),
                     "f-ehc-invite-");
    form.text("name", "Who was invited")
        .select("role", "As", invitee_roles())
        .select("how", "How",
                {{"letter", "Letter"}, {"email", "Email"}, {"in_person", "In person"}, {"phone", "Phone"}})
        .date("date", "Invited on", v.today);
    out += form_panel(v,
                      {"ehc_invite", "f-ehc-invite-", "Record an invitation to the meeting", "Record the invitation",
                       "<p>Invitations go at least two weeks before the meeting to the parents, the pupil, the LA, "
                       "health and social care and the professionals involved (SEND Regulations 2014, reg. 20).</p>\n"},
                      form);
  }
  return out;
}

// The advice asked for the meeting scheduled, when each is needed by and came, and the forms that
// ask for more and record one received.
std::string advice_part(const PupilView& v, const json::object& plan) {
  if (at(plan, "scheduled_review").is_null()) return {};
  static const std::vector<Choice> kAdvisers{
      {"school", "School"}, {"educational_psychologist", "Educational psychologist"},
      {"health", "Health"}, {"social_care", "Social care"},
      {"la", "The LA"},     {"other", "Other"}};
  std::string out;
  const auto& advice = array_at(plan, "advice");
  std::vector<Choice> outstanding;
  if (!advice.empty()) {
    out +=
        "<table><caption>Advice for the meeting</caption>\n<thead><tr><th scope=\"col\">From</th>"
        "<th scope=\"col\">Asked for</th><th scope=\"col\">Needed by</th><th scope=\"col\">Received</th>"
        "</tr></thead>\n<tbody>\n";
    for (const auto& a : advice) {
      const auto& item = a.as_object();
      bool late = at(item, "late").is_bool() && at(item, "late").as_bool();
      out += "<tr><th scope=\"row\">" + escape(text_of(at(item, "author"))) + "</th><td><span class=\"date\">" +
             value_html(at(item, "requested_on")) + "</span></td><td><span class=\"date\">" +
             value_html(at(item, "needed_by")) + "</span>" + (late ? " <strong class=\"warning\">late</strong>" : "") +
             "</td><td><span class=\"date\">" + value_html(at(item, "received_on")) + "</span></td></tr>\n";
      if (at(item, "received_on").is_null())
        outstanding.push_back({text_of(at(item, "id")), text_of(at(item, "author"))});
    }
    out += "</tbody>\n</table>\n";
  }
  if (v.may.count("ehcp.review_advice")) {
    FormBuilder form(pupil_form_action(v, "/ehcp/advice"), v.frame.csrf_token, sent_to(v, "ehc_advice"),
                     "f-ehc-advice-");
    form.text("author", "Whose advice").select("role", "From", kAdvisers).date("date", "Asked for on", v.today);
    out += form_panel(v, {"ehc_advice", "f-ehc-advice-", "Ask for advice for the meeting", "Record the request"}, form);
  }
  if (!outstanding.empty() && v.may.count("ehcp.review_advice_received")) {
    FormBuilder form(pupil_form_action(v, "/ehcp/advice/received"), v.frame.csrf_token,
                     sent_to(v, "ehc_advice_received"), "f-ehc-received-");
    form.select("advice_id", "Advice from", outstanding).date("date", "Received on", v.today);
    out +=
        form_panel(v, {"ehc_advice_received", "f-ehc-received-", "Record advice received", "Record it received"}, form);
  }
  return out;
}

// After the last review held through senmap: its report to the LA, then the LA's decision, each once.
std::string after_review_forms(const PupilView& v, const json::object& plan) {
  const auto& last = at(plan, "last_review");
  if (!last.is_object() || at(last.as_object(), "recorded_existing").as_bool()) return {};
  const auto& review = last.as_object();
  auto held = text_of(at(review, "date"));
  std::string out;
  if (at(review, "report_sent_on").is_null() && v.may.count("ehcp.review_report")) {
    FormBuilder form(pupil_form_action(v, "/ehcp/review-report"), v.frame.csrf_token, sent_to(v, "ehc_report"),
                     "f-ehc-report-");
    form.date("date", "Day it was sent", v.today);
    out +=
        form_panel(v,
                   {"ehc_report", "f-ehc-report-", "Record the review report sent to the LA", "Record the report sent",
                    "<p>The report of the meeting on " + escape(held) + " is due with the LA within two weeks.</p>\n"},
                   form);
  }
  if (at(review, "la_decision").is_null() && v.may.count("ehcp.review_decision")) {
    FormBuilder form(pupil_form_action(v, "/ehcp/review-decision"), v.frame.csrf_token, sent_to(v, "ehc_la_decision"),
                     "f-ehc-la-");
    form.select("decision", "The LA's decision",
                {{"maintain", "Maintain the plan as it is"}, {"amend", "Amend the plan"}, {"cease", "Cease the plan"}})
        .date("date", "Date of the decision", v.today);
    out += form_panel(
        v,
        {"ehc_la_decision", "f-ehc-la-", "Record the LA's decision after the review", "Record the LA's decision",
         "<p>The LA decides within four weeks of the meeting; ceasing the plan closes it here.</p>\n"},
        form);
  }
  return out;
}

// The forms of an issued plan: its annual review meetings and what follows them, and the lines
// of its Section F.
std::string issued_forms(const PupilView& v, const json::object& plan) {
  std::string out;
  if (v.may.count("ehcp.review_meeting")) {
    FormBuilder form(pupil_form_action(v, "/ehcp/review-meeting"), v.frame.csrf_token, sent_to(v, "ehc_review"),
                     "f-ehc-review-");
    form.date("date", "Date of the meeting", v.today);
    out += form_panel(v,
                      {"ehc_review", "f-ehc-review-", "Schedule or record an annual review meeting",
                       "Record the annual review meeting",
                       "<p>A date ahead schedules the meeting (invitations are then due two weeks before it); today "
                       "or a past date records it as held, and the next review is counted from it.</p>\n"},
                      form);
  }
  out += invitations_part(v, plan);
  out += advice_part(v, plan);
  out += after_review_forms(v, plan);
  if (v.may.count("ehcp.provision_line")) {
    std::vector<Choice> running;
    for (const auto& p : v.placements) {
      const auto& placement = p.as_object();
      if (!at(placement, "end").is_null()) continue;
      running.push_back({text_of(at(placement, "id")), text_of(at(object_at(placement, "provision"), "name"))});
    }
    FormBuilder form(pupil_form_action(v, "/ehcp/section-f"), v.frame.csrf_token, sent_to(v, "section_f"),
                     "f-ehc-line-");
    form.text("description", "The provision, in the plan's words")
        .number("hours_per_week", "Hours a week the plan specifies", "", true);
    if (!running.empty()) form.checkboxes("placement_ids", "Delivered through", running, false);
    form.date("from", "Applies from (empty: the day the plan was issued)", "", false)
        .date("to", "Until (empty: while the plan runs)", "", false);
    out += form_panel(v, {"section_f", "f-ehc-line-", "Add a Section F line", "Add the line"}, form);
  }
  return out;
}

// Before the plan is issued: the LA's decision (once), then the issue.
std::string pending_forms(const PupilView& v, const json::object& plan) {
  std::string out;
  bool decided = !at(plan, "decision").is_null();
  if (!decided && v.may.count("ehcp.decision")) {
    FormBuilder form(pupil_form_action(v, "/ehcp/decision"), v.frame.csrf_token, sent_to(v, "ehc_decision"),
                     "f-ehc-decision-");
    form.select("decision", "The LA's decision", {{"assess", "It will assess"}, {"refuse", "It refused to assess"}})
        .date("date", "Date of the decision", v.today);
    out += form_panel(v, {"ehc_decision", "f-ehc-decision-", "Record the LA's decision", "Record the decision"}, form);
  }
  if (v.may.count("ehcp.issue")) {
    FormBuilder form(pupil_form_action(v, "/ehcp/issue"), v.frame.csrf_token, sent_to(v, "ehc_issue"), "f-ehc-issue-");
    form.date("date", "Date the final plan was issued", v.today);
    out += form_panel(v, {"ehc_issue", "f-ehc-issue-", "Record the final plan's issue", "Record the issue"}, form);
  }
  return out;
}

}  // namespace

std::string invitee_role_name(const std::string& role) {
  for (const auto& c : invitee_roles())
    if (c.value == role) return c.label;
  return role;
}

std::string ehc_section(const PupilView& v) {
  if (!v.ehcp && !v.may.count("ehcp.request") && !v.may.count("ehcp.record_existing")) return {};
  std::string out = "<section aria-labelledby=\"ehcp-heading\"><h2 id=\"ehcp-heading\">EHC plan</h2>\n";
  if (!v.ehcp) {
    bool held = text_of(at(v.record, "status")) == "E";
    out += held ? "<p><strong class=\"warning\">Dates missing</strong>: the MIS records an EHC plan for this pupil, "
                  "but its dates are not recorded here, so no annual review is on the clock.</p>\n"
                : "<p>No EHC plan or request is open.</p>\n";
    if (held && v.may.count("ehcp.record_existing")) {
      FormBuilder form(pupil_form_action(v, "/ehcp/existing"), v.frame.csrf_token, sent_to(v, "ehc_existing"),
                       "f-ehc-existing-");
      form.text("la", "The local authority that maintains it", "Its 3-digit LA code (e.g. 881)")
          .date("issue_date", "Date the plan (or the statement it replaced) was issued", "")
          .date("last_review_date", "Date of its last annual review meeting (empty: none yet)", "", false);
      out +=
          form_panel(v,
                     {"ehc_existing", "f-ehc-existing-", "Record the EHC plan the school holds", "Record the plan held",
                      "<p>Its annual review is then counted from the last review, or from its issue.</p>\n"},
                     form);
    }
    if (!v.may.count("ehcp.request")) return out + "</section>\n";
    FormBuilder form(pupil_form_action(v, "/ehcp/request"), v.frame.csrf_token, sent_to(v, "ehc_request"),
                     "f-ehc-request-");
    form.text("la", "The local authority asked", "Its 3-digit LA code, as on the census (e.g. 881)")
        .date("date", "Date of the request", v.today);
    out += form_panel(v,
                      {"ehc_request", "f-ehc-request-", "Request an EHC needs assessment", "Record the request",
                       "<p>The statutory clock starts from the request: the LA has 6 weeks to decide whether to "
                       "assess, 20 weeks to issue a plan.</p>\n"},
                      form);
    return out + "</section>\n";
  }
  out += plan_html(*v.ehcp);
  if (!at(*v.ehcp, "issue_date").is_null())
    out += "<p><a href=\"" + pupil_form_action(v, "/annual-review") +
           "\">The annual review: outcomes, views, who came, the recommendation, amendments and the report for the "
           "LA</a></p>\n";
  out += at(*v.ehcp, "issue_date").is_null() ? pending_forms(v, *v.ehcp) : issued_forms(v, *v.ehcp);
  return out + "</section>\n";
}

}  // namespace sm::http::pages
