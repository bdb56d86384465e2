#include "http/pages/audit_page.hpp"

#include "model/uk_time.hpp"

namespace sm::http::pages {
namespace {

// "staff:701-4001/stf-0003" as the logs write it; "cli:..." for the command line, the nightly sync's own.
std::string who(const AuditView& v, const std::string& actor) {
  if (auto it = v.names.find(actor); it != v.names.end() && it->second != actor) return it->second;
  if (actor.starts_with("staff:")) return actor.substr(6);
  if (actor.starts_with("cli:")) return "the command line (" + actor.substr(4) + ")";
  return actor;
}

// The reads the server audits by name, beside the operations (their summaries come in the view).
const char* read_words(const std::string& action) {
  if (action == "pupil.read") return "Read the pupil's record";
  if (action == "pupil.page") return "Opened the pupil's page";
  if (action == "register.read") return "Read the SEN register, which lists the pupil";
  if (action == "reviews.page") return "Saw the pupil on the reviews coming up";
  if (action == "provision.page") return "Saw the pupil on a provision's page";
  if (action == "dashboard.read") return "Opened the dashboard naming the pupil";
  if (action == "calendar.feed") return "Fetched a calendar feed naming the pupil";
  if (action == "export.ctf") return "Exported the pupil in a CTF file";
  return nullptr;
}

// "GET /pupils/{upn} -> 200 allowed" -> "Opened /pupils/{upn}: answered (200)".
std::string request_words(const std::string& what) {
  auto arrow = what.find(" -> ");
  if (arrow == std::string::npos) return what;
  auto route = what.substr(0, arrow), result = what.substr(arrow + 4);
  auto space = route.find(' ');
  auto method = route.substr(0, space), path = space == std::string::npos ? route : route.substr(space + 1);
  auto gap = result.find(' ');
  auto status = result.substr(0, gap), outcome = gap == std::string::npos ? "" : result.substr(gap + 1);
  std::string verb = method == "GET" || method == "HEAD" ? "Opened " : "Sent a form or a change to ";
  std::string said = outcome == "allowed"              ? "answered"
                     : outcome == "invalid"            ? "refused as invalid"
                     : outcome == "not_found"          ? "not found"
                     : outcome == "refused_or_missing" ? "refused (not theirs to see)"
                     : outcome == "forbidden"          ? "refused (not their role)"
                     : outcome == "unauthenticated"    ? "refused (not signed in)"
                                                       : outcome;
  return verb + path + ": " + said + " (" + status + ")";
}

std::string what_words(const AuditView& v, const AuditLine& line) {
  if (line.kind == "request") return request_words(line.what);
  if (auto it = v.operations.find(line.what); it != v.operations.end()) return it->second;
  if (const auto* words = read_words(line.what)) return words;
  return line.what;
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
      "<p>Every read of the pupil's SEN record, every change to it and every request about them, newest first, "
      "in UK time (GMT or BST).</p>\n";
  if (v.lines.empty()) return page(frame, main + "<p>Nothing is recorded yet.</p>\n");
  if (v.lines.size() >= v.limit)
    main += "<p>The newest " + std::to_string(v.limit) + " entries are shown; the API (GET /api/pupils/" +
            escape(v.upn) + "/audit) gives the same.</p>\n";
  main += "<table><caption>Audit trail of " + escape(v.name) +
          "</caption>\n<thead><tr><th scope=\"col\">When</th>"
          "<th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Action</th><th "
          "scope=\"col\">From</th></tr></thead>\n"
          "<tbody>\n";
  for (const auto& line : v.lines) {
    auto when = model::uk_local_time(line.at);
    main += "<tr><th scope=\"row\"><span class=\"date\">" + escape(when ? *when : line.at) + "</span></th><td>" +
            escape(who(v, line.actor)) + "</td><td>" + kind_name(line.kind) + "</td><td>" +
            escape(what_words(v, line)) + "</td><td>" + (line.address ? escape(*line.address) : none()) +
            "</td></tr>\n";
  }
  main += "</tbody>\n</table>\n";
  return page(frame, main);
}

}  // namespace sm::http::pages
