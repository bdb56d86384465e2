#include "http/pages/pupil_page.hpp"

#include <boost/json.hpp>
#include <set>

#include "http/pages/flags_page.hpp"
#include "http/pages/json_fields.hpp"
#include "http/pages/pupil_sections.hpp"
#include "model/reference_data.hpp"

namespace sm::http::pages {
namespace json = boost::json;

std::string definition(const std::string& label, const std::string& html) {
  return "<dt>" + escape(label) + "</dt><dd>" + html + "</dd>\n";
}

std::string pupil_form_action(const PupilView& v, const std::string& tail) {
  return "/pupils/" + url_part(text_of(at(v.record, "upn"))) + tail;
}

const Submitted& sent_to(const PupilView& v, const std::string& form) {
  static const Submitted nothing;
  return v.failed_form == form ? v.submitted : nothing;
}

std::string form_panel(const PupilView& v, const FormPanel& panel, FormBuilder& form) {
  return form_panel(v, panel, form, v.errors);
}

std::string form_panel(const PupilView& v, const FormPanel& panel, FormBuilder& form, const json::value& errors) {
  std::string out =
      "<div class=\"panel\"><h3 id=\"" + panel.prefix + "heading\">" + escape(panel.heading) + "</h3>\n" + panel.intro;
  if (v.failed_form == panel.form) out += error_summary(errors, panel.heading, form.labels(), panel.prefix);
  return out + form.finish(panel.button) + "</div>\n";
}

namespace {

std::string result_name(const std::string& result) {
  if (result == "achieved") return "Achieved";
  if (result == "partly") return "Partly achieved";
  if (result == "not") return "Not achieved";
  return result;
}

std::string next_step_name(const std::string& step) {
  if (step == "continue") return "Continue at this level";
  if (step == "step_up") return "Step up: more intensive provision";
  if (step == "step_down") return "Step down";
  if (step == "leave_register") return "Leave the SEN register";
  if (step == "request_ehc_assessment") return "Request an EHC needs assessment";
  return step;
}

std::string summary(const PupilView& v) {
  const auto& r = v.record;
  std::string needs;
  for (const auto& n : array_at(r, "needs")) {
    const auto& need = n.as_object();
    if (at(need, "current").is_bool() && !at(need, "current").as_bool()) continue;
    needs += "<li>" + escape(need_name(text_of(at(need, "code")))) + "</li>";
  }
  std::string attendance = none();
  const auto& years = array_at(object_at(r, "attendance"), "years");
  if (!years.empty()) {
    const auto& latest = years.back().as_object();
    attendance = escape(text_of(at(latest, "attendance_percent"))) + "% in " + escape(text_of(at(latest, "year"))) +
                 "/" + escape(std::to_string((at(latest, "year").to_number<int>() + 1) % 100));
  }
  auto status = text_of(at(r, "status"));
  std::string out = "<dl class=\"summary\">\n";
  out += definition("UPN", escape(text_of(at(r, "upn"))));
  out += definition("Year", value_html(at(r, "nc_year")));
  out += definition("SEN status",
                    escape(status == "N" ? "Not on the SEN register" : status_name(status)) +
                        (at(r, "status_since").is_string() ? " since " + escape(text_of(at(r, "status_since"))) : ""));
  out += definition("Needs (primary first)", needs.empty() ? none() : "<ol>" + needs + "</ol>");
  out += definition("Attendance", attendance);
  return out + "</dl>\n";
}

// What teachers added from their class maps while the cycle ran, for the review.
std::string contributions_html(const json::array& contributions) {
  if (contributions.empty()) return {};
  std::string out = "<h4>From the class teachers</h4>\n<ul class=\"contributions\">\n";
  for (const auto& value : contributions) {
    const auto& c = value.as_object();
    auto kind = text_of(at(c, "kind"));
    std::string what = kind == "views"             ? "Views for the review"
                       : kind == "strategy_worked" ? "Worked: " + text_of(at(c, "strategy"))
                                                   : "Did not work: " + text_of(at(c, "strategy"));
    out += "<li><strong>" + escape(what) + "</strong>. " + value_html(at(c, "note")) + " <span class=\"hint\">" +
           escape(text_of(at(c, "by_name"))) + ", <span class=\"date\">" + value_html(at(c, "recorded_on")) +
           "</span></span></li>\n";
  }
  return out + "</ul>\n";
}

std::string cycle_html(const json::object& c, std::size_t number) {
  const auto& assess = object_at(c, "assess");
  const auto& plan = object_at(c, "plan");
  const auto& review = object_at(c, "review");
  auto stage = text_of(at(c, "stage"));
  std::string state = stage == "reviewed" ? "reviewed " + text_of(at(review, "date"))
                      : stage == "do"     ? "review due " + text_of(at(plan, "review_due"))
                                          : "being planned";
  std::string out = "<article class=\"cycle\"><h3>Cycle " + std::to_string(number) + ": assessed " +
                    escape(text_of(at(assess, "date"))) + ", " + escape(state) + "</h3>\n<dl>\n";
  out += definition("Pupil's views at assessment", value_html(at(assess, "pupil_views")));
  out += definition("Parents' views at assessment", value_html(at(assess, "parent_views")));
  if (!plan.empty() && !at(plan, "date").is_null()) out += definition("Plan agreed", value_html(at(plan, "date")));
  out += "</dl>\n";
  const auto& targets = array_at(plan, "targets");
  if (!targets.empty()) {
    out += "<table><caption>Targets of cycle " + std::to_string(number) +
           "</caption>\n<thead><tr><th scope=\"col\">Target</th><th scope=\"col\">Success criteria</th>"
           "<th scope=\"col\">Result</th><th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n";
    for (const auto& t : targets) {
      const auto& target = t.as_object();
      out += "<tr><th scope=\"row\">" + escape(text_of(at(target, "target"))) + "</th><td>" +
             value_html(at(target, "success_criteria")) + "</td><td>" +
             (at(target, "result").is_null() ? none() : escape(result_name(text_of(at(target, "result"))))) +
             "</td><td>" + value_html(at(target, "evidence")) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  if (stage == "reviewed") {
    const auto& views = object_at(review, "views");
    out += "<dl>\n";
    out += definition("Pupil's views at review", value_html(at(views, "pupil")));
    out += definition("Parents' views at review", value_html(at(views, "parent")));
    out += definition("Teacher's views", value_html(at(views, "teacher")));
    out += definition("Views of staff who delivered support", value_html(at(views, "staff")));
    out += definition("Next step", escape(next_step_name(text_of(at(review, "next_step")))));
    out += "</dl>\n";
  }
  return out + contributions_html(array_at(c, "contributions")) + "</article>\n";
}

// The review operation names a target by its place in the list the form sent ("targets[2]"), or
// by its id ("target 12 has no result"): each reason is linked to that target's result instead.
json::value review_errors(const PupilView& v) {
  // The list holds the targets with a result or evidence typed, in the order of their ids as text
  // (the form's request builds it so: features/page_forms.cpp).
  std::set<std::string> typed;
  for (const auto& [name, value] : v.submitted)
    if (!value.empty() && (name.starts_with("result_") || name.starts_with("evidence_")))
      typed.insert(name.substr(name.find('_') + 1));
  const std::vector<std::string> listed(typed.begin(), typed.end());
  json::value errors = v.errors;
  auto* list = errors.is_object() ? errors.as_object().if_contains("errors") : nullptr;
  if (!list || !list->is_array()) return errors;
  for (auto& e : list->as_array()) {
    auto field = text_of(at(e.as_object(), "field"));
    auto rule = text_of(at(e.as_object(), "rule"));
    if (field.starts_with("targets[")) {
      auto place = std::strtoul(field.c_str() + 8, nullptr, 10);
      if (place >= 1 && place <= listed.size()) e.as_object()["field"] = "result_" + listed[place - 1];
    } else if (field == "targets" && rule.starts_with("target ")) {
      e.as_object()["field"] = "result_" + rule.substr(7, rule.find(' ', 7) - 7);
    }
  }
  return errors;
}

std::string review_form(const PupilView& v, const json::object& cycle) {
  const auto& targets = array_at(object_at(cycle, "plan"), "targets");
  const auto& submitted = v.failed_form == "review" ? v.submitted : Submitted{};
  FormBuilder form("/pupils/" + url_part(text_of(at(v.record, "upn"))) + "/review", v.frame.csrf_token, submitted);
  form.hidden("cycle_id", text_of(at(cycle, "id"))).date("date", "Date of the review", v.today);
  const std::vector<Choice> results{{"achieved", "Achieved"}, {"partly", "Partly achieved"}, {"not", "Not achieved"}};
  for (const auto& t : targets) {
    const auto& target = t.as_object();
    auto id = text_of(at(target, "id"));
    form.raw("<fieldset class=\"target\"><legend>Target: " + escape(text_of(at(target, "target"))) + "</legend>\n")
        .select("result_" + id, "Result", results)
        .textarea("evidence_" + id, "Evidence", "What shows it: work, observations, scores")
        .raw("</fieldset>\n");
  }
  form.textarea("pupil_views", "The pupil's views")
      .textarea("parent_views", "The parents' views")
      .textarea("teacher_views", "The teacher's views")
      .textarea("staff_views", "Views of staff who delivered support")
      .select("next_step", "Next step",
              {{"continue", next_step_name("continue")},
               {"step_up", next_step_name("step_up")},
               {"step_down", next_step_name("step_down")},
               {"leave_register", next_step_name("leave_register")},
               {"request_ehc_assessment", next_step_name("request_ehc_assessment")}});
  std::string out =
      "<section class=\"panel\" aria-labelledby=\"review-heading\"><h2 id=\"review-heading\">Record a review</h2>\n";
  if (v.failed_form == "review") out += error_summary(review_errors(v), "The review", form.labels());
  out += "<p>Review of the cycle planned on " + escape(text_of(at(object_at(cycle, "plan"), "date"))) +
         ": how the pupil did against each target, everyone's views, and what happens next.</p>\n";
  return out + form.finish("Record the review") + "</section>\n";
}

// Starting the next cycle where the last one ends: the assessment (everyone's views and the
// analysis; senmap gathers the attainment and attendance itself).
std::string assess_form(const PupilView& v, bool first) {
  const auto& submitted = v.failed_form == "assessment" ? v.submitted : Submitted{};
  FormBuilder form("/pupils/" + url_part(text_of(at(v.record, "upn"))) + "/assess", v.frame.csrf_token, submitted,
                   "f-assess-");
  form.date("date", "Date of the assessment", v.today)
      .textarea("pupil_views", "The pupil's views")
      .textarea("parent_views", "The parents' views")
      .textarea("notes", "The teacher's and SENCO's analysis", "What the evidence shows and what to try next");
  std::string heading = first ? "Start a cycle of SEN support: assess" : "Start the next cycle: assess";
  std::string out =
      "<section class=\"panel\" aria-labelledby=\"assess-heading\"><h2 id=\"assess-heading\">" + escape(heading) +
      "</h2>\n<p>senmap gathers the pupil's latest attainment, attendance and provision as the assessment's "
      "evidence.</p>\n";
  if (v.failed_form == "assessment") out += error_summary(v.errors, "The assessment", form.labels(), "f-assess-");
  return out + form.finish("Record the assessment") + "</section>\n";
}

// Planning the cycle just assessed: up to three targets with how success is judged, the review
// date, and the placements that serve the plan.
std::string plan_form(const PupilView& v, const json::object& cycle) {
  const auto& submitted = v.failed_form == "plan" ? v.submitted : Submitted{};
  FormBuilder form("/pupils/" + url_part(text_of(at(v.record, "upn"))) + "/plan", v.frame.csrf_token, submitted,
                   "f-plan-");
  form.hidden("cycle_id", text_of(at(cycle, "id"))).date("date", "Date the plan was agreed", v.today);
  for (int i = 1; i <= 3; ++i) {
    auto n = std::to_string(i);
    form.raw("<fieldset class=\"target\"><legend>Target " + n + (i == 1 ? "" : " (if any)") + "</legend>\n")
        .text("target_" + n, "Target", i == 1 ? "What the pupil will be able to do" : "")
        .text("criteria_" + n, "Success criteria", i == 1 ? "How everyone will know: seen where, how often" : "")
        .raw("</fieldset>\n");
  }
  form.date("review_due", "Review by", "", false);
  std::vector<Choice> running;
  for (const auto& p : v.placements) {
    const auto& placement = p.as_object();
    if (!at(placement, "end").is_null()) continue;
    running.push_back({text_of(at(placement, "id")), text_of(at(object_at(placement, "provision"), "name"))});
  }
  if (!running.empty()) form.checkboxes("placement_ids", "Provision that serves the plan", running);
  std::string out =
      "<section class=\"panel\" aria-labelledby=\"plan-heading\"><h2 id=\"plan-heading\">Plan the cycle assessed "
      "on " +
      escape(text_of(at(object_at(cycle, "assess"), "date"))) + "</h2>\n";
  if (v.failed_form == "plan") {
    // The operation names a target by its place in the list ("targets[1]", counted from 1): the
    // reason then links to that target's own field.
    json::value errors = v.errors;
    if (auto* list = errors.is_object() ? errors.as_object().if_contains("errors") : nullptr; list && list->is_array())
      for (auto& e : list->as_array()) {
        auto field = text_of(at(e.as_object(), "field"));
        if (field.starts_with("targets[") && field.ends_with("]"))
          e.as_object()["field"] = "target_" + field.substr(8, field.size() - 9);
      }
    auto labels = form.labels();
    for (int i = 1; i <= 3; ++i) labels["target_" + std::to_string(i)] = "Target " + std::to_string(i);
    out += error_summary(errors, "The plan", labels, "f-plan-");
  }
  return out + form.finish("Record the plan") + "</section>\n";
}

// Meetings with the parents: the Code expects three a year for a pupil on SEN support.
std::string meetings_section(const PupilView& v) {
  std::string out =
      "<section aria-labelledby=\"meetings-heading\"><h2 id=\"meetings-heading\">Meetings with parents</h2>\n";
  if (const auto* count = v.meetings_this_year.if_contains("meetings"))
    out += "<p>" + escape(text_of(*count)) + " this academic year (" +
           escape(text_of(at(v.meetings_this_year, "academic_year"))) +
           ") of the three a year the SEND Code expects.</p>\n";
  if (v.parent_meetings.empty()) {
    out += "<p>No meeting is recorded yet.</p>\n";
  } else {
    out += "<ul>\n";
    for (auto it = v.parent_meetings.rbegin(); it != v.parent_meetings.rend(); ++it) {
      const auto& m = it->as_object();
      out += "<li><span class=\"date\">" + value_html(at(m, "date")) + "</span>: " + value_html(at(m, "notes")) +
             "</li>\n";
    }
    out += "</ul>\n";
  }
  if (v.can_meet) {
    const auto& submitted = v.failed_form == "meeting" ? v.submitted : Submitted{};
    FormBuilder form("/pupils/" + url_part(text_of(at(v.record, "upn"))) + "/parent-meetings", v.frame.csrf_token,
                     submitted, "f-meet-");
    form.date("date", "Date of the meeting", v.today).textarea("notes", "What was agreed");
    out += "<div class=\"panel\"><h3 id=\"meet-heading\">Record a meeting with the parents</h3>\n";
    if (v.failed_form == "meeting") out += error_summary(v.errors, "The meeting", form.labels(), "f-meet-");
    out += form.finish("Record the meeting") + "</div>\n";
  }
  return out + "</section>\n";
}

// Ending a placement with its exit measure and what came of it: the impact report's evidence.
std::string end_placement_form(const PupilView& v) {
  std::vector<Choice> running;
  for (const auto& p : v.placements) {
    const auto& placement = p.as_object();
    if (!at(placement, "end").is_null()) continue;
    running.push_back({text_of(at(placement, "id")), text_of(at(object_at(placement, "provision"), "name")) +
                                                         " (since " + text_of(at(placement, "start")) + ")"});
  }
  if (running.empty()) return {};
  const auto& submitted = v.failed_form == "placement_end" ? v.submitted : Submitted{};
  FormBuilder form("/pupils/" + url_part(text_of(at(v.record, "upn"))) + "/placements/end", v.frame.csrf_token,
                   submitted, "f-end-");
  form.select("placement_id", "Placement", running)
      .date("end", "Last day", v.today)
      .text("exit", "Exit measure", "Only when the MIS does not hold it (the provision's measure)")
      .textarea("outcome", "What came of it", "Met the exit criteria, moved on, stopped and why");
  std::string out = "<div class=\"panel\"><h3 id=\"end-heading\">End a placement</h3>\n";
  if (v.failed_form == "placement_end") out += error_summary(v.errors, "Ending the placement", form.labels(), "f-end-");
  return out + form.finish("End this placement") + "</div>\n";
}

std::string placements(const PupilView& v) {
  std::string out = "<section aria-labelledby=\"provision-heading\"><h2 id=\"provision-heading\">Provision</h2>\n";
  if (v.placements.empty()) {
    out += "<p>The pupil has not been placed on any provision.</p>\n";
  } else {
    out +=
        "<table><caption>Placements, newest first</caption>\n<thead><tr><th scope=\"col\">Provision</th><th "
        "scope=\"col\">From</th>"
        "<th scope=\"col\">To</th><th scope=\"col\">Sessions delivered of planned</th><th scope=\"col\">Attended</th>"
        "<th scope=\"col\">Baseline</th><th scope=\"col\">Exit</th><th "
        "scope=\"col\">Outcome</th></tr></thead>\n<tbody>\n";
    for (const auto& p : v.placements) {
      const auto& placement = p.as_object();
      const auto& provision = object_at(placement, "provision");
      const auto& sessions = object_at(placement, "sessions");
      auto measure = [](const json::value& m) {
        return m.is_object() ? value_html(at(m.as_object(), "value")) : value_html(m);
      };
      out += "<tr><th scope=\"row\"><a href=\"/provisions/" + url_part(text_of(at(provision, "id"))) + "\">" +
             escape(text_of(at(provision, "name"))) + "</a></th><td>" + value_html(at(placement, "start")) +
             "</td><td>" + value_html(at(placement, "end")) + "</td><td>" + escape(text_of(at(sessions, "delivered"))) +
             " of " + escape(text_of(at(sessions, "planned"))) + "</td><td>" +
             escape(text_of(at(sessions, "attended"))) + "</td><td>" + measure(at(placement, "baseline")) +
             "</td><td>" + measure(at(placement, "exit")) + "</td><td>" + value_html(at(placement, "outcome")) +
             "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  if (v.can_place) {
    std::vector<Choice> choices;
    for (const auto& p : v.provisions) {
      const auto& provision = p.as_object();
      if (!at(provision, "retired_on").is_null()) continue;
      choices.push_back({text_of(at(provision, "id")),
                         text_of(at(provision, "name")) + " (wave " + text_of(at(provision, "wave")) + ")"});
    }
    const auto& submitted = v.failed_form == "placement" ? v.submitted : Submitted{};
    FormBuilder form("/pupils/" + url_part(text_of(at(v.record, "upn"))) + "/placements", v.frame.csrf_token,
                     submitted);
    form.select("provision_id", "Provision", choices)
        .date("start", "First day", v.today)
        .number("planned_sessions", "Sessions planned", "Leave empty for sessions a week times weeks")
        .text("baseline", "Baseline measure", "Only when the MIS does not hold it");
    out += "<div class=\"panel\"><h3 id=\"place-heading\">Place on a provision</h3>\n";
    if (v.failed_form == "placement") out += error_summary(v.errors, "The placement", form.labels());
    out += form.finish("Place on this provision") + "</div>\n";
    out += end_placement_form(v);
  }
  return out + "</section>\n";
}

// The pupil's open flags with what staff have done with each. The notes staff left on a flag
// are the SENCO's working notes: shown to whole-school staff (who may read the audit) only.
std::string flags_section(const PupilView& v) {
  std::string out = "<section id=\"flags\" aria-labelledby=\"flags-heading\"><h2 id=\"flags-heading\">Flags</h2>\n";
  if (v.flags.empty()) return out + "<p>No open flags.</p>\n</section>\n";
  out +=
      "<table><caption>Open flags, most severe first</caption>\n<thead><tr><th scope=\"col\">Flag</th>"
      "<th scope=\"col\">Severity</th><th scope=\"col\">Evidence</th><th scope=\"col\">Raised</th>"
      "<th scope=\"col\">State</th></tr></thead>\n<tbody>\n";
  for (const auto& f : v.flags) {
    const auto& flag = f.as_object();
    auto title = escape(text_of(at(flag, "title")));
    // Whole-school staff act on a flag from its own page.
    if (v.can_read_audit) title = "<a href=\"/flags/" + text_of(at(flag, "id")) + "\">" + title.append("</a>");
    out += "<tr><th scope=\"row\">" + title + "</th><td>" + escape(text_of(at(flag, "severity"))) + "</td><td>" +
           value_html(at(flag, "explanation")) + "</td><td><span class=\"date\">" + value_html(at(flag, "raised_on")) +
           "</span></td><td>" + flag_state_html(flag, v.can_read_audit) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

// The needs agreed at a review (or after a specialist's assessment), ranked: from the day given
// they replace the current ones, which the page starts from.
std::string needs_form(const PupilView& v) {
  auto status = text_of(at(v.record, "status"));
  if (!v.may.count("needs.set") || (status != "K" && status != "E")) return {};
  const bool refused = v.failed_form == "needs";
  Submitted current;
  int rank = 0;
  for (const auto& n : array_at(v.record, "needs")) {
    const auto& need = n.as_object();
    if (at(need, "current").is_bool() && !at(need, "current").as_bool()) continue;
    if (++rank <= 3) current["need_" + std::to_string(rank)] = text_of(at(need, "code"));
  }
  std::vector<Choice> codes;
  auto today = model::parse_date(v.today);
  for (const auto& code : model::sen_type_codes())
    if (!today || code.valid_on(*today)) codes.push_back({std::string(code.code), need_name(code.code)});
  FormBuilder form(pupil_form_action(v, "/needs"), v.frame.csrf_token, refused ? v.submitted : current, "f-needs-");
  form.date("date", "Agreed on", v.today)
      .select("need_1", "Primary need", codes)
      .select("need_2", "Second need (if any)", codes, false)
      .select("need_3", "Third need (if any)", codes, false);
  FormPanel panel{"needs", "f-needs-", "Needs agreed at a review", "Record the needs",
                  "<p>From the day they were agreed they replace the needs above; the earlier ones are kept in the "
                  "pupil's history and the MIS is told.</p>\n"};
  if (!refused) return form_panel(v, panel, form);
  // The operation names a need by its place in the list sent ("needs[2].code"): the list holds the
  // needs chosen, in the order of the fields, so each reason links to its own field.
  std::vector<std::string> chosen;
  for (const char* field : {"need_1", "need_2", "need_3"})
    if (auto it = v.submitted.find(field); it != v.submitted.end() && !it->second.empty()) chosen.emplace_back(field);
  json::value errors = v.errors;
  if (auto* list = errors.is_object() ? errors.as_object().if_contains("errors") : nullptr; list && list->is_array())
    for (auto& e : list->as_array()) {
      auto field = text_of(at(e.as_object(), "field"));
      std::size_t place = 0;
      if (field.starts_with("needs[")) place = std::strtoul(field.c_str() + 6, nullptr, 10);
      if (place >= 1 && place <= chosen.size()) e.as_object()["field"] = chosen[place - 1];
      if (field == "needs") e.as_object()["field"] = "need_1";
    }
  return form_panel(v, panel, form, errors);
}

}  // namespace

std::string pupil_page(const PupilView& v) {
  auto name = text_of(at(v.record, "forename")) + " " + text_of(at(v.record, "surname"));
  Frame frame = v.frame;
  frame.title = name;
  std::string main = "<h1>" + escape(name) + "</h1>\n";
  if (!v.notice.empty()) main += notice(v.notice);
  main += summary(v);
  main += flags_section(v);
  main += passport_section(v);
  if (v.can_read_audit)
    main += "<p><a href=\"/pupils/" + url_part(text_of(at(v.record, "upn"))) +
            "/audit\">Who has seen or changed this record</a></p>\n";

  main += "<section aria-labelledby=\"apdr-heading\"><h2 id=\"apdr-heading\">Assess, plan, do, review</h2>\n";
  if (v.cycles.empty()) main += "<p>No cycle of SEN support is recorded yet.</p>\n";
  const json::object* open = nullptr;
  const json::object* planning = nullptr;
  for (std::size_t i = 0; i < v.cycles.size(); ++i) {
    const auto& c = v.cycles[i].as_object();
    main += cycle_html(c, i + 1);
    if (text_of(at(c, "stage")) == "do") open = &c;
    if (text_of(at(c, "stage")) == "planning") planning = &c;
  }
  main += "</section>\n";
  // The form for the cycle's next step: review what runs, plan what was assessed, or start anew.
  if (open) {
    if (v.can_review) main += review_form(v, *open);
  } else if (planning) {
    if (v.can_plan) main += plan_form(v, *planning);
  } else if (v.can_assess) {
    main += assess_form(v, v.cycles.empty());
  }
  main += needs_form(v);

  main += meetings_section(v);
  main += placements(v);
  main += ehc_section(v);
  main += team_section(v);
  main += access_section(v);
  main += notes_section(v);
  // A form refused by a rule the page no longer offers it for (a decision already recorded, a pupil
  // off the register): its reasons still come first, so nothing is refused without saying why.
  if (!v.failed_form.empty() && main.find("class=\"error-summary\"") == std::string::npos)
    main.insert(main.find("</h1>\n") + 6, error_summary(v.errors, "The form"));
  return page(frame, main);
}

}  // namespace sm::http::pages
