// The calendar feed page: what a member of staff's feed holds and who can see it, and the form
// that makes (or replaces) it; after the form, the feed's address, shown this once.
#pragma once
#include <optional>
#include <string>

#include "http/pages/html.hpp"

namespace sm::http::pages {

struct CalendarView {
  Frame frame;                             // title is set here
  bool sees_pupils = true;                 // false for governors and trust officers: no feed to make
  std::optional<std::string> made_at;      // their live feed's creation (UTC), if they have one
  std::optional<std::string> new_address;  // the address just made: shown once
  bool can_make = false;                   // a member of staff with a session (the form needs its CSRF token)
};

std::string calendar_page(const CalendarView& view);

}  // namespace sm::http::pages
