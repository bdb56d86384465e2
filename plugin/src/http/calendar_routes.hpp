// The calendar feed's routes, called from the API's handler (api.cpp): the feed itself
// (GET /calendar/{feed}.ics, no token or cookie: the secret in the URL is the credential), and the
// signed-in member of staff's page (GET /calendar) and its form (POST /calendar/feed).
#pragma once
#include <string>
#include <string_view>

#include "http/api.hpp"
#include "model/dates.hpp"
#include "ops/staff_identity.hpp"
#include "store/database.hpp"

namespace sm::http {

// An answer and what the access log records about it.
struct CalendarAnswer {
  ApiResponse response;
  const char* outcome = "allowed";
  std::string actor = "anonymous";
};

// The feed as text/calendar, recorded as reads of the pupils it names; every refusal (malformed,
// unknown, replaced, revoked, holder left) is one and the same 404.
CalendarAnswer serve_calendar_feed(store::Database& db, std::string_view feed, model::Date today);

// The page, or (when `make`, the form) a new feed for the actor with its address shown once:
// https://<host>/calendar/....ics, `host` being the request's Host header when it is a plain host name.
// The form's action=stop stops their feed instead, and returns to the page.
CalendarAnswer calendar_page_answer(store::Database& db, const ops::Actor& actor, std::string_view host,
                                    const std::string& csrf_token, bool make, std::string_view form_body);

}  // namespace sm::http
