// The parts of the pupil page that carry their own forms, each built from the page's view, and
// the pieces those forms share: a form's panel with its refusal at the top, and what it was sent.
#pragma once
#include <string>

#include "http/pages/forms.hpp"
#include "http/pages/pupil_page.hpp"

namespace sm::http::pages {

// pupil_passport.cpp: the one-page profile (and the form that edits it), exam access arrangements.
std::string passport_section(const PupilView& v);
std::string access_section(const PupilView& v);
// pupil_notes.cpp: staff notes with who may read each, and the form that adds one.
std::string notes_section(const PupilView& v);
// pupil_team.cpp: the agencies involved with the pupil, their advice, and the referral form.
std::string team_section(const PupilView& v);
// pupil_ehc.cpp: the EHC plan, its statutory clock and Section F, and the form for its next step.
std::string ehc_section(const PupilView& v);
// "Parent or carer" for parent: an annual review invitee's role as the pages say it.
std::string invitee_role_name(const std::string& role);

// One term of a definition list: the label escaped, the value already HTML.
std::string definition(const std::string& label, const std::string& html);
// The address of one of the pupil's forms: "/pupils/<upn>" + tail.
std::string pupil_form_action(const PupilView& v, const std::string& tail);
// What `form` was sent with, when it is the form refused; nothing otherwise.
const Submitted& sent_to(const PupilView& v, const std::string& form);

// A form in its own panel: its heading, then (when it was the form refused) the reasons at the
// top linked to its fields, then the form. `form` is the form's ?recorded= word.
struct FormPanel {
  std::string form;     // "note"
  std::string prefix;   // its controls' id prefix ("f-note-"), unique on the page
  std::string heading;  // "Add a note"
  std::string button;   // "Add the note"
  std::string intro{};  // an escaped paragraph under the heading, if any
};
std::string form_panel(const PupilView& v, const FormPanel& panel, FormBuilder& form);
// The same, with the refusal's fields renamed to the form's own (a list's item to its field).
std::string form_panel(const PupilView& v, const FormPanel& panel, FormBuilder& form, const boost::json::value& errors);

}  // namespace sm::http::pages
