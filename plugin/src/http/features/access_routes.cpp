// Exam access arrangements for the exams officer: every candidate's arrangements in force or to
// come, the applications to make or renew first (an approval lasts 26 months: JCQ), each with the
// evidence it rests on. The same list as access.centre_list; the exams officer prints it.
#include <boost/json.hpp>
#include <set>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/route_answers.hpp"
#include "store/audit.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

std::string action_html(const json::value& action) {
  auto text = pages::text_of(action);
  if (text.empty()) return "<td>approved</td>";
  return "<td><strong>" + pages::escape(text == "apply" ? "apply for approval" : text) + "</strong></td>";
}

std::string arrangements_table(const json::array& rows) {
  std::string out =
      "<table><caption>Candidates' access arrangements, applications to make first</caption>\n<thead><tr>"
      "<th scope=\"col\">Candidate</th><th scope=\"col\">Year</th><th scope=\"col\">Arrangement</th>"
      "<th scope=\"col\">From</th><th scope=\"col\">To</th><th scope=\"col\">Evidence</th>"
      "<th scope=\"col\">Approved</th><th scope=\"col\">Approval lapses</th><th scope=\"col\">To do</th>"
      "</tr></thead>\n<tbody>\n";
  for (const auto& a : rows) {
    out += "<tr><th scope=\"row\">" +
           pages::pupil_link(pages::text_of(a.at("upn")),
                             pages::text_of(a.at("forename")) + " " + pages::text_of(a.at("surname"))) +
           "</th><td>" + pages::escape(pages::text_of(a.at("nc_year"))) + "</td><td>" +
           pages::escape(pages::access_kind_name(pages::text_of(a.at("kind")))) +
           (a.at("details").is_null() ? "" : ": " + pages::escape(pages::text_of(a.at("details")))) + "</td><td>" +
           pages::date_html(a.at("valid_from")) + "</td><td>" + pages::date_html(a.at("valid_to")) + "</td><td>" +
           pages::value_html(a.at("evidence")) + "</td><td>" + pages::date_html(a.at("approved_on")) + "</td><td>" +
           pages::date_html(a.at("approval_expires")) + "</td>" + action_html(a.at("action")) + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

Response exam_access(Call& call) {
  const auto& actor = *call.actor;
  if (!sees_whole_school(actor.role))
    return forbidden_page(role_may_not(actor.role, "read the centre's access arrangements"));
  auto list = read(call, "access.centre_list", {{"school", actor.staff.school}});
  if (!list) return hidden_page();
  const auto& rows = list->at("arrangements").as_array();
  std::set<std::string> named;  // a candidate with two arrangements is one read
  for (const auto& a : rows)
    if (named.insert(pages::text_of(a.at("upn"))).second)
      store::audit(call.db, actor.audit_name(), "access.page", pages::text_of(a.at("upn")));
  std::string main =
      "<h1>Exam access arrangements</h1>\n<p class=\"lede\">Every candidate's arrangements in force or to come, as "
      "of " +
      pages::escape(pages::text_of(list->at("as_of"))) + ". An approval lasts " +
      pages::escape(pages::text_of(list->at("approval_lasts"))) +
      " (JCQ): applications to make come first, then approvals that lapse before the arrangement ends.</p>\n";
  const auto& by = list->at("applications_by");
  main += by.is_null() ? "<p>Check this year's application deadlines in JCQ's key dates (senmap is given none: "
                         "<code>access_applications_by</code> in the config's <code>[clock]</code>).</p>\n"
                       : "<p>Applications for the summer series by <strong>" + pages::date_html(by.at("date")) +
                             "</strong> (" + pages::escape(pages::text_of(by.at("source"))) + ").</p>\n";
  main +=
      rows.empty() ? "<p>No candidate has an access arrangement in force or to come.</p>\n" : arrangements_table(rows);
  return framed_page(call, "Exam access arrangements", main, "access");
}

}  // namespace

RouteList access_routes() {
  return {
      {.method = "GET",
       .path = "/access",
       .summary = "Exam access arrangements as a page for the exams officer: every candidate's arrangements, "
                  "applications to make or renew first (SENCO, senior leader, admin; audit-logged)",
       .handler = exam_access,
       .answers = ok(B::html, "the centre's access arrangements") + signed_in() + role(B::html)},
  };
}

}  // namespace sm::http
