// A member of staff's calendar feed: the feed itself (GET /calendar/{feed}.ics, no token or cookie:
// the secret in the address is the credential), and the signed-in member of staff's page
// (GET /calendar) with its form (POST /calendar/feed) making, replacing or stopping their feed.
#include <cctype>

#include "http/calendar_feed.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/pages/calendar_page.hpp"
#include "http/request_fields.hpp"
#include "http/route_answers.hpp"
#include "ops/calendar_feeds.hpp"
#include "ops/operation.hpp"
#include "store/audit.hpp"
#include "store/settings.hpp"

namespace sm::http {
namespace {

// A Host header fit to put in front of the path: a name or address and a port, nothing else.
bool plain_host(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (unsigned char c : host)
    if (!std::isalnum(c) && c != '.' && c != '-' && c != ':' && c != '[' && c != ']') return false;
  return true;
}

// The feed as text/calendar, recorded as reads of the pupils it names; every refusal (malformed,
// unknown, replaced, revoked, holder left) is one and the same 404.
Response feed(Call& call) {
  auto& db = call.db;
  auto actor = ops::calendar_feed_actor(db, call.params.at("feed"));
  db.reset_cached();
  if (!actor) return hidden_json();
  CalendarFeedContent content;
  {
    store::ReadSnapshot snapshot(db);  // every date of one moment
    content = calendar_feed_content(db, *actor, call.day, store::load_clock_rules(db));
  }
  // A review date of a named pupil says they are on SEN support or have an EHC plan: special
  // category data from their SEN record. So each pupil in the feed gets a read in the audit log,
  // and their audit trail shows whose calendar holds their dates (written with the fetch's
  // access-log row, in one transaction: the request's store::AuditBatch).
  for (const auto& upn : content.upns) store::audit(db, actor->audit_name(), "calendar.feed", upn);
  // No cookie is ever set here; nothing may be kept by a shared cache on the way.
  Response r;
  r.body = std::move(content.ics);
  r.headers = {{"Content-Type", "text/calendar; charset=utf-8"},
               {"Content-Disposition", "inline; filename=\"senmap-reviews.ics\""}};
  r.actor = actor->audit_name();
  return r;
}

// The page, or (when `make`, the form) a new feed for the caller with its address shown once:
// https://<host>/calendar/....ics, `host` being the request's Host header when it is a plain host name.
// The form's action=stop stops their feed instead, and returns to the page.
Response calendar_page(Call& call, bool make) {
  auto& db = call.db;
  const auto& actor = *call.actor;
  const auto& host = call.request.host;
  const std::string csrf_token = call.session ? call.session->csrf : std::string();
  pages::CalendarView view;
  view.frame = {"", actor.staff.name, csrf_token, {}};
  view.sees_pupils = ops::role_has_calendar(actor.role);
  view.can_make = !csrf_token.empty();
  if (make && form_field(call.request.body, "action") == "stop") {
    ops::revoke_calendar_feed(db, actor.staff.id);
    return see_other("/calendar");  // back to the page, which then says there is none
  }
  if (make) {
    if (!view.sees_pupils) return with_outcome(html_response(403, pages::calendar_page(view)), "forbidden");
    auto feed = ops::create_calendar_feed(db, actor.staff);
    view.new_address = plain_host(host) ? "https://" + host + feed.path : feed.path;
    return html_response(200, pages::calendar_page(view));
  }
  view.made_at = ops::calendar_feed_made_at(db, actor.staff.id);
  return html_response(200, pages::calendar_page(view));
}

Response show_calendar(Call& call) {
  return calendar_page(call, false);
}
Response make_feed(Call& call) {
  return calendar_page(call, true);
}

}  // namespace

RouteList calendar_routes() {
  using namespace answers;
  return {
      {.method = "GET",
       .path = "/calendar",
       .summary = "The signed-in member of staff's calendar feed: what it holds, and a form making it",
       .handler = show_calendar,
       .answers = ok(B::html, "the calendar page") + signed_in()},
      {.method = "POST",
       .path = "/calendar/feed",
       .summary =
           "Make (or replace) the caller's calendar feed (csrf_token in the form body): its address is shown once",
       .form = true,
       .handler = make_feed,
       .answers = ok(B::html, "the calendar page with the new feed's address, shown this once") +
                  Answers{{303, "action=stop: the feed is revoked; back to the calendar page", B::none}} + signed_in() +
                  role(B::html)},
      {.method = "GET",
       .path = "/calendar/{feed}.ics",
       .summary = "A calendar feed (text/calendar): the review dates of the pupils its member of staff may see "
                  "today. The secret in the address is its only credential; a wrong, replaced or revoked one is "
                  "answered like a missing one",
       .caller = Caller::link_holder,
       .handler = feed,
       .answers = {{200, "the review dates as an iCalendar feed (RFC 5545)", B::calendar},
                   {404, "no such feed: wrong, replaced or revoked alike", B::errors},
                   {500,
                    "internal error (the server's log says where), or the request could not be written to the audit "
                    "log",
                    B::errors}},
       .params = {{"feed", false, true, "the feed's selector and secret, as the calendar page showed them"}}},
  };
}

}  // namespace sm::http
