// Staff SEND skills as a page. Every member of staff sees their own: the register pupils they teach
// or support by area of need against their training and confidence, with forms to rate their
// confidence and record a course. The SENCO and senior leaders see the whole audit as well: where
// training is most needed and each member of staff's gaps. A teacher never sees another's training.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/features/page_forms.hpp"
#include "http/pages/forms.hpp"
#include "http/route_answers.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

std::string skills_cell(const json::value& v) {
  if (v.is_bool()) return v.as_bool() ? "<strong class=\"warning\">yes</strong>" : "no";
  return v.is_null() ? pages::none() : pages::value_html(v);
}

std::string head_row(std::initializer_list<std::string> columns) {
  std::string out = "<thead><tr>";
  for (const auto& c : columns) out += "<th scope=\"col\">" + pages::escape(c) + "</th>";
  return out + "</tr></thead>\n";
}

std::string audit_html(const json::object& audit) {
  const auto since = pages::text_of(audit.at("recent_since"));
  std::string out =
      "<section aria-labelledby=\"audit-heading\"><h2 id=\"audit-heading\">The school's audit</h2>\n"
      "<p>" +
      pages::value_html(audit.at("note")) + ".</p>\n<h3>Where training is most needed</h3>\n";
  const auto& most = audit.at("training_most_needed").as_array();
  if (most.empty()) {
    out +=
        "<p>Every member of staff who works with a pupil on the register is trained or confident in the pupil's "
        "areas of need.</p>\n";
  } else {
    out += "<ol>\n";
    for (const auto& m : most)
      out += "<li>" + pages::value_html(m.at("area")) + ": " + pages::value_html(m.at("staff")) +
             " staff needing training, working with " + pages::value_html(m.at("pupils")) +
             " pupils on the register</li>\n";
    out += "</ol>\n";
  }
  std::string rows;
  for (const auto& a : audit.at("areas").as_array()) {
    rows += "<tr><th scope=\"row\">" + pages::value_html(a.at("area")) + "</th>";
    for (const auto* key : {"register_pupils", "staff_working_with_them", "staff_trained_recently", "staff_confident",
                            "staff_not_rated", "staff_needing_training", "percent_staff_ready"})
      rows += "<td>" + skills_cell(a.at(key)) + "</td>";
    rows += "</tr>\n";
  }
  out += "<table><caption>By area of need</caption>\n" +
         head_row({"Area of need", "Register pupils", "Staff with them", "Trained since " + since, "Confident (4-5)",
                   "Not rated", "Needing training", "% of their staff ready"}) +
         "<tbody>\n" + rows + "</tbody>\n</table>\n";
  rows.clear();
  for (const auto& s : audit.at("staff").as_array()) {
    std::string needs;
    for (const auto& n : s.at("training_needed").as_array())
      needs += (needs.empty() ? "" : "; ") + pages::value_html(n.at("area")) + " (" +
               pages::value_html(n.at("pupils")) + " pupils)";
    rows += "<tr><th scope=\"row\">" + pages::value_html(s.at("name")) + "</th><td>" + skills_cell(s.at("role")) +
            "</td><td>" + skills_cell(s.at("register_pupils")) + "</td><td>" + skills_cell(s.at("courses_recently")) +
            "</td><td>" + (needs.empty() ? pages::none() : needs) + "</td></tr>\n";
  }
  out += "<table><caption>By member of staff</caption>\n" +
         head_row({"Member of staff", "Role", "Register pupils", "Courses since " + since, "Training needed in"}) +
         "<tbody>\n" + rows + "</tbody>\n</table>\n</section>\n";
  return out;
}

std::string own_html(const json::object& mine) {
  std::string rows;
  for (const auto& a : mine.at("areas").as_array()) {
    rows += "<tr><th scope=\"row\">" + pages::value_html(a.at("area")) + "</th>";
    for (const auto* key : {"pupils", "trained_recently", "confidence", "training_need"})
      rows += "<td>" + skills_cell(a.at(key)) + "</td>";
    rows += "</tr>\n";
  }
  std::string out =
      "<section aria-labelledby=\"own-heading\"><h2 id=\"own-heading\">Your SEND skills</h2>\n"
      "<table><caption>The needs of the register pupils you teach or support</caption>\n" +
      head_row({"Area of need", "Your pupils with a need in it", "Your latest course in it", "Your confidence (1-5)",
                "Training needed"}) +
      "<tbody>\n" + rows + "</tbody>\n</table>\n";
  const auto& training = mine.at("training").as_array();
  if (training.empty()) {
    out += "<p>No SEND training is recorded for you.</p>\n";
  } else {
    rows.clear();
    for (const auto& t : training)
      rows += "<tr><th scope=\"row\">" + pages::value_html(t.at("course")) + "</th><td>" +
              skills_cell(t.at("completed_on")) + "</td><td>" + skills_cell(t.at("area")) + "</td><td>" +
              skills_cell(t.at("provider")) + "</td><td>" + skills_cell(t.at("hours")) + "</td></tr>\n";
    out += "<table><caption>Your SEND training</caption>\n" +
           head_row({"Course", "Completed", "Area of need", "Provider", "Hours"}) + "<tbody>\n" + rows +
           "</tbody>\n</table>\n";
  }
  return out + "</section>\n";
}

