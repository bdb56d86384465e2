#include "http/pages/audit_page.hpp"

namespace sm::http::pages {
namespace {

// "staff:701-4001/stf-0003" as the logs write it; "cli:..." for the command line, the nightly sync's own.
std::string who(const std::string& actor) {
  if (actor.starts_with("staff:")) return actor.substr(6);
  return actor;
}

const char* kind_name(const std::string& kind) {
  if (kind == "read") return "Read";
  if (kind == "change") return "Changed";
  return "Request";
}

}  // namespace

std::string audit_page(const AuditView& v) {
  Frame frame = v.frame;
  frame.title = "Who has seen " + v.name + "'s record";
  std::string main = "<h1>Who has seen or changed " + escape(v.name) + "'s record</h1>\n";
  main += "<p><a href=\"/pupils/" + url_part(v.upn) + "\">Back to " + escape(v.name) + "'s page</a></p>\n";
  main +=
      "<p>Every read of the pupil's SEN record, every change to it and every request about them, newest first. "
      "Times are UTC. Staff are shown as school/MIS id.</p>\n";
  if (v.lines.empty()) return page(frame, main + "<p>Nothing is recorded yet.</p>\n");
  if (v.lines.size() >= v.limit)
    main += "<p>The newest " + std::to_string(v.limit) + " entries are shown; the API (GET /api/pupils/" +
            escape(v.upn) + "/audit) gives the same.</p>\n";
  main += "<table><caption>Audit trail of " + escape(v.name) +
          "</caption>\n<thead><tr><th scope=\"col\">When</th>"
          "<th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Action</th><th "
          "scope=\"col\">From</th></tr></thead>\n"
          "<tbody>\n";
  for (const auto& line : v.lines)
    main += "<tr><th scope=\"row\">" + escape(line.at) + "</th><td>" + escape(who(line.actor)) + "</td><td>" +
            kind_name(line.kind) + "</td><td>" + escape(line.what) + "</td><td>" +
            (line.address ? escape(*line.address) : none()) + "</td></tr>\n";
  main += "</tbody>\n</table>\n";
  return page(frame, main);
}

}  // namespace sm::http::pages
