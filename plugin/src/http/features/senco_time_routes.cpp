// SENCO time across the schools as a page (report.senco_time): each school's SENCO hours a week
// and standing against its register and EHC plans, for a trust officer, governors and leaders.
// No pupil is named.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/route_answers.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

std::string cell(const json::value& v) {
  if (v.is_bool()) return v.as_bool() ? "yes" : "no";
  return v.is_null() ? pages::none() : pages::value_html(v);
}

Response senco_time_page(Call& call) {
  const auto& actor = *call.actor;
  // A trust officer reads every school they cover; a school's own staff and governors, theirs.
  json::object fields;
  if (actor.role != ops::Role::trust_officer) fields["school"] = actor.staff.school;
  if (!allowed(call, "report.senco_time", fields))
    return forbidden_page(role_may_not(actor.role, "read whole-school reports"));
  auto report = read(call, "report.senco_time", fields);
  if (!report) return hidden_page();
  const auto& r = report->as_object();
  std::string rows;
  for (const auto& s : r.at("schools").as_array()) {
    const auto& school = s.as_object();
    std::string award = cell(school.at("award"));
    if (school.at("award_overdue").is_bool() && school.at("award_overdue").as_bool())
      award += " <strong class=\"warning\">due " + pages::escape(pages::text_of(school.at("award_due"))) + "</strong>";
    else if (school.at("award_due").is_string())
      award += " (due " + pages::escape(pages::text_of(school.at("award_due"))) + ")";
    rows += "<tr><th scope=\"row\">" + pages::escape(pages::text_of(school.at("school_name"))) + " (" +
            pages::escape(pages::text_of(school.at("school"))) + ")</th>";
    for (const auto* key : {"roll", "on_register", "ehc_plans", "hours_per_week", "register_pupils_per_hour",
                            "ehc_plans_per_hour", "on_slt", "qualified_teacher"})
      rows += "<td>" + cell(school.at(key)) + "</td>";
    rows += "<td>" + award + "</td></tr>\n";
  }
  std::string main =
      "<h1>SENCO time</h1>\n<p class=\"lede\">" + pages::escape(pages::text_of(r.at("note"))) +
      ".</p>\n<table><caption>SENCO time against the register, by school</caption>\n<thead><tr>"
      "<th scope=\"col\">School</th><th scope=\"col\">Roll</th><th scope=\"col\">On the register</th>"
      "<th scope=\"col\">EHC plans</th><th scope=\"col\">SENCO hours a week</th><th scope=\"col\">Register pupils a "
      "SENCO hour</th><th scope=\"col\">EHC plans a SENCO hour</th><th scope=\"col\">On SLT</th><th "
      "scope=\"col\">Qualified teacher</th><th scope=\"col\">National award</th></tr></thead>\n<tbody>\n" +
      rows + "</tbody>\n</table>\n";
  return framed_page(call, "SENCO time", main, "senco-time");
}

}  // namespace

RouteList senco_time_routes() {
  return {
      {.method = "GET",
       .path = "/senco-time",
       .summary = "SENCO time across the schools as a page: hours a week and standing against the register and EHC "
                  "plans (trust officer, governor, senior leader, SENCO: no pupil named)",
       .handler = senco_time_page,
       .answers = ok(B::html, "SENCO time by school") + signed_in() + role(B::html)},
  };
}

}  // namespace sm::http
