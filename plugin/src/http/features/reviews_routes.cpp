// Reviews coming up: every SEN support review and EHC annual review (with its invitations) of the
// viewer's own school that is overdue or due in the next twelve weeks, earliest first, each linked to
// the pupil's page. The dashboard shows only this month's; a SENCO plans further ahead than that.
#include <chrono>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/route_answers.hpp"
#include "report/review_dates.hpp"
#include "store/audit.hpp"

namespace sm::http {
namespace {
using namespace answers;

constexpr int kWeeksAhead = 12;

std::string table(const std::string& caption, const std::vector<report::ReviewDate>& dates) {
  std::string out = "<table><caption>" + pages::escape(caption) +
                    "</caption>\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Pupil</th>"
                    "<th scope=\"col\">What is due</th></tr></thead>\n<tbody>\n";
  for (const auto& d : dates)
    out += "<tr><th scope=\"row\">" + pages::escape(d.date) + "</th><td>" +
           pages::pupil_link(d.upn, d.forename + " " + d.surname) + "</td><td>" + report::what_is_due(d.kind) +
           "</td></tr>\n";
  return out + "</tbody>\n</table>\n";
}

Response reviews(Call& call) {
  const auto& actor = *call.actor;
  if (!sees_whole_school(actor.role))
    return forbidden_page(role_may_not(actor.role, "read the whole school's reviews"));
  const auto today = call.today();
  const auto horizon =
      model::format_date(model::Date{std::chrono::sys_days{call.day} + std::chrono::days(7 * kWeeksAhead)});
  std::vector<report::ReviewDate> overdue, coming;
  for (auto& d : report::load_review_dates(call.db, call.context().clock, actor.staff.school_id, call.day)) {
    if (d.date > horizon) continue;
    (d.date < today ? overdue : coming).push_back(std::move(d));
  }
  // Each pupil named is a read of their SEN record.
  for (const auto* list : {&overdue, &coming})
    for (const auto& d : *list) store::audit(call.db, actor.audit_name(), "reviews.page", d.upn);
  std::string main = "<h1>Reviews coming up</h1>\n<p class=\"lede\">Overdue, and due in the next " +
                     std::to_string(kWeeksAhead) + " weeks (to " + horizon + "), earliest first.</p>\n";
  if (!overdue.empty()) main += table("Overdue: not recorded by their date", overdue);
  main += coming.empty() ? "<p>No review is due in the next " + std::to_string(kWeeksAhead) + " weeks.</p>\n"
                         : table("Due by " + horizon, coming);
  return framed_page(call, "Reviews coming up", main, "reviews");
}

}  // namespace

RouteList reviews_routes() {
  return {
      {.method = "GET",
       .path = "/reviews",
       .summary = "Reviews coming up as a page: every review of the viewer's own school overdue or due in the next "
                  "12 weeks, each linked to the pupil (SENCO, senior leader, admin; audit-logged)",
       .handler = reviews,
       .answers = ok(B::html, "the reviews coming up") + signed_in() + role(B::html)},
  };
}

}  // namespace sm::http
