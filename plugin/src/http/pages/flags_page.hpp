// Flags as the SENCO works through them: the list grouped per pupil (the pupil's flags together,
// those about one placement or cycle side by side), most severe first; and one flag's page with
// its evidence, what staff have done with it, and the four things a person does with a flag
// (acknowledge with a note, snooze until a day, assign to a member of staff, resolve with a reason).
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"

namespace sm::http::pages {

struct FlagsView {
  Frame frame;
  boost::json::array flags;   // flags.list's flags
  std::string state;          // the state listed: active, snoozed or resolved
  std::string rule;           // the rule listed, or "" for every rule
  bool mine = false;          // only the flags assigned to the viewer
  std::vector<Choice> rules;  // the rules to filter on: id, title
  std::string notice;
};

std::string flags_page(const FlagsView& view);

struct FlagView {
  Frame frame;
  boost::json::object flag;   // one of flags.list's flags, with its actions
  std::vector<Choice> staff;  // who it may be assigned to: staff_id, name
  std::string today, notice;
  boost::json::value errors;  // the refusal of one of its forms
  Submitted submitted;
  std::string failed_form;  // which: acknowledge, snooze, assign or resolve
};

std::string flag_page(const FlagView& view);

// A flag's state in words: acknowledged on, snoozed until, resolved and why, assigned to whom;
// with `with_notes`, also the notes staff left on it (whole-school staff only).
std::string flag_state_html(const boost::json::object& flag, bool with_notes);

}  // namespace sm::http::pages
