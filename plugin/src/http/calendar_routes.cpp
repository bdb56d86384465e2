#include "http/calendar_routes.hpp"

#include <cctype>

#include "http/calendar_feed.hpp"
#include "http/pages/calendar_page.hpp"
#include "http/request_fields.hpp"
#include "ops/calendar_feeds.hpp"
#include "ops/operation.hpp"
#include "store/audit.hpp"
#include "store/settings.hpp"

namespace sm::http {
namespace {

ApiResponse page_response(unsigned status, std::string html) {
  return {status, std::move(html), {{"Content-Type", "text/html; charset=utf-8"}}};
}

// A Host header fit to put in front of the path: a name or address and a port, nothing else.
bool plain_host(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (unsigned char c : host)
    if (!std::isalnum(c) && c != '.' && c != '-' && c != ':' && c != '[' && c != ']') return false;
  return true;
}

}  // namespace

CalendarAnswer serve_calendar_feed(store::Database& db, std::string_view feed, model::Date today) {
  auto actor = ops::calendar_feed_actor(db, feed);
  db.reset_cached();
  if (!actor) return {error_response(404, "not found"), "refused_or_missing"};
  CalendarFeedContent content;
  {
    store::ReadSnapshot snapshot(db);  // every date of one moment
    content = calendar_feed_content(db, *actor, today, store::load_clock_rules(db));
  }
  // A review date of a named pupil says they are on SEN support or have an EHC plan: special
  // category data from their SEN record. So each pupil in the feed gets a read in the audit log,
  // and their audit trail shows whose calendar holds their dates (written with the fetch's
  // access-log row, in one transaction: the request's store::AuditBatch).
  for (const auto& upn : content.upns) store::audit(db, actor->audit_name(), "calendar.feed", upn);
  // No cookie is ever set here; nothing may be kept by a shared cache on the way.
  ApiResponse r{200,
                std::move(content.ics),
                {{"Content-Type", "text/calendar; charset=utf-8"},
                 {"Content-Disposition", "inline; filename=\"senmap-reviews.ics\""}}};
  return {std::move(r), "allowed", actor->audit_name()};
}

CalendarAnswer calendar_page_answer(store::Database& db, const ops::Actor& actor, std::string_view host,
                                    const std::string& csrf_token, bool make, std::string_view form_body) {
  pages::CalendarView view;
  view.frame = {"", actor.staff.name, csrf_token, {}};
  view.sees_pupils = ops::role_has_calendar(actor.role);
  view.can_make = !csrf_token.empty();
  CalendarAnswer out;
  out.actor = actor.audit_name();
  if (make && form_field(form_body, "action") == "stop") {
    ops::revoke_calendar_feed(db, actor.staff.id);
    out.response = {303, "", {{"Location", "/calendar"}}};  // back to the page, which then says there is none
    return out;
  }
  if (make) {
    if (!view.sees_pupils) {
      out.response = page_response(403, pages::calendar_page(view));
      out.outcome = "forbidden";
      return out;
    }
    auto feed = ops::create_calendar_feed(db, actor.staff);
    view.new_address = plain_host(host) ? "https://" + std::string(host) + feed.path : feed.path;
    out.response = page_response(200, pages::calendar_page(view));
    return out;
  }
  view.made_at = ops::calendar_feed_made_at(db, actor.staff.id);
  out.response = page_response(200, pages::calendar_page(view));
  return out;
}

}  // namespace sm::http
