#include "http/call.hpp"

#include <boost/json.hpp>

#include "http/access.hpp"
#include "report/table_export.hpp"
#include "store/settings.hpp"

namespace sm::http {
namespace json = boost::json;

std::string Call::query_value(std::string_view name) const {
  std::string value;
  for (const auto& [key, v] : query)
    if (key == name) value = v;
  return value;
}

ops::Context Call::context() const {
  return ops::Context{db, actor ? actor->audit_name() : std::string("anonymous"), day, store::load_clock_rules(db)};
}

Response hidden_json() {
  return with_outcome(error_response(404, kNotFound), "refused_or_missing");
}
Response forbidden_json(const std::string& why) {
  return with_outcome(error_response(403, why), "forbidden");
}
Response hidden_page() {
  return with_outcome(html_error(404, kNotFound), "refused_or_missing");
}
Response forbidden_page(const std::string& why) {
  return with_outcome(html_error(403, why), "forbidden");
}

pages::Frame frame_for(const Call& call) {
  const auto& actor = *call.actor;
  pages::Frame frame{"", actor.staff.name, call.session ? call.session->csrf : std::string(), {}};
  if (sees_whole_school(actor.role) || actor.role == ops::Role::governor || actor.role == ops::Role::trust_officer) {
    frame.nav.emplace_back("Dashboard", "/dashboard");
    frame.nav.emplace_back("Governors' report", "/governors");
    frame.nav.emplace_back("SEN Information Report", "/sen-information");
    frame.nav.emplace_back("Exclusions", "/exclusions");
    frame.nav.emplace_back("Budget", "/budget");
    frame.nav.emplace_back("SENCO time", "/senco-time");
  }
  if (sees_whole_school(actor.role)) {
    frame.nav.emplace_back("Register", "/register");
    frame.nav.emplace_back("Flags", "/flags");
    frame.nav.emplace_back("Reviews", "/reviews");
    frame.nav.emplace_back("Moving on", "/transfer");
    frame.nav.emplace_back("Exam access", "/access");
    frame.nav.emplace_back("Agencies", "/agencies");
    frame.nav.emplace_back("Handover pack", "/handover");
    frame.nav.emplace_back("TA deployment", "/ta-deployment");
  }
  if (actor.role != ops::Role::governor && actor.role != ops::Role::trust_officer)
    frame.nav.emplace_back("SEND skills", "/staff-skills");
  frame.nav.emplace_back("Your calendar", "/calendar");
  return frame;
}

Response framed_page(const Call& call, const std::string& title, const std::string& main_html,
                     const std::string& object) {
  auto frame = frame_for(call);
  frame.title = title;
  auto r = html_response(200, pages::page(frame, main_html));
  r.object = object;
  return r;
}

std::optional<json::value> read(const Call& call, const char* operation, const json::object& fields) {
  auto context = call.context();
  auto result = ops::call(context, operation, json::serialize(fields));
  if (result.status != ops::CallResult::Status::ok) return std::nullopt;
  // What the caller's role may not see of an answer they may ask for (a SENCO-only note) is left out.
  filter_response(operation, *call.actor, result.response);
  return std::move(result.response);
}

Response table_download(const report::Table& table, bool excel, const std::string& file_name) {
  Response r;
  r.body = excel ? report::xlsx_bytes(table) : report::csv_text(table);
  r.headers = {{"Content-Type", excel ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                      : "text/csv; charset=utf-8"},
               {"Content-Disposition", "attachment; filename=\"" + file_name + (excel ? ".xlsx" : ".csv") + "\""}};
  return r;
}

bool allowed(const Call& call, const char* operation, const json::object& fields) {
  return decide(call.db, *call.actor, operation, fields, call.today()).verdict == Verdict::allowed;
}

}  // namespace sm::http
