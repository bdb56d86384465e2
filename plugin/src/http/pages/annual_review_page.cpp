#include "http/pages/annual_review_page.hpp"

#include <boost/json.hpp>

#include "http/pages/json_fields.hpp"
#include "http/pages/pupil_sections.hpp"

namespace sm::http::pages {
namespace json = boost::json;

std::string progress_name(const std::string& progress) {
  if (progress == "met") return "Met";
  if (progress == "partly_met") return "Partly met";
  if (progress == "not_met") return "Not met";
  return progress;
}

std::string recommendation_name(const std::string& recommendation) {
  if (recommendation == "maintain") return "Maintain the plan as it is";
  if (recommendation == "amend") return "Amend the plan";
  if (recommendation == "cease") return "Cease the plan";
  return recommendation;
}

namespace {

const std::vector<Choice> kProgress{{"met", "Met"}, {"partly_met", "Partly met"}, {"not_met", "Not met"}};
// The one-page profile's questions the views answer (SEND Code of Practice 9.176), by field.
const std::pair<const char*, const char*> kQuestions[] = {{"important_now", "What is important now"},
                                                          {"important_future", "What is important for the future"},
                                                          {"working", "What is working"},
                                                          {"not_working", "What is not working"}};

// A step of the review: done on a day, or due by one (overdue when the clock says so), or waiting.
std::string step(const std::string& what, const std::string& state) {
  return "<li><strong>" + escape(what) + "</strong>: " + state + "</li>\n";
}

std::string due_state(const json::object& plan, const char* key) {
  const auto& due = object_at(plan, "deadlines");
  if (!due.contains(key)) return "waiting for the step before it";
  bool late = object_at(plan, "overdue").contains(key);
  return std::string(late ? "<strong class=\"warning\">overdue</strong>, due " : "due by ") + date_html(at(due, key));
}

// The review's steps in the order the Regulations set them, each with where it stands.
std::string steps_section(const json::object& plan) {
  const auto& next = at(plan, "scheduled_review");
  const auto& last = at(plan, "last_review");
  const json::object* review =
      last.is_object() && !at(last.as_object(), "recorded_existing").as_bool() ? &last.as_object() : nullptr;
  std::string out =
      "<section aria-labelledby=\"steps-heading\"><h2 id=\"steps-heading\">Where the review stands</h2>\n<ol "
      "class=\"steps\">\n";
  out += step("Meeting", next.is_null() ? (review ? "held on " + date_html(at(*review, "date"))
                                                  : "not scheduled; " + due_state(plan, "annual_review"))
                                        : "scheduled for " + date_html(next));
  if (!next.is_null()) {
    const auto& invited = array_at(plan, "invitations");
    out += step("Invitations", std::to_string(invited.size()) + " sent; " + due_state(plan, "review_invitations"));
    std::size_t received = 0;
    for (const auto& a : array_at(plan, "advice")) received += at(a.as_object(), "received_on").is_null() ? 0 : 1;
    out += step("Advice",
                std::to_string(received) + " of " + std::to_string(array_at(plan, "advice").size()) + " received");
    const auto& views = at(plan, "views");
    for (const char* whose : {"pupil", "parent"})
      out += step(std::string(whose == std::string("pupil") ? "The pupil's" : "The parents'") + " views",
                  views.is_object() && !at(views.as_object(), whose).is_null() ? "gathered" : "not gathered yet");
  }
  if (review) {
    const auto& record = object_at(*review, "record");
    std::size_t came = 0, known = 0;
    for (const auto& i : array_at(record, "invitations")) {
      const auto& attended = at(i.as_object(), "attended");
      known += attended.is_null() ? 0 : 1;
      came += attended.is_bool() && attended.as_bool() ? 1 : 0;
    }
    out +=
        step("Who came to the meeting on " + text_of(at(*review, "date")),
             known ? std::to_string(came) + " of " + std::to_string(array_at(record, "invitations").size()) + " invited"
                   : "not recorded");
    out += step("Outcomes, amendments and recommendation",
                at(record, "recommendation").is_null()
                    ? "not recorded"
                    : "recorded: " + escape(recommendation_name(text_of(at(record, "recommendation")))));
    out += step("Report to the LA", at(*review, "report_sent_on").is_null()
                                        ? due_state(plan, "review_report")
                                        : "sent on " + date_html(at(*review, "report_sent_on")));
    out += step("The LA's decision", at(*review, "la_decision").is_null()
                                         ? due_state(plan, "la_review_decision")
                                         : escape(recommendation_name(text_of(at(*review, "la_decision")))) + ", on " +
                                               date_html(at(*review, "la_decided_on")));
    if (text_of(at(*review, "la_decision")) == "amend") {
      out += step("Amendment notice to the parents", at(*review, "amendment_notice_on").is_null()
                                                         ? "not sent yet"
                                                         : "sent on " + date_html(at(*review, "amendment_notice_on")));
      if (!at(*review, "amendment_notice_on").is_null()) {
        out += step("The parents' response",
                    at(*review, "parents_responded_on").is_null()
                        ? "they have until " + date_html(at(object_at(plan, "deadlines"), "amendment_response"))
                        : "on " + date_html(at(*review, "parents_responded_on")));
        out += step("Amended plan issued", at(*review, "amended_plan_issued_on").is_null()
                                               ? due_state(plan, "amended_plan")
                                               : "on " + date_html(at(*review, "amended_plan_issued_on")));
      }
    }
  }
  return out + "</ol>\n</section>\n";
}

// The plan's outcomes (Section E), and the forms that add one or record one leaving the plan.
std::string outcomes_section(const PupilView& v, const json::object& plan) {
  std::string out =
      "<section aria-labelledby=\"outcomes-heading\"><h2 id=\"outcomes-heading\">The plan's outcomes (Section "
      "E)</h2>\n";
  const auto& outcomes = array_at(plan, "outcomes");
  std::vector<Choice> in_plan;
  if (outcomes.empty()) {
    out += "<p>No outcome is recorded yet: add the plan's outcomes so each review can judge them one by one.</p>\n";
  } else {
    out +=
        "<table><caption>Outcomes</caption>\n<thead><tr><th scope=\"col\">Outcome</th><th scope=\"col\">In the plan "
        "from</th><th scope=\"col\">Left the plan</th></tr></thead>\n<tbody>\n";
    for (const auto& o : outcomes) {
      const auto& outcome = o.as_object();
      out += "<tr><th scope=\"row\">" + escape(text_of(at(outcome, "outcome"))) + "</th><td>" +
             date_html(at(outcome, "added_on")) + "</td><td>" + date_html(at(outcome, "ended_on")) + "</td></tr>\n";
      if (at(outcome, "ended_on").is_null())
        in_plan.push_back({text_of(at(outcome, "id")), text_of(at(outcome, "outcome")).substr(0, 80)});
    }
    out += "</tbody>\n</table>\n";
  }
  if (v.may.count("ehcp.outcome")) {
    FormBuilder form(pupil_form_action(v, "/annual-review/outcomes"), v.frame.csrf_token, sent_to(v, "ehc_outcome"),
                     "f-outcome-");
    form.textarea("outcome", "The outcome, in the plan's words").date("date", "In the plan from", v.today);
    out += form_panel(v, {"ehc_outcome", "f-outcome-", "Add an outcome", "Add the outcome"}, form);
  }
  if (!in_plan.empty() && v.may.count("ehcp.outcome_end")) {
    FormBuilder form(pupil_form_action(v, "/annual-review/outcomes/end"), v.frame.csrf_token,
                     sent_to(v, "ehc_outcome_end"), "f-outcome-end-");
    form.select("outcome_id", "Outcome", in_plan).date("date", "Left the plan on", v.today);
    out += form_panel(
        v,
        {"ehc_outcome_end", "f-outcome-end-", "Record an outcome leaving the plan", "Record it left the plan",
         "<p>When an amended plan drops an outcome, or the pupil has achieved it.</p>\n"},
        form);
  }
  return out + "</section>\n";
}

std::string views_html(const json::value& views, const char* whose, const char* heading) {
  std::string out = "<h3>" + std::string(heading) + "</h3>\n";
  if (!views.is_object() || at(views.as_object(), whose).is_null()) return out + "<p>Not gathered yet.</p>\n";
  const auto& said = at(views.as_object(), whose).as_object();
  out += "<dl>\n";
  for (const auto& [key, question] : kQuestions) out += definition(question, value_html(at(said, key)));
  return out + definition("Gathered on", date_html(at(said, "gathered_on"))) + "</dl>\n";
}

// The views for the meeting in hand (the one scheduled, else the last held until its report goes),
// and the form that records either person's, starting from what they said before.
std::string views_section(const PupilView& v, const json::value& views, const std::string& meeting) {
  std::string out = "<section aria-labelledby=\"views-heading\"><h2 id=\"views-heading\">Views for the meeting on " +
                    escape(meeting) + "</h2>\n";
  out += views_html(views, "pupil", "The pupil's views") + views_html(views, "parent", "The parents' views");
  if (v.may.count("ehcp.review_views")) {
    FormBuilder form(pupil_form_action(v, "/annual-review/views"), v.frame.csrf_token, sent_to(v, "ehc_views"),
                     "f-views-");
    form.select("whose", "Whose views", {{"pupil", "The pupil's"}, {"parent", "The parents'"}});
    for (const auto& [key, question] : kQuestions) form.textarea(key, question);
    form.date("date", "Gathered on", v.today);
    out += form_panel(v,
                      {"ehc_views", "f-views-", "Record views for the review", "Record the views",
                       "<p>Recording them again replaces what was recorded for the same person.</p>\n"},
                      form);
  }
  return out + "</section>\n";
}

// The refusal's outcomes[N] fields as the form's progress_<id> (N counts the outcomes listed, in
// the order of their ids: features/page_forms.cpp sends them so).
json::value judgement_errors(const PupilView& v, const std::vector<std::string>& listed) {
  json::value errors = v.errors;
  auto* list = errors.is_object() ? errors.as_object().if_contains("errors") : nullptr;
  if (!list || !list->is_array()) return errors;
  for (auto& e : list->as_array()) {
    auto field = text_of(at(e.as_object(), "field"));
    if (!field.starts_with("outcomes[")) continue;
    auto place = std::strtoul(field.c_str() + 9, nullptr, 10);
    if (place < listed.size())
      e.as_object()["field"] = (field.ends_with(".note") ? "onote_" : "progress_") + listed[place];
  }
  return errors;
}

// The meeting held, until its report goes: who came, then each outcome judged, the amendments and
// the recommendation; and the report itself.
std::string meeting_section(const PupilView& v, const json::object& review, const json::object& plan) {
  const auto& record = object_at(review, "record");
  auto held = text_of(at(review, "date"));
  std::string out = "<section aria-labelledby=\"meeting-heading\"><h2 id=\"meeting-heading\">The meeting on " +
                    escape(held) + "</h2>\n";
  out += "<p><a href=\"" + pupil_form_action(v, "/annual-review/report") +
         "\">The review report for the LA</a> (print it, or save it as PDF from the browser's print).</p>\n";
  const auto& invited = array_at(record, "invitations");
  // A fresh form starts from what is recorded: who came, each outcome's judgement, the recommendation.
  Submitted came, judged;
  if (v.may.count("ehcp.review_attendance") && v.failed_form != "ehc_attendance")
    for (const auto& i : invited)
      if (const auto& attended = at(i.as_object(), "attended"); !attended.is_null()) {
        auto& ids = came["attended"];
        if (attended.as_bool()) ids += (ids.empty() ? "" : "\n") + text_of(at(i.as_object(), "id"));
      }
  if (v.failed_form != "ehc_judgements" && !at(record, "recommendation").is_null()) {
    for (const auto& o : array_at(record, "outcomes")) {
      auto id = text_of(at(o.as_object(), "outcome_id"));
      judged["progress_" + id] = text_of(at(o.as_object(), "progress"));
      judged["onote_" + id] = text_of(at(o.as_object(), "note"));
    }
    judged["amendments"] = text_of(at(record, "amendments"));
    judged["recommendation"] = text_of(at(record, "recommendation"));
  }
  if (!invited.empty() && v.may.count("ehcp.review_attendance")) {
    std::vector<Choice> people;
    for (const auto& i : invited) {
      const auto& invitation = i.as_object();
      people.push_back({text_of(at(invitation, "id")), text_of(at(invitation, "name")) + " (" +
                                                           invitee_role_name(text_of(at(invitation, "role"))) + ")"});
    }
    FormBuilder form(pupil_form_action(v, "/annual-review/attendance"), v.frame.csrf_token,
                     v.failed_form == "ehc_attendance" ? v.submitted : came, "f-came-");
    form.checkboxes("attended", "Who came", people, false);
    out += form_panel(v,
                      {"ehc_attendance", "f-came-", "Record who came", "Record who came",
                       "<p>Tick everyone who came; everyone else invited is recorded as not having come.</p>\n"},
                      form);
  }
  if (!v.may.count("ehcp.review_outcomes")) return out + "</section>\n";
  std::vector<std::string> listed;
  FormBuilder form(pupil_form_action(v, "/annual-review/judgements"), v.frame.csrf_token,
                   v.failed_form == "ehc_judgements" ? v.submitted : judged, "f-judge-");
  for (const auto& o : array_at(plan, "outcomes")) {
    const auto& outcome = o.as_object();
    auto added = text_of(at(outcome, "added_on"));
    auto ended = text_of(at(outcome, "ended_on"));
    if (added > held || (!ended.empty() && ended <= held)) continue;  // not in the plan on the meeting's day
    auto id = text_of(at(outcome, "id"));
    listed.push_back(id);
    auto n = std::to_string(listed.size());
    form.raw("<p class=\"outcome\"><strong>Outcome " + n + "</strong>: " + escape(text_of(at(outcome, "outcome"))) +
             "</p>\n")
        .hidden("outcome_" + id, id)
        .select("progress_" + id, "Progress towards outcome " + n, kProgress)
        .textarea("onote_" + id, "What the meeting said about outcome " + n);
  }
  form.textarea("amendments", "Amendments proposed", "Needed when the meeting recommends amending the plan")
      .select("recommendation", "The meeting's recommendation to the LA",
              {{"maintain", recommendation_name("maintain")},
               {"amend", recommendation_name("amend")},
               {"cease", recommendation_name("cease")}});
  out += form_panel(v,
                    {"ehc_judgements", "f-judge-", "Record the outcomes reviewed and the recommendation",
                     "Record the review's outcomes",
                     listed.empty() ? "<p>No outcome was in the plan on the meeting's day: add the plan's outcomes "
                                      "above first, or record only the recommendation.</p>\n"
                                    : "<p>Each of the plan's outcomes is reviewed: met, partly met or not met.</p>\n"},
                    form, judgement_errors(v, listed));
  return out + "</section>\n";
}

// After the LA decided to amend: the notice to the parents, their response, the amended plan.
std::string amendment_section(const PupilView& v, const json::object& review) {
  struct Step {
    const char* column;
    const char* operation;
    const char* form;
    const char* tail;
    const char* heading;
    const char* label;
    const char* button;
  };
  static const Step kSteps[] = {
      {"amendment_notice_on", "ehcp.amendment_notice", "ehc_amendment_notice", "/annual-review/amendment-notice",
       "Record the amendment notice sent to the parents", "Sent on", "Record the notice"},
      {"parents_responded_on", "ehcp.amendment_response", "ehc_amendment_response", "/annual-review/amendment-response",
       "Record the parents' response", "They responded on", "Record their response"},
      {"amended_plan_issued_on", "ehcp.amended_plan", "ehc_amended_plan", "/annual-review/amended-plan",
       "Record the amended plan's issue", "Issued on", "Record the amended plan"}};
  std::string out =
      "<section aria-labelledby=\"amend-heading\"><h2 id=\"amend-heading\">Amending the plan</h2>\n<p>The LA sends "
      "the parents the proposed amendments; they have at least 15 days to respond, and the amended plan is due "
      "within 8 weeks of the notice (SEND Regulations 2014, reg. 22).</p>\n";
  for (const auto& s : kSteps) {
    if (!at(review, s.column).is_null()) continue;
    if (v.may.count(s.operation)) {
      FormBuilder form(pupil_form_action(v, s.tail), v.frame.csrf_token, sent_to(v, s.form),
                       std::string("f-") + s.form + "-");
      form.date("date", s.label, v.today);
      out += form_panel(v, {s.form, std::string("f-") + s.form + "-", s.heading, s.button}, form);
    }
    break;  // one step at a time, in order
  }
  return out + "</section>\n";
}

}  // namespace

std::string annual_review_page(const PupilView& v) {
  auto name = text_of(at(v.record, "forename")) + " " + text_of(at(v.record, "surname"));
  Frame frame = v.frame;
  frame.title = "Annual review: " + name;
  std::string main = "<h1>Annual review: " + escape(name) + "</h1>\n<p><a href=\"" + pupil_form_action(v, "") +
                     "\">Back to " + escape(name) +
                     "'s page</a> (the meeting, invitations, advice, the report and "
                     "the LA's decision are recorded there)</p>\n";
  if (!v.notice.empty()) main += notice(v.notice);
  if (!v.ehcp || at(*v.ehcp, "issue_date").is_null()) {
    main += "<p>No issued EHC plan is recorded for this pupil: there is no annual review.</p>\n";
    return page(frame, main);
  }
  const auto& plan = *v.ehcp;
  main += steps_section(plan);
  main += outcomes_section(v, plan);
  const auto& last = at(plan, "last_review");
  const json::object* review =
      last.is_object() && !at(last.as_object(), "recorded_existing").as_bool() ? &last.as_object() : nullptr;
  bool open = review && at(*review, "report_sent_on").is_null();  // its record may still change
  if (!at(plan, "scheduled_review").is_null())
    main += views_section(v, at(plan, "views"), text_of(at(plan, "scheduled_review")));
  else if (open)
    main += views_section(v, at(object_at(*review, "record"), "views"), text_of(at(*review, "date")));
  if (open) main += meeting_section(v, *review, plan);
  if (review && !open)
    main += "<p><a href=\"" + pupil_form_action(v, "/annual-review/report") + "\">The report of the meeting on " +
            escape(text_of(at(*review, "date"))) + "</a>, as sent to the LA.</p>\n";
  if (review && text_of(at(*review, "la_decision")) == "amend") main += amendment_section(v, *review);
  if (!v.failed_form.empty() && main.find("class=\"error-summary\"") == std::string::npos)
    main.insert(main.find("</h1>\n") + 6, error_summary(v.errors, "The form"));
  return page(frame, main);
}

}  // namespace sm::http::pages
