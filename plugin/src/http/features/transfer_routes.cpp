// Moving on: every pupil on the register in a transfer year (the clock's transfer_years), EHC plans
// first with their transfer review deadline (15 February; 31 March into post-16), the setting named
// and the steps of the move still to do, each linked to the pupil's page. The SENCO's spring list.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/route_answers.hpp"
#include "store/audit.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

std::string step_html(const json::value& day) {
  return day.is_null() ? "<td>not yet</td>" : "<td>" + pages::date_html(day) + "</td>";
}

std::string moving_table(const json::array& pupils) {
  std::string out =
      "<table><caption>Pupils on the register moving next September</caption>\n<thead><tr>"
      "<th scope=\"col\">Pupil</th><th scope=\"col\">Year</th><th scope=\"col\">Status</th>"
      "<th scope=\"col\">EHC transfer review by</th><th scope=\"col\">Next setting</th><th scope=\"col\">Visited</th>"
      "<th scope=\"col\">Records shared</th><th scope=\"col\">Receiving SENCO met</th>"
      "<th scope=\"col\">Steps to do</th></tr></thead>\n<tbody>\n";
  for (const auto& p : pupils) {
    out += "<tr><th scope=\"row\">" +
           pages::pupil_link(pages::text_of(p.at("upn")),
                             pages::text_of(p.at("forename")) + " " + pages::text_of(p.at("surname"))) +
           "</th><td>" + pages::escape(pages::text_of(p.at("nc_year"))) + "</td><td>" +
           pages::escape(pages::status_name(pages::text_of(p.at("status")))) + "</td><td>" +
           pages::date_html(p.at("review_deadline")) + "</td><td>" + pages::value_html(p.at("next_setting")) + "</td>" +
           step_html(p.at("visited_on")) + step_html(p.at("information_shared_on")) + step_html(p.at("senco_met_on")) +
           "<td>" + pages::escape(pages::text_of(p.at("steps_to_do"))) + " of 4</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

Response moving_on(Call& call) {
  const auto& actor = *call.actor;
  if (!sees_whole_school(actor.role)) return forbidden_page(role_may_not(actor.role, "read who is moving on"));
  auto list = read(call, "transfer.list", {{"school", actor.staff.school}});
  if (!list) return hidden_page();
  const auto& pupils = list->at("pupils").as_array();
  for (const auto& p : pupils) store::audit(call.db, actor.audit_name(), "transfer.page", pages::text_of(p.at("upn")));
  std::string years;
  for (const auto& y : list->at("transfer_years").as_array()) years += (years.empty() ? "" : ", ") + pages::text_of(y);
  std::string main =
      "<h1>Moving on</h1>\n<p class=\"lede\">Pupils on the register in the years that move next September (Year " +
      pages::escape(years) +
      "): EHC plans first, with the day their plan must be reviewed and amended by (the statutory clock's: SEND "
      "Regulations 2014 reg. 18), then by the steps of the move still to do.</p>\n";
  main += pupils.empty() ? "<p>No pupil on the register is in a year that moves next September.</p>\n"
                         : moving_table(pupils);
  return framed_page(call, "Moving on", main, "transfer");
}

}  // namespace

RouteList transfer_routes() {
  return {
      {.method = "GET",
       .path = "/transfer",
       .summary = "Moving on as a page: pupils on the register in a transfer year, EHC plans first with their transfer "
                  "review deadline, the setting named and the steps of the move (SENCO, senior leader, admin; "
                  "audit-logged)",
       .handler = moving_on,
       .answers = ok(B::html, "the pupils moving on") + signed_in() + role(B::html)},
  };
}

}  // namespace sm::http
