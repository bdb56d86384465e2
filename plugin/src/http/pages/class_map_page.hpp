// The class provision map as a page for the teacher: the pupils on the register in the class with
// their status, needs, the strategies to use in class, provisions, targets and next review; a
// button to record that the teacher has read it (evidence for the SENCO); exports for Excel.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"

namespace sm::http::pages {

struct ClassMapView {
  Frame frame;                         // title is set from the class
  std::optional<std::string> read_on;  // when this member of staff last recorded reading it
  bool can_record_read = false;        // a member of staff with a session (not an API token)
  std::string as_of;                   // the day the map was made (YYYY-MM-DD): printed copies go stale
  bool can_contribute = false;         // may add views and strategy feedback for the pupils' reviews
  std::string notice;                  // what the form just recorded
  boost::json::value errors;           // cycle.contribute's refusal of the form
  Submitted submitted;                 // what that form was sent with
};

// `map` is report.class_map's answer: {"class":{"id","title"},"pupils":[...]}.
std::string class_map_page(const boost::json::object& map, ClassMapView view);

}  // namespace sm::http::pages
