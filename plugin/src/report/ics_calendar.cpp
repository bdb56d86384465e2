#include "report/ics_calendar.hpp"

namespace sm::report {
namespace {

// TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11).
std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r') continue;
    out += c;
  }
  return out;
}

// Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character.
std::string line(const std::string& content) {
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < content.size(); ++i) {
    auto byte = static_cast<unsigned char>(content[i]);
    std::size_t len = byte < 0x80 ? 1 : (byte >> 5) == 6 ? 2 : (byte >> 4) == 14 ? 3 : 4;
    if (width + len > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(content, i, len);
    width += len;
    i += len - 1;
  }
  return out + "\r\n";
}

std::string compact(const std::string& date) {
  std::string out;
  for (char c : date)
    if (c != '-' && c != ':') out += c;
  return out;
}

}  // namespace

std::string ics_calendar(const std::string& name, const std::vector<CalendarEvent>& events, const std::string& stamp) {
  std::string out = line("BEGIN:VCALENDAR") + line("VERSION:2.0") + line("PRODID:-//senmap//review calendar//EN") +
                    line("CALSCALE:GREGORIAN") + line("X-WR-CALNAME:" + escape(name));
  for (const auto& e : events) {
    out += line("BEGIN:VEVENT");
    out += line("UID:" + e.uid);
    out += line("DTSTAMP:" + compact(stamp));
    out += line("DTSTART;VALUE=DATE:" + compact(e.date));
    out += line("SUMMARY:" + escape(e.summary));
    if (!e.description.empty()) out += line("DESCRIPTION:" + escape(e.description));
    out += line("TRANSP:TRANSPARENT");
    out += line("END:VEVENT");
  }
  return out + line("END:VCALENDAR");
}

}  // namespace sm::report
