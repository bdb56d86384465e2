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
#include "report/class_map_reads.hpp"
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
std::vector<pages::ReviewDue> reviews_due(const std::vector<report::ReviewDate>& dates, const std::string& month) {
  std::vector<pages::ReviewDue> reviews;
  for (const auto& d : dates) {
    if (d.date.substr(0, 7) > month) continue;
    reviews.push_back({d.date, d.upn, d.forename + " " + d.surname, report::what_is_due(d.kind)});
  }
  return reviews;
}

std::string days_overdue(int days) {
  return std::to_string(days) + (days == 1 ? " day overdue" : " days overdue");
}

std::string pupil_href(const std::string& upn) {
  return "/pupils/" + pages::url_part(upn);
}

// What needs doing now: reviews overdue or due within a week, EHC deadlines within four weeks,
// high flags nobody has acted on, and class maps their teachers have never read.
std::vector<pages::ActionPanel> action_panels(const Call& r, const std::vector<report::ReviewDate>& dates,
                                              const std::vector<pages::EhcClockRow>& ehc,
                                              const std::optional<json::object>& flags) {
  const auto today = std::chrono::sys_days{r.day};
  const auto week_ahead = model::format_date(model::Date{today + std::chrono::days(7)});
  std::vector<pages::ActionPanel> out;

  pages::ActionPanel reviews{"todo-reviews",
                             "Reviews overdue or due this week",
                             "/reviews",
                             "All reviews coming up",
                             "No review is overdue or due in the next seven days.",
                             {}};
  for (const auto& d : dates) {
    if (d.date > week_ahead) break;  // earliest first
    auto due = model::parse_date(d.date);
    int late = due ? static_cast<int>((today - std::chrono::sys_days{*due}).count()) : 0;
    reviews.items.push_back({pupil_href(d.upn), d.forename + " " + d.surname + ": " + report::what_is_due(d.kind),
                             late > 0 ? days_overdue(late) : d.date, late > 0});
  }
  out.push_back(std::move(reviews));

  pages::ActionPanel deadlines{"todo-ehc",        "EHC deadlines in the next four weeks",          "#ehc-heading",
                               "Every EHC clock", "No EHC deadline falls in the next four weeks.", {}};
  for (const auto& c : ehc)
    if (c.days_left <= 28)
      deadlines.items.push_back({pupil_href(c.upn), c.name + ": " + c.what,
                                 c.days_left < 0 ? days_overdue(-c.days_left) : c.due, c.days_left < 0});
  out.push_back(std::move(deadlines));

  pages::ActionPanel high{"todo-flags",
                          "High flags nobody has acted on",
                          "/flags",
                          "Every flag, pupil by pupil",
                          "Every high flag has been acknowledged, assigned or resolved.",
                          {}};
  if (flags)
    for (const auto& f : flags->at("flags").as_array()) {
      const auto& flag = f.as_object();
      if (flag.at("severity") != "high" || !flag.at("actions").as_array().empty()) continue;
      high.items.push_back({"/flags/" + pages::text_of(flag.at("id")),
                            pages::text_of(flag.at("pupil")) + ": " + pages::text_of(flag.at("title")),
                            "raised " + pages::text_of(flag.at("raised_on")), false});
    }
  out.push_back(std::move(high));

  pages::ActionPanel unread{"todo-maps",
                            "Class maps their teacher has not read",
                            "",
                            "",
                            "Every teacher of a pupil on the register has read their class map.",
                            {}};
  for (const auto& m : report::unread_class_maps(r.db, r.actor->staff.school_id, r.day))
    unread.items.push_back({"/classes/" + pages::url_part(m.class_id) + "/map", m.title + " (" + m.teacher + ")",
                            std::to_string(m.pupils_on_register) + " on the register", false});
  out.push_back(std::move(unread));
  return out;
}

std::vector<pages::EhcClockRow> ehc_clocks(const Call& r, const model::ClockRules& clock) {
  std::vector<pages::EhcClockRow> clocks;
  // First the plans with no clock at all: the SENCO records their dates before anything else.
  for (const auto& m : report::ehc_dates_missing(r.db, r.day, r.actor->staff.school_id))
    clocks.push_back({m.upn, m.forename + " " + m.surname, m.nc_year, "dates missing",
                      "Record the plan's LA, issue date and last annual review", "", "", 0, true});
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
  view.frame = frame_for(r);
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
    auto dates = report::load_review_dates(r.db, context.clock, r.actor->staff.school_id, r.day);
    view.reviews.data = reviews_due(dates, view.today.substr(0, 7));
    view.ehc.data = ehc_clocks(r, context.clock);
    view.actions = action_panels(r, dates, *view.ehc.data, view.flags.data);
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
