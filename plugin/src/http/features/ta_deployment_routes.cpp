// TA deployment as a page (report.ta_deployment): each TA's hours leading provisions, pupils
// assigned and classes supported; each register pupil's share of support from TAs; and progress
// by that share. It names TAs and pupils: the SENCO's and senior leaders' page.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/route_answers.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

std::string deployment_cell(const json::value& v) {
  return v.is_null() ? pages::none() : pages::value_html(v);
}

std::string row_of(const json::object& o, std::initializer_list<const char*> keys) {
  std::string out = "<tr>";
  bool first = true;
  for (const auto* k : keys) {
    out +=
        first ? "<th scope=\"row\">" + deployment_cell(o.at(k)) + "</th>" : "<td>" + deployment_cell(o.at(k)) + "</td>";
    first = false;
  }
  return out + "</tr>\n";
}

std::string head_of(std::initializer_list<const char*> columns) {
  std::string out = "<thead><tr>";
  for (const auto* c : columns) out += std::string("<th scope=\"col\">") + c + "</th>";
  return out + "</tr></thead>\n";
}

Response ta_deployment_page(Call& call) {
  const auto& actor = *call.actor;
  const json::object fields{{"school", actor.staff.school}};
  if (!allowed(call, "report.ta_deployment", fields))
    return forbidden_page(role_may_not(actor.role, "read TA deployment"));
  auto report = read(call, "report.ta_deployment", fields);
  if (!report) return hidden_page();
  const auto& r = report->as_object();
  std::string main = "<h1>TA deployment</h1>\n<p class=\"lede\">" + pages::escape(pages::text_of(r.at("from"))) +
                     " to " + pages::escape(pages::text_of(r.at("to"))) + ". " +
                     pages::escape(pages::text_of(r.at("note"))) + ".</p>\n";
  std::string rows;
  for (const auto& b : r.at("by_ta_share").as_array())
    rows += row_of(b.as_object(), {"band", "pupils", "placements_measured", "mean_gain"});
  main += "<table><caption>Progress by how much of a pupil's support came from TAs</caption>\n" +
          head_of({"Support", "Pupils", "Placements measured", "Mean gain"}) + "<tbody>\n" + rows +
          "</tbody></table>\n";
  rows.clear();
  for (const auto& t : r.at("tas").as_array())
    rows += row_of(t.as_object(), {"name", "sessions_led", "hours_on_provisions", "hours_a_week_on_provisions",
                                   "pupils_assigned", "classes_supported"});
  main +=
      "<table><caption>Each TA</caption>\n" +
      head_of({"TA", "Sessions led", "Hours on provisions", "Hours a week", "Pupils assigned", "Classes supported"}) +
      "<tbody>\n" + rows + "</tbody></table>\n";
  const auto& unnamed = r.at("sessions_without_staff").as_object();
  if (unnamed.at("sessions").as_int64() > 0)
    main += "<p>" + pages::value_html(unnamed.at("sessions")) + " sessions of TA-run provisions (" +
            pages::value_html(unnamed.at("hours")) +
            " hours) name no member of staff: record who ran them, and their hours count.</p>\n";
  rows.clear();
  for (const auto& p : r.at("pupils").as_array())
    rows +=
        row_of(p.as_object(), {"pupil", "status", "support_hours", "ta_share_percent", "measured_gains", "mean_gain"});
  main += "<table><caption>Each pupil on the register with intervention sessions</caption>\n" +
          head_of({"Pupil", "Status", "Hours of support", "% from TAs", "Placements measured", "Mean gain"}) +
          "<tbody>\n" + rows + "</tbody></table>\n";
  return framed_page(call, "TA deployment", main, "ta-deployment");
}

}  // namespace

RouteList ta_deployment_routes() {
  return {
      {.method = "GET",
       .path = "/ta-deployment",
       .summary = "TA deployment as a page: each TA's hours on provisions, each pupil's share of support from TAs, "
                  "progress by that share (SENCO, senior leader, admin)",
       .handler = ta_deployment_page,
       .answers = ok(B::html, "TA deployment") + signed_in() + role(B::html)},
      operation_read("/api/reports/ta-deployment", "report.ta_deployment"),
  };
}

}  // namespace sm::http
