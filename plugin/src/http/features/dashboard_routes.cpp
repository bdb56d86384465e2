// The SENCO dashboard's route: each part of the page is read under its own access decision, so a
// governor gets the aggregates and nothing named, and a part refused (a whole-school report in a
// database of several schools) says why instead of failing the page.
#include <boost/json.hpp>
#include <chrono>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/pages/dashboard_page.hpp"
#include "http/route_answers.hpp"
#include "ops/operation.hpp"
#include "report/ehc_clocks.hpp"
#include "report/review_dates.hpp"
#include "report/term_calendar.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/settings.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {

template <class T>
void read_part(const Call& r, ops::Context& context, const char* operation, const json::object& request,
               pages::Part<T>& part) {
  auto d = decide(r.db, *r.actor, operation, request, r.today());
  if (d.verdict != Verdict::allowed) {
    part.why_not = d.why.empty() ? "not available to you" : d.why;
    return;
  }
  auto result = ops::call(context, operation, json::serialize(request));
  if (result.status == ops::CallResult::Status::ok)
    part.data = std::move(result.response.as_object());
  else
    part.why_not = "this report could not be made";
}

std::string month_name(model::Date day) {
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  std::chrono::year_month_day ymd{day};
  return std::string(kMonths[static_cast<unsigned>(ymd.month()) - 1]) + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

// This month's reviews, and any earlier still not done: an overdue review matters most.
std::vector<pages::ReviewDue> reviews_due(const Call& r, const model::ClockRules& clock, const std::string& month) {
  std::vector<pages::ReviewDue> reviews;
  for (const auto& d : report::load_review_dates(r.db, clock, r.actor->staff.school_id)) {
    if (d.date.substr(0, 7) > month) continue;
    reviews.push_back({d.date, d.upn, d.forename + " " + d.surname, report::what_is_due(d.kind)});
  }
  return reviews;
}

std::vector<pages::EhcClockRow> ehc_clocks(const Call& r, const model::ClockRules& clock) {
  std::vector<pages::EhcClockRow> clocks;
  for (const auto& c : report::load_ehc_clocks(r.db, clock, r.day, r.actor->staff.school_id))
    clocks.push_back({c.upn, c.forename + " " + c.surname, c.nc_year, c.stage, c.next_what, model::format_date(c.due),
                      c.rule, c.days_left});
  return clocks;
}

Response dashboard(Call& r) {
  const bool named = sees_whole_school(r.actor->role);
  const bool aggregates = named || r.actor->role == ops::Role::governor || r.actor->role == ops::Role::trust_officer;
  if (!aggregates) {
    auto refused = forbidden_page(std::string("a ") + ops::role_name(r.actor->role) +
                                  " has no dashboard: open your class "
                                  "provision maps from the MIS");
    refused.object = "dashboard";
    return refused;
  }
  auto context = r.context();
  pages::DashboardView view;
  view.frame = {"",
                r.actor->staff.name,
                r.session ? r.session->csrf : std::string(),
                {{"Dashboard", "/dashboard"}, {"Your calendar", "/calendar"}}};
  view.today = model::format_date(r.day);
  view.month = month_name(r.day);
  // Every part is of the viewer's own school: in a trust's database the reports are limited to it.
  json::object own;
  auto school = r.db.prepare("SELECT COALESCE(name, la || '-' || estab), la || '-' || estab FROM school WHERE id = ?1");
  school.bind(1, r.actor->staff.school_id);
  if (school.step()) view.school = school.text(0), own["school"] = school.text(1);
  view.term_warning = report::no_current_term(report::school_terms(r.db, r.actor->staff.school_id), r.day);

  read_part(r, context, "report.register_analytics", own, view.analytics);
  read_part(r, context, "flags.list", own, view.flags);
  read_part(r, context, "report.costs", own, view.costs);
  read_part(r, context, "report.impact", own, view.impact);
  if (!named) {
    // Governors and trust officers: aggregates only, never a named pupil (domain.md).
    view.reviews.why_not = view.ehc.why_not =
        "it names pupils, and a " + std::string(ops::role_name(r.actor->role)) + " sees aggregates only";
  } else {
    // Read for the viewer's own school, so these parts work in a trust's database too.
    view.reviews.data = reviews_due(r, context.clock, view.today.substr(0, 7));
    view.ehc.data = ehc_clocks(r, context.clock);
    store::audit(r.db, r.actor->audit_name(), "dashboard.read");
  }
  auto out = html_response(200, pages::dashboard_page(view));
  out.object = "dashboard";
  return out;
}

}  // namespace

RouteList dashboard_routes() {
  using namespace answers;
  return {
      {.method = "GET",
       .path = "/dashboard",
       .summary = "The SENCO's dashboard as a page: the register against England with charts, flags, reviews due this "
                  "month, EHC clocks, provision costs and impact, all of the viewer's own school (a governor's: the "
                  "aggregates only)",
       .handler = dashboard,
       .answers = ok(B::html, "the dashboard") + signed_in() + role(B::html)},
  };
}

}  // namespace sm::http
