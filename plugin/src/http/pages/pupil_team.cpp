// The team around the child on the pupil page: the agencies and professionals involved now (with
// how to reach them), referrals waiting and for how long, those involved before and what came of
// it, and the advice their reports gave to each cycle; the SENCO's form records a referral or an
// involvement from the school's agency directory.
#include <boost/json.hpp>

#include "http/pages/agency_services.hpp"
#include "http/pages/json_fields.hpp"
#include "http/pages/pupil_sections.hpp"

namespace sm::http::pages {
namespace json = boost::json;
namespace {

std::string when_html(const json::object& i) {
  const auto status = text_of(at(i, "status"));
  if (status == "waiting") {
    std::string out = "Referred " + value_html(at(i, "referred_on"));
    if (at(i, "days_waiting").is_int64()) out += ", waiting " + value_html(at(i, "days_waiting")) + " days";
    return out;
  }
  if (status == "accepted") return "Accepted " + value_html(at(i, "decided_on")) + ", not yet begun";
  if (status == "involved") return "Since " + value_html(at(i, "involved_from"));
  if (status == "ended") return value_html(at(i, "involved_from")) + " to " + value_html(at(i, "ended_on"));
  return escape(status == "declined" ? "Declined " : "Redirected ") + value_html(at(i, "decided_on"));
}

std::string involvement_rows(const json::array& rows, bool contacts) {
  std::string out;
  for (const auto& r : rows) {
    const auto& i = r.as_object();
    out += "<tr><th scope=\"row\">" + value_html(at(i, "agency")) + "<br><span class=\"hint\">" +
           escape(agency_service_label(text_of(at(i, "service")))) + "</span></th><td>" +
           value_html(at(i, "professional")) + "</td><td>" + when_html(i) + "</td><td>";
    if (contacts) {
      out += value_html(at(i, "contact"));
      if (!at(i, "phone").is_null()) out += "<br>" + value_html(at(i, "phone"));
      if (!at(i, "email").is_null()) out += "<br>" + value_html(at(i, "email"));
    } else {
      out += value_html(at(i, "outcome"));
    }
    out += "</td></tr>\n";
  }
  return out;
}

}  // namespace

std::string team_section(const PupilView& v) {
  if (!v.team) return "";
  const auto& team = *v.team;
  std::string out = "<section aria-labelledby=\"team-heading\"><h2 id=\"team-heading\">Team around the child</h2>\n";
  const auto& now = at(team, "team").as_array();
  if (now.empty()) {
    out += "<p>No agency is involved now.</p>\n";
  } else {
    out +=
        "<table><caption>Involved now and referrals waiting</caption><thead><tr><th scope=\"col\">Agency</th>"
        "<th scope=\"col\">Professional</th><th scope=\"col\">Since</th><th scope=\"col\">Contact</th></tr></thead>"
        "<tbody>\n" +
        involvement_rows(now, true) + "</tbody></table>\n";
  }
  const auto& past = at(team, "past").as_array();
  if (!past.empty())
    out +=
        "<table><caption>Before</caption><thead><tr><th scope=\"col\">Agency</th><th scope=\"col\">Professional"
        "</th><th scope=\"col\">When</th><th scope=\"col\">What came of it</th></tr></thead><tbody>\n" +
        involvement_rows(past, false) + "</tbody></table>\n";
  const auto& advice = at(team, "advice").as_array();
  if (!advice.empty()) {
    out += "<h3>Advice from their reports</h3>\n<ul class=\"notes\">\n";
    for (const auto& a : advice) {
      const auto& item = a.as_object();
      out += "<li><p><strong>" + value_html(at(item, "author")) + "</strong> (" + value_html(at(item, "agency")) +
             "), received <span class=\"date\">" + value_html(at(item, "received_on")) +
             "</span>, for the cycle assessed <span class=\"date\">" + value_html(at(item, "cycle_assessed_on")) +
             "</span>";
      if (!at(item, "document").is_null()) out += ". Kept as " + value_html(at(item, "document"));
      out += "</p>\n<p class=\"note-body\">" + value_html(at(item, "recommendations")) + "</p></li>\n";
    }
    out += "</ul>\n";
  }
  if (v.may.count("agency.involve") && !v.agencies.empty()) {
    std::vector<Choice> agencies;
    for (const auto& a : v.agencies)
      agencies.push_back({text_of(at(a.as_object(), "agency_id")),
                          text_of(at(a.as_object(), "name")) + " (" +
                              agency_service_label(text_of(at(a.as_object(), "service"))) + ")"});
    std::vector<Choice> decisions{{"", "Not decided yet"},
                                  {"accepted", "Accepted"},
                                  {"declined", "Declined"},
                                  {"redirected", "Redirected elsewhere"}};
    FormBuilder form(pupil_form_action(v, "/agencies"), v.frame.csrf_token, sent_to(v, "agency"), "f-agency-");
    form.select("agency_id", "Agency", agencies)
        .text("professional", "Professional", "who works with the pupil, if known")
        .date("referred_on", "Referred on", "", false)
        .select("decision", "Their decision", decisions, false)
        .date("decided_on", "Decided on", "", false)
        .date("involved_from", "Involved from", "", false)
        .textarea("outcome", "What came of it", "optional");
    out += form_panel(v,
                      {"agency", "f-agency-", "Record a referral or an agency's involvement", "Record it",
                       "<p>Agencies come from the school's directory (Agencies). Give the referral's day, or the "
                       "day the agency began working with the pupil.</p>\n"},
                      form);
  }
  return out + "</section>\n";
}

}  // namespace sm::http::pages