// The two forms every member of staff has: their confidence, a course they completed.
std::string forms_html(const Call& call, const FormRefusal* refused) {
  static const pages::Submitted nothing;
  const auto token = frame_for(call).csrf_token;
  const auto& staff_id = call.actor->staff.reference();
  std::vector<pages::Choice> ratings{{"", "Not rated"}, {"1", "1: not confident"},
                                     {"2", "2"},        {"3", "3: fairly confident"},
                                     {"4", "4"},        {"5", "5: very confident"}};
  auto sent = [&](const char* form) -> const pages::Submitted& {
    return refused && refused->form == form ? refused->submitted : nothing;
  };
  pages::FormBuilder confidence("/staff-skills/confidence", token, sent("confidence"), "f-conf-");
  confidence.hidden("staff_id", staff_id)
      .select("communication_and_interaction", "Communication and interaction", ratings, false)
      .select("cognition_and_learning", "Cognition and learning", ratings, false)
      .select("social_emotional_mental_health", "Social, emotional and mental health", ratings, false)
      .select("sensory_and_physical", "Sensory and/or physical", ratings, false);
  std::string out =
      "<section class=\"panel\" aria-labelledby=\"conf-heading\"><h2 id=\"conf-heading\">Rate your "
      "confidence</h2>\n<p>How confident you are teaching or supporting pupils with needs in each area, "
      "from 1 to 5. An area left unrated keeps its rating.</p>\n";
  if (refused && refused->form == "confidence")
    out += pages::error_summary(refused->errors, "Your ratings", confidence.labels(), "f-conf-");
  out += confidence.finish("Save my ratings") + "</section>\n";
  pages::FormBuilder course("/staff-skills/training", token, sent("training"), "f-course-");
  course.hidden("staff_id", staff_id)
      .text("course", "Course")
      .date("completed_on", "Completed on", call.today())
      .text("area", "Area of need", "a broad area (Cognition and learning), a need code (ASD) or General")
      .text("provider", "Provider")
      .number("hours", "Hours", "", true);
  out +=
      "<section class=\"panel\" aria-labelledby=\"course-heading\"><h2 id=\"course-heading\">Record a course you "
      "completed</h2>\n";
  if (refused && refused->form == "training")
    out += pages::error_summary(refused->errors, "The course", course.labels(), "f-course-");
  return out + course.finish("Record the course") + "</section>\n";
}

Response staff_skills_page_with(Call& call, const FormRefusal* refused) {
  const auto& actor = *call.actor;
  const json::object self{{"staff_id", actor.staff.reference()}};
  if (!allowed(call, "staff.skills", self)) return forbidden_page(role_may_not(actor.role, "read SEND skills"));
  auto mine = read(call, "staff.skills", self);
  if (!mine) return hidden_page();
  std::string main = "<h1>SEND skills</h1>\n";
  if (auto said = notice_for(call.query_value("recorded")); !said.empty()) main += pages::notice(said);
  main += own_html(mine->as_object());
  main += forms_html(call, refused);
  const json::object school{{"school", actor.staff.school}};
  if (allowed(call, "report.staff_skills", school))
    if (auto audit = read(call, "report.staff_skills", school)) main += audit_html(audit->as_object());
  return framed_form_page(call, "SEND skills", main, "staff-skills", refused);
}

Response staff_skills_page(Call& call) {
  return staff_skills_page_with(call, nullptr);
}

// The forms act for the signed-in member of staff only: a staff_id of anyone else is not theirs.
bool own_record(const Call& call, const json::object& request) {
  const auto* id = request.if_contains("staff_id");
  return id && id->is_string() && id->as_string() == call.actor->staff.reference();
}

Response confidence_form(Call& call) {
  PageForm form{"/staff-skills", "confidence", staff_skills_page_with};
  form.belongs = own_record;
  return run_form(call, form);
}

Response training_form(Call& call) {
  PageForm form{"/staff-skills", "training", staff_skills_page_with};
  form.belongs = own_record;
  return run_form(call, form);
}

}  // namespace

RouteList staff_skills_routes() {
  const auto refused = "refused: the SEND skills page again, with every field and the rule it breaks";
  return {
      {.method = "GET",
       .path = "/staff-skills",
       .summary = "SEND skills as a page: the viewer's own training and confidence against their pupils' needs; for "
                  "the SENCO and senior leaders, the school's audit too",
       .handler = staff_skills_page,
       .answers = ok(B::html, "the SEND skills page") + signed_in() + role(B::html)},
      {.method = "POST",
       .path = "/staff-skills/confidence",
       .summary = "The SEND skills page's form (csrf_token in the form body): the viewer rates their own confidence "
                  "by area of need; back to the page",
       .form = true,
       .operation = "staff.confidence",
       .handler = confidence_form,
       .answers = form(refused)},
      {.method = "POST",
       .path = "/staff-skills/training",
       .summary = "The SEND skills page's form (csrf_token in the form body): the viewer records a course they "
                  "completed; back to the page",
       .form = true,
       .operation = "staff.training",
       .handler = training_form,
       .answers = form(refused)},
      operation_read("/api/reports/staff-skills", "report.staff_skills"),
      operation_read("/api/staff/{staff_id}/skills", "staff.skills"),
  };
}

}  // namespace sm::http
