// The school's agency directory as a page (agency.list): each agency's service, contact, what it
// offers, how to refer and the wait it states beside the wait the school has seen, with the pupils
// it works with now; the SENCO's form adds an agency or brings its entry up to date. Whole-school
// staff only: it is where a new SENCO finds every agency's contact.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/features/page_forms.hpp"
#include "http/pages/agency_services.hpp"
#include "http/pages/forms.hpp"
#include "http/route_answers.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

std::string directory_cell(const json::value& v) {
  return v.is_null() ? pages::none() : pages::value_html(v);
}

Response agencies_page_with(Call& call, const FormRefusal* refused) {
  const auto& actor = *call.actor;
  const json::object fields{{"school", actor.staff.school}};
  if (!allowed(call, "agency.list", fields))
    return forbidden_page(role_may_not(actor.role, "read the agency directory"));
  auto list = read(call, "agency.list", fields);
  if (!list) return hidden_page();
  std::string rows;
  for (const auto& a : list->as_object().at("agencies").as_array()) {
    const auto& agency = a.as_object();
    std::string contact = directory_cell(agency.at("contact"));
    for (const auto* key : {"phone", "email"})
      if (!agency.at(key).is_null()) contact += "<br>" + pages::value_html(agency.at(key));
    rows += "<tr><th scope=\"row\">" + pages::value_html(agency.at("name")) + "<br><span class=\"hint\">" +
            pages::escape(pages::agency_service_label(pages::text_of(agency.at("service")))) + "</span></th><td>" +
            contact + "</td><td>" + directory_cell(agency.at("offers")) + "</td><td>" +
            directory_cell(agency.at("referral_route")) + "</td><td>" + directory_cell(agency.at("waiting_weeks")) +
            "</td><td>" + directory_cell(agency.at("seen_wait_weeks")) + "</td><td>" +
            directory_cell(agency.at("pupils_involved_now")) + "</td><td>" +
            directory_cell(agency.at("referrals_waiting")) + "</td></tr>\n";
  }
  std::string main = "<h1>Agencies</h1>\n";
  if (auto said = notice_for(call.query_value("recorded")); !said.empty()) main += pages::notice(said);
  main +=
      "<p class=\"lede\">The agencies the school works with: how to reach them, what they offer, how to refer, and "
      "the wait each states beside the wait the school has seen (referral to first involvement).</p>\n";
  if (rows.empty()) {
    main += "<p>No agency is in the directory yet.</p>\n";
  } else {
    main +=
        "<table><caption>Agency directory</caption>\n<thead><tr><th scope=\"col\">Agency</th><th "
        "scope=\"col\">Contact</th><th scope=\"col\">Offers</th><th scope=\"col\">Referral route</th><th "
        "scope=\"col\">Stated wait (weeks)</th><th scope=\"col\">Wait seen (weeks)</th><th scope=\"col\">Pupils "
        "now</th><th scope=\"col\">Referrals waiting</th></tr></thead>\n<tbody>\n" +
        rows + "</tbody>\n</table>\n";
  }
  if (allowed(call, "agency.save", fields)) {
    static const pages::Submitted nothing;
    pages::FormBuilder form("/agencies", frame_for(call).csrf_token, refused ? refused->submitted : nothing);
    form.hidden("school", actor.staff.school)
        .text("name", "Name", "the same name again updates the agency's entry")
        .select("service", "Service", pages::agency_services())
        .text("contact", "Contact", "the person or desk to contact")
        .text("phone", "Phone")
        .text("email", "Email")
        .textarea("offers", "What they offer")
        .text("referral_route", "How to refer")
        .number("waiting_weeks", "Stated wait in weeks");
    main +=
        "<section class=\"panel\" aria-labelledby=\"agency-heading\"><h2 id=\"agency-heading\">Add or update an "
        "agency</h2>\n";
    if (refused) main += pages::error_summary(refused->errors, "The agency", form.labels());
    main += form.finish("Save the agency") + "</section>\n";
  }
  return framed_form_page(call, "Agencies", main, "agencies", refused);
}

Response agencies_page(Call& call) {
  return agencies_page_with(call, nullptr);
}

Response agency_form(Call& call) {
  return run_form(call, {"/agencies", "directory", agencies_page_with});
}

}  // namespace

RouteList agencies_routes() {
  return {
      {.method = "GET",
       .path = "/agencies",
       .summary = "The agency directory as a page: contacts, offers, referral routes, waits, pupils involved now "
                  "(SENCO, senior leader, admin)",
       .handler = agencies_page,
       .answers = ok(B::html, "the agency directory") + signed_in() + role(B::html)},
      {.method = "POST",
       .path = "/agencies",
       .summary = "The agency page's form (csrf_token in the form body): add an agency or update its entry; back to "
                  "the agency page",
       .form = true,
       .operation = "agency.save",
       .handler = agency_form,
       .answers = form("refused: the agency page again, with every field and the rule it breaks")},
      operation_read("/api/agencies", "agency.list"),
      operation_read("/api/pupils/{upn}/team", "agency.team"),
  };
}

}  // namespace sm::http
