// The pages' routes (server-rendered HTML) and their forms. Each page gathers what it shows
// through the operations layer under the same access decisions as the JSON API, a refused
// object reads exactly like a missing one, and a form runs one operation then returns to its
// page (303, so a reload does not record it twice) or shows the page again with the refusal.
#pragma once
#include <map>
#include <string>

#include "http/api.hpp"
#include "http/routes.hpp"
#include "http/sessions.hpp"
#include "model/dates.hpp"
#include "ops/staff_identity.hpp"

namespace sm::store {
class Database;
}

namespace sm::http {

struct PageRequest {
  store::Database& db;
  const ops::Actor& actor;
  const Session* session;  // the browser session, or nullptr when an API token is used
  const Route& route;
  const std::map<std::string, std::string>& params;  // decoded path parameters
  const std::map<std::string, std::string>& query;   // decoded query parameters
  const std::string& body;                           // a form's body (application/x-www-form-urlencoded)
  model::Date day;
};

struct PageAnswer {
  ApiResponse response;
  const char* outcome = "allowed";  // for the access log
  std::string operation, upn, object;
};

// The routes served here: the pages and their forms.
bool is_page_route(RouteKind kind);
// Forms post their CSRF token in the body (a page cannot set a header).
bool is_form_route(RouteKind kind);

PageAnswer serve_page(const PageRequest& request);
// The SENCO dashboard (dashboard_route.cpp).
PageAnswer serve_dashboard(const PageRequest& request);

// A page's refusal or failure, as a page: says as little as the API's (never whether an object exists).
ApiResponse html_error(unsigned status, const std::string& why);

}  // namespace sm::http
