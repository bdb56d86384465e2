// A request as a route's handler sees it, once the server has matched its route, identified who
// is asking and checked what every route of its kind needs (http/api.cpp): the database, the
// caller, the decoded path and query, and the day. With the helpers handlers share.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/message.hpp"
#include "http/pages/html.hpp"
#include "http/routes.hpp"
#include "http/sessions.hpp"
#include "model/dates.hpp"
#include "ops/operation.hpp"
#include "ops/staff_identity.hpp"
#include "report/table.hpp"
#include "store/database.hpp"

namespace sm::http {

struct Call {
  store::Database& db;
  const Request& request;
  const Route& route;
  SessionStore& sessions;
  std::map<std::string, std::string> params{};               // decoded path parameters
  std::vector<std::pair<std::string, std::string>> query{};  // decoded query parameters, in order
  const ops::Actor* actor = nullptr;  // who is asking: set on every signed-in route (Caller::signed_in)
  const Session* session = nullptr;   // their browser session, when they came with one
  std::string session_id{};           // its id, to end it
  model::Date day{};

  // A query parameter's value (the last when repeated), "" when absent.
  std::string query_value(std::string_view name) const;
  std::string today() const { return model::format_date(day); }
  // What the operations layer needs to run an operation as the caller.
  ops::Context context() const;
};

// The same answer for "no such object" and "not yours to see": a refusal must not say the object exists.
inline constexpr const char* kNotFound = "not found";
Response hidden_json();                           // 404, refused_or_missing
Response forbidden_json(const std::string& why);  // 403, forbidden
Response hidden_page();                           // the page versions
Response forbidden_page(const std::string& why);

// A page's frame for the signed-in caller: their name, the sign-out form's token, the pages they may open.
pages::Frame frame_for(const Call& call);
// A page in the caller's frame, 200, its access-log object named (`main_html` built from escaped parts).
Response framed_page(const Call& call, const std::string& title, const std::string& main_html,
                     const std::string& object);
// A read through the operations layer as the caller (audit-logged there); nothing when it was not answered.
std::optional<boost::json::value> read(const Call& call, const char* operation, const boost::json::object& fields);
// A table as the download a person opens in Excel (.xlsx) or any spreadsheet (CSV, UTF-8):
// `file_name` without its extension ("class-map-7A").
Response table_download(const report::Table& table, bool excel, const std::string& file_name);
// May the caller run the operation with these fields (the access decision, http/access.hpp)?
bool allowed(const Call& call, const char* operation, const boost::json::object& fields);

}  // namespace sm::http
