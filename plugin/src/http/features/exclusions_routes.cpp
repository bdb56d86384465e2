// Exclusions and suspensions as a page: how often pupils with SEN are suspended against pupils
// without, per 100 pupils, by SEN group and area of need (report.exclusions). Counts only, no
// pupil named, so governors read it as well as the SENCO and senior leaders.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/route_answers.hpp"
#include "model/number_text.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

// A count or a rate for people (1,234; 3.88), or none() for a rate of an empty group.
std::string figure(const json::value& v) {
  if (v.is_null()) return pages::none();
  return pages::escape(model::decimal_text(v.to_number<double>()));
}

// One row per group, named by `key` ("label" for the SEN groups, "area" for areas of need).
std::string group_rows(const json::array& rows, const char* key) {
  std::string out;
  for (const auto& g : rows) {
    out += "<tr><th scope=\"row\">" + pages::escape(pages::text_of(g.at(key))) + "</th>";
    for (const auto* field : {"pupils", "pupils_suspended", "suspensions", "sessions_lost", "suspension_rate",
                              "one_or_more_suspension_rate", "permanent_exclusions", "permanent_exclusion_rate"})
      out += "<td>" + figure(g.at(field)) + "</td>";
    out += "</tr>\n";
  }
  return out;
}

// England's rates beside the school's, for each group the publication held gives them: only the
// rates, as the counts are the nation's, not comparable with a school's.
std::string england_rows(const json::object& x) {
  std::string out;
  auto period = pages::text_of(x.at("national").at("period"));
  for (const auto& g : x.at("groups").as_array()) {
    if (g.at("national_suspension_rate").is_null()) continue;
    out += "<tr><th scope=\"row\">England " + pages::escape(period) + ": " +
           pages::escape(pages::text_of(g.at("label"))) + "</th>";
    for (const auto* field : {"", "", "", "", "national_suspension_rate", "", "", "national_permanent_exclusion_rate"})
      out += "<td>" + (*field ? figure(g.at(field)) : pages::none()) + "</td>";
    out += "</tr>\n";
  }
  return out;
}

std::string figures_table(const std::string& caption, const std::string& first, const std::string& rows) {
  return "<table><caption>" + pages::escape(caption) + "</caption>\n<thead><tr><th scope=\"col\">" + first +
         "</th><th scope=\"col\">Pupils</th><th scope=\"col\">Pupils suspended</th><th scope=\"col\">Suspensions</th>"
         "<th scope=\"col\">Sessions lost</th><th scope=\"col\">Suspensions per 100 pupils</th>"
         "<th scope=\"col\">Pupils with a suspension per 100</th><th scope=\"col\">Permanent exclusions</th>"
         "<th scope=\"col\">Permanent exclusions per 100 pupils</th></tr></thead>\n<tbody>\n" +
         rows + "</tbody>\n</table>\n";
}

Response exclusions_page(Call& call) {
  const auto& actor = *call.actor;
  const json::object fields{{"school", actor.staff.school}};
  // The operation's own access decision: whole-school staff, governors and trust officers.
  if (!allowed(call, "report.exclusions", fields))
    return forbidden_page(role_may_not(actor.role, "read whole-school reports"));
  auto report = read(call, "report.exclusions", fields);
  if (!report) return hidden_page();
  const auto& x = report->as_object();
  std::string year = pages::text_of(x.at("academic_year"));
  std::string main = "<h1>Exclusions and suspensions " + pages::escape(year) +
                     "</h1>\n<p class=\"lede\">Pupils on roll by SEN status and area of need: how many were "
                     "suspended, and the rates per 100 pupils as the DfE publishes them. " +
                     pages::escape(pages::text_of(x.at("counted_from"))) + ".</p>\n";
  main += figures_table("Suspensions and permanent exclusions, with and without SEN", "Group",
                        group_rows(x.at("groups").as_array(), "label") + england_rows(x));
  if (!x.at("by_area").as_array().empty())
    main += figures_table("Pupils on the register by primary area of need", "Area of need",
                          group_rows(x.at("by_area").as_array(), "area"));
  if (const auto& why = x.at("by_reason").as_array(); !why.empty()) {
    main +=
        "<table><caption>The reasons recorded (the DfE's reason codes)</caption>\n<thead><tr><th scope=\"col\">"
        "Reason</th><th scope=\"col\">Suspensions</th><th scope=\"col\">Permanent exclusions</th></tr></thead>\n"
        "<tbody>\n";
    for (const auto& r : why)
      main += "<tr><th scope=\"row\">" + pages::escape(pages::text_of(r.at("reason"))) + "</th><td>" +
              figure(r.at("suspensions")) + "</td><td>" + figure(r.at("permanent_exclusions")) + "</td></tr>\n";
    main += "</tbody>\n</table>\n";
  }
  main += "<p>" + pages::escape(pages::text_of(x.at("national_note"))) +
          ". England: " + pages::escape(pages::text_of(x.at("national").at("publication"))) + ".</p>\n";
  return framed_page(call, "Exclusions and suspensions", main, "exclusions");
}

}  // namespace

RouteList exclusions_routes() {
  return {
      {.method = "GET",
       .path = "/exclusions",
       .summary = "Exclusions and suspensions as a page: suspensions from the school's exclusion records or the "
                  "register's E marks, and permanent exclusions, per 100 pupils, with and without SEN and by area of "
                  "need (SENCO, senior leader, "
                  "governor: counts only)",
       .handler = exclusions_page,
       .answers = ok(B::html, "the exclusions and suspensions") + signed_in() + role(B::html)},
  };
}

}  // namespace sm::http
