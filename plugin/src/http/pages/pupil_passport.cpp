// The person-centred parts of the pupil page: the passport (one-page profile) that class maps
// draw their strategies from, and the exam access arrangements the pupil's normal way of working
// supports. Each is edited where it is read.
#include <boost/json.hpp>

#include "http/pages/json_fields.hpp"
#include "http/pages/pupil_sections.hpp"

namespace sm::http::pages {
namespace json = boost::json;
namespace {

// The passport's sections as passport.set names them, in the order a passport reads, in the
// pupil's own voice.
struct PassportPart {
  const char* key;
  const char* label;
};
constexpr PassportPart kParts[] = {{"like_admire", "What people like and admire about me"},
                                   {"important_to_me", "What is important to me"},
                                   {"support_strategies", "How best to support me"},
                                   {"learn_best_when", "I learn best when"},
                                   {"communicate_by", "I communicate by"},
                                   {"find_difficult", "I find it difficult to"},
                                   {"recent_achievements", "My recent achievements"},
                                   {"parents_think", "What my parents think"}};

// The current passport as the edit form's starting text: a list one item a line.
Submitted passport_as_typed(const json::object& passport) {
  Submitted out;
  for (const auto& part : kParts) {
    const auto& value = at(passport, part.key);
    if (!value.is_array()) {
      out[part.key] = text_of(value);
      continue;
    }
    std::string lines;
    for (const auto& item : value.as_array()) lines += (lines.empty() ? "" : "\n") + text_of(item);
    out[part.key] = lines;
  }
  return out;
}

std::string passport_form(const PupilView& v) {
  const bool refused = v.failed_form == "passport";
  Submitted current = v.passport && !refused ? passport_as_typed(*v.passport) : Submitted{};
  FormBuilder form(pupil_form_action(v, "/passport"), v.frame.csrf_token, refused ? v.submitted : current,
                   "f-passport-");
  for (const auto& part : kParts)
    form.textarea(part.key, part.label,
                  std::string_view(part.key) == "support_strategies"
                      ? "One a line: each is shown on the class provision maps of the pupil's teachers"
                      : "");
  // Closed until wanted, so the page stays short; open when it comes back refused.
  std::string out = std::string("<details class=\"edit\"") + (refused ? " open" : "") + "><summary>" +
                    (v.passport ? "Edit the passport" : "Write the passport") + "</summary>\n";
  out += form_panel(
      v,
      {"passport", "f-passport-", v.passport ? "Edit the passport" : "Write the passport", "Record the passport",
       "<p>A new version is kept beside the earlier ones; a section left empty is left out.</p>\n"},
      form);
  return out + "</details>\n";
}

// Who assessed the candidate, with what qualification, and the scores that support the arrangement.
std::string assessment_html(const json::object& arrangement) {
  std::string out;
  if (!at(arrangement, "assessor").is_null())
    out += escape(text_of(at(arrangement, "assessor"))) +
           (at(arrangement, "assessor_qualification").is_null()
                ? std::string()
                : " (" + escape(text_of(at(arrangement, "assessor_qualification"))) + ")");
  const auto& scores = at(arrangement, "scores");
  if (scores.is_array())
    for (const auto& s : scores.as_array())
      out += (out.empty() ? "" : "; ") + escape(text_of(s.as_object().at("test"))) + " " +
             escape(text_of(s.as_object().at("score")));
  return out.empty() ? none() : out;
}

std::string approval_html(const json::object& arrangement) {
  if (at(arrangement, "approved_on").is_null()) return "not yet";
  bool lapsed = at(arrangement, "approval_lapsed").is_bool() && at(arrangement, "approval_lapsed").as_bool();
  return "<span class=\"date\">" + escape(text_of(at(arrangement, "approved_on"))) + "</span>" +
         (lapsed ? ", <strong class=\"warning\">lapsed</strong> " : ", lapses ") + "<span class=\"date\">" +
         escape(text_of(at(arrangement, "approval_expires"))) + "</span>";
}

std::vector<Choice> access_kinds() {
  std::vector<Choice> out;
  for (const char* kind : {"extra_time_25", "extra_time_50", "reader", "scribe", "word_processor", "rest_breaks",
                           "modified_papers", "separate_room", "prompter", "other"})
    out.push_back({kind, access_kind_name(kind)});
  return out;
}

}  // namespace

std::string passport_section(const PupilView& v) {
  std::string out = "<section aria-labelledby=\"passport-heading\"><h2 id=\"passport-heading\">Pupil passport</h2>\n";
  if (!v.passport) {
    out += "<p>No passport is recorded yet.</p>\n";
  } else {
    out += "<dl>\n";
    for (const auto& part : kParts) {
      const auto& value = at(*v.passport, part.key);
      if (value.is_null()) continue;
      if (value.is_array()) {
        std::string items;
        for (const auto& i : value.as_array()) items += "<li>" + escape(text_of(i)) + "</li>";
        out += definition(part.label, "<ul>" + items + "</ul>");
      } else {
        out += definition(part.label, value_html(value));
      }
    }
    out += "</dl>\n<p class=\"lede\">Recorded on <span class=\"date\">" +
           escape(text_of(at(*v.passport, "recorded_on"))) + "</span>.</p>\n";
  }
  if (v.may.count("passport.set")) out += passport_form(v);
  return out + "</section>\n";
}

std::string access_section(const PupilView& v) {
  std::vector<Choice> pending;  // arrangements whose application is not approved yet
  std::string out =
      "<section aria-labelledby=\"access-heading\"><h2 id=\"access-heading\">Exam access arrangements</h2>\n";
  if (v.access_arrangements.empty()) {
    out += "<p>None is recorded.</p>\n";
  } else {
    out +=
        "<table><caption>Access arrangements, oldest first</caption>\n<thead><tr><th scope=\"col\">Arrangement</th>"
        "<th scope=\"col\">Details</th><th scope=\"col\">Evidence</th><th scope=\"col\">From</th>"
        "<th scope=\"col\">To</th><th scope=\"col\">In force today</th><th scope=\"col\">Assessment</th>"
        "<th scope=\"col\">Approved</th></tr></thead>\n<tbody>\n";
    for (const auto& a : v.access_arrangements) {
      const auto& arrangement = a.as_object();
      if (at(arrangement, "approved_on").is_null())
        pending.push_back({text_of(at(arrangement, "id")), access_kind_name(text_of(at(arrangement, "kind"))) +
                                                               " from " + text_of(at(arrangement, "valid_from"))});
      out += "<tr><th scope=\"row\">" + escape(access_kind_name(text_of(at(arrangement, "kind")))) + "</th><td>" +
             value_html(at(arrangement, "details")) + "</td><td>" + value_html(at(arrangement, "evidence")) +
             "</td><td><span class=\"date\">" + value_html(at(arrangement, "valid_from")) +
             "</span></td><td><span class=\"date\">" + value_html(at(arrangement, "valid_to")) + "</span></td><td>" +
             (at(arrangement, "current").is_bool() && at(arrangement, "current").as_bool() ? "Yes" : "No") +
             "</td><td>" + assessment_html(arrangement) + "</td><td>" + approval_html(arrangement) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  if (v.may.count("access.add")) {
    FormBuilder form(pupil_form_action(v, "/access-arrangements"), v.frame.csrf_token, sent_to(v, "access"),
                     "f-access-");
    form.select("kind", "Arrangement", access_kinds())
        .text("details", "Details", "What exactly: which papers, how long the breaks")
        .textarea("evidence", "Evidence", "The pupil's normal way of working that it rests on (JCQ asks for it)")
        .date("valid_from", "In force from", v.today)
        .date("valid_to", "Until (if it ends)", "", false)
        .textarea("normal_way_of_working", "Normal way of working", "How the pupil works in class and in tests")
        .text("assessor", "Assessed by", "For extra time: the assessor who completed JCQ Form 8")
        .text("assessor_qualification", "The assessor's qualification")
        .textarea("scores", "Standardised scores", "One a line: the test, then = and the score (WRAT5 reading = 82)");
    out += form_panel(v, {"access", "f-access-", "Record an access arrangement", "Record the arrangement"}, form);
  }
  if (!pending.empty() && v.may.count("access.approve")) {
    FormBuilder form(pupil_form_action(v, "/access-arrangements/approve"), v.frame.csrf_token,
                     sent_to(v, "access_approved"), "f-access-approve-");
    form.select("arrangement_id", "Arrangement", pending).date("date", "Approved on", v.today);
    out += form_panel(v,
                      {"access_approved", "f-access-approve-", "Record an application approved", "Record the approval",
                       "<p>Once approved through Access arrangements online; the approval lasts 26 months.</p>\n"},
                      form);
  }
  return out + "</section>\n";
}

}  // namespace sm::http::pages
