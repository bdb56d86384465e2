// The SEN register of the caller's school: the SENCO's working list as a page (searched, filtered,
// sorted) and the same list for Excel, the JSON reads, and its counts against England's figures.
#include <algorithm>
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/features/page_forms.hpp"
#include "http/pages/register_page.hpp"
#include "http/request_fields.hpp"
#include "http/route_answers.hpp"
#include "report/register_report.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

Response register_list(Call& call) {
  const auto& actor = *call.actor;
  if (!sees_whole_school(actor.role)) return forbidden_json(role_may_not(actor.role, "read the whole register"));
  auto context = call.context();
  auto result = ops::call(context, "register.list", json::serialize(json::object{{"school", actor.staff.school}}));
  if (result.status != ops::CallResult::Status::ok) return with_outcome(json_response(422, result.response), "invalid");
  auto r = json_response(200, result.response);
  return r;
}

Response register_summary(Call& call) {
  auto d = decide_aggregate(call.db, *call.actor);
  if (d.verdict != Verdict::allowed) return forbidden_json(d.why);
  auto body = report::register_summary_json(report::load_register(call.db, call.day), report::load_roll(call.db));
  return json_response(200, body);
}

enum class ListAs { page, xlsx, csv };

// The school's year groups, in school order, for the page's year filter.
std::vector<pages::Choice> year_groups(Call& call) {
  auto& s = call.db.cached(
      "SELECT DISTINCT nc_year FROM pupil WHERE school_id = ?1 AND left_on IS NULL AND nc_year IS NOT NULL");
  s.bind(1, call.actor->staff.school_id);
  std::vector<std::string> years;
  while (s.step()) years.push_back(s.text(0));
  s.reset();
  std::sort(years.begin(), years.end(), [](const auto& a, const auto& b) {
    return std::pair(report::year_order(a), a) < std::pair(report::year_order(b), b);
  });
  std::vector<pages::Choice> out;
  out.reserve(years.size());
  for (const auto& y : years) out.push_back({y, y == "R" ? "Reception" : "Year " + y});
  return out;
}

// The register of the signed-in member of staff's own school as `as` asks, filtered by the query.
Response register_list_as(Call& call, ListAs as) {
  const auto& actor = *call.actor;
  const auto* op = operation_named("register.view");
  json::object fields{{"school", actor.staff.school}};
  std::vector<std::pair<std::string, std::string>> asked;
  for (const auto& [name, value] : call.query) {
    if (value.empty() || name == "school") continue;  // always the viewer's own school
    add_field(*op, fields, name, value);
    asked.emplace_back(name, value);
  }
  auto d = decide(call.db, actor, "register.view", fields, call.today());
  auto finish = [&](Response r) {
    r.operation = "register.view";
    r.object = "register";
    return r;
  };
  if (d.verdict != Verdict::allowed) return finish(forbidden_page(d.why));
  auto context = call.context();
  auto result = ops::call(context, "register.view", json::serialize(fields));
  const bool refused = result.status != ops::CallResult::Status::ok;
  if (as != ListAs::page) {
    if (refused) return finish(with_outcome(html_error(422, "the register could not be filtered that way"), "invalid"));
    auto table = *ops::report_table("register.view", result.response);
    return finish(table_download(table, as == ListAs::xlsx, "sen-register-" + call.today()));
  }
  pages::RegisterView view;
  view.frame = frame_for(call);
  view.frame.title = "SEN register";
  view.query = std::move(asked);
  view.years = year_groups(call);
  view.flags = rule_choices();
  if (refused)
    view.errors = std::move(result.response);
  else
    view.list = std::move(result.response.as_object());
  auto r = html_response(refused ? 422 : 200, pages::register_page(view));
  return finish(refused ? with_outcome(std::move(r), "invalid") : std::move(r));
}

Response register_page(Call& call) {
  return register_list_as(call, ListAs::page);
}
Response register_xlsx(Call& call) {
  return register_list_as(call, ListAs::xlsx);
}
Response register_csv(Call& call) {
  return register_list_as(call, ListAs::csv);
}

// The query the page and its downloads take: register.view's fields but the school (the viewer's own).
std::vector<ParamDoc> list_params() {
  std::vector<ParamDoc> out;
  if (const auto* op = operation_named("register.view"))
    for (const auto& f : op->fields)
      if (f.name != "school") out.push_back({f.name, true, false, f.description});
  return out;
}

}  // namespace

RouteList register_routes() {
  const auto list = [](B body, std::string what) {
    return ok(body, std::move(what)) + signed_in() + role(B::html) +
           refused_form("the filters broke a rule: the page again, saying which");
  };
  return {
      {.method = "GET",
       .path = "/register",
       .summary = "The SEN register as the SENCO's working list (HTML): search by name or UPN across the school, "
                  "filter, sort; each pupil with needs, classes, key workers, next review, open flags and provision "
                  "(SENCO, senior leader, admin; audit-logged)",
       .keep = true,
       .handler = register_page,
       .answers = list(B::html, "the register"),
       .params = list_params()},
      {.method = "GET",
       .path = "/register.xlsx",
       .summary = "The register page's list, with the same filters, as an Excel workbook",
       .keep = true,
       .handler = register_xlsx,
       .answers = list(B::xlsx, "the register as an attachment"),
       .params = list_params()},
      {.method = "GET",
       .path = "/register.csv",
       .summary = "The register page's list, with the same filters, as CSV (UTF-8, for any spreadsheet)",
       .keep = true,
       .handler = register_csv,
       .answers = list(B::csv, "the register as an attachment"),
       .params = list_params()},
      operation_read("/api/register/view", "register.view", true),
      {.method = "GET",
       .path = "/api/register",
       .summary = "The SEN register of the caller's school (SENCO, senior leader, admin)",
       .handler = register_list,
       .answers = ok(B::json, "the register") + signed_in() + role(B::errors)},
      {.method = "GET",
       .path = "/api/register/summary",
       .summary = "The register's counts and percentages against England's figures",
       .handler = register_summary,
       .answers = ok(B::json, "the counts and percentages") + signed_in() + role(B::errors)},
  };
}

}  // namespace sm::http
