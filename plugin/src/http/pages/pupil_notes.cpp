// Staff notes on the pupil page: each with its kind, its day, who wrote it and who may read it
// (the viewer sees only the notes their role may: notes.list is filtered before it gets here),
// and the form that adds one, which every member of staff who works with the pupil may use.
#include <boost/json.hpp>

#include "http/pages/json_fields.hpp"
#include "http/pages/pupil_sections.hpp"

namespace sm::http::pages {
namespace json = boost::json;
namespace {

const std::vector<Choice>& note_kinds() {
  static const std::vector<Choice> kinds{
      {"general", "A note"}, {"meeting", "Notes of a meeting"}, {"review_summary", "A review's summary"}};
  return kinds;
}

// Who may read a note, from the narrowest: the form starts there.
const std::vector<Choice>& readers() {
  static const std::vector<Choice> who{{"senco", "The SENCO and senior leaders only"},
                                       {"teaching_staff", "The pupil's teachers too"},
                                       {"all_staff", "All staff who work with the pupil, teaching assistants too"}};
  return who;
}

std::string label_of(const std::vector<Choice>& choices, const std::string& value) {
  for (const auto& c : choices)
    if (c.value == value) return c.label;
  return value;
}

}  // namespace

std::string notes_section(const PupilView& v) {
  std::string out = "<section aria-labelledby=\"notes-heading\"><h2 id=\"notes-heading\">Notes</h2>\n";
  if (v.notes.empty()) {
    out += "<p>No note you may read is recorded.</p>\n";
  } else {
    out += "<ul class=\"notes\">\n";
    for (auto it = v.notes.rbegin(); it != v.notes.rend(); ++it) {
      const auto& note = it->as_object();
      auto author = text_of(at(note, "author"));
      auto named = v.note_authors.find(author);
      out += "<li><p><strong>" + escape(label_of(note_kinds(), text_of(at(note, "type")))) +
             "</strong>, <span class=\"date\">" + value_html(at(note, "date")) + "</span>, by " +
             escape(named == v.note_authors.end() ? author : named->second) +
             ". <span class=\"hint\">Read by: " + escape(label_of(readers(), text_of(at(note, "visibility")))) +
             "</span></p>\n<p class=\"note-body\">" + value_html(at(note, "body")) + "</p></li>\n";
    }
    out += "</ul>\n";
  }
  if (v.may.count("notes.add")) {
    FormBuilder form(pupil_form_action(v, "/notes"), v.frame.csrf_token, sent_to(v, "note"), "f-note-");
    form.select("type", "What it is", note_kinds())
        .radios("visibility", "Who may read it", readers())
        .textarea("body", "The note")
        .date("date", "The day it is about", v.today);
    out += form_panel(v,
                      {"note", "f-note-", "Add a note", "Add the note",
                       "<p>The note is also written back to the MIS, with who may read it.</p>\n"},
                      form);
  }
  return out + "</section>\n";
}

}  // namespace sm::http::pages
