// One pupil's page for the SENCO and the staff who work with the pupil: who they are on the
// register, their passport, every assess-plan-do-review cycle, their provision, their EHC plan;
// and the forms of the daily work, each shown to whoever may use it: record a review, place on a
// provision, the EHC plan's steps, the passport, notes (pupil_sections.hpp builds the larger parts).
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"

namespace sm::http::pages {

struct PupilView {
  Frame frame;                             // title is set from the pupil
  boost::json::object record;              // report::pupil_record_json
  boost::json::array cycles;               // cycle.list's "cycles", oldest first
  boost::json::array parent_meetings;      // cycle.list's "parent_meetings", oldest first
  boost::json::object meetings_this_year;  // cycle.list's "parent_meetings_this_year"
  std::optional<boost::json::object> passport;
  boost::json::array placements;                    // placement.get for each, newest first
  std::optional<boost::json::object> ehcp;          // ehcp.get
  boost::json::array flags;                         // flags.list's open flags (active, snoozed, resolved)
  boost::json::array notes;                         // notes.list's notes the viewer may read, oldest first
  std::map<std::string, std::string> note_authors;  // a note's author (the audit's actor) -> their name
  boost::json::array access_arrangements;           // access.list's "arrangements"
  std::optional<boost::json::object> team;          // agency.team: the team around the child
  boost::json::array agencies;                      // agency.list's directory, for the referral form
  std::set<std::string> may;  // the operations of the page's further forms the viewer may run ("notes.add")
  bool can_review = false, can_place = false;
  bool can_assess = false;        // may start a cycle (shown when no cycle is being planned or running)
  bool can_plan = false;          // may plan the cycle being planned
  bool can_meet = false;          // may record a meeting with the parents
  bool can_read_audit = false;    // the SENCO's: a link to who has seen the record
  boost::json::array provisions;  // the catalogue (provision.list) for the place form
  std::string today;              // YYYY-MM-DD, the forms' default date
  std::string notice;             // what a form just recorded
  boost::json::value errors;      // an operation's refusal of the form below
  std::string failed_form;        // the form the errors belong to: its ?recorded= word ("review", "note")
  Submitted submitted;            // what that form was sent with
};

std::string pupil_page(const PupilView& view);

}  // namespace sm::http::pages
