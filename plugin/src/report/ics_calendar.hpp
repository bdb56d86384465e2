// Review dates as an iCalendar file (RFC 5545) a teacher or SENCO adds to their own calendar.
#pragma once
#include <string>
#include <vector>

namespace sm::report {

struct CalendarEvent {
  std::string uid;   // stable: the same review keeps its identity between exports
  std::string date;  // YYYY-MM-DD (an all-day event)
  std::string summary;
  std::string description;
};

// The whole VCALENDAR text, CRLF line ends, long lines folded, text escaped.
std::string ics_calendar(const std::string& name, const std::vector<CalendarEvent>& events, const std::string& stamp);

}  // namespace sm::report
