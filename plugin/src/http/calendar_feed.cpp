#include "http/calendar_feed.hpp"

#include <map>

#include "http/access.hpp"
#include "ops/calendar_feeds.hpp"
#include "report/ics_calendar.hpp"
#include "report/review_dates.hpp"
#include "store/audit.hpp"

namespace sm::http {
namespace {

// The first character of a name (a whole UTF-8 character, never half of one) and a full stop.
std::string initial(const std::string& name) {
  if (name.empty()) return {};
  auto lead = static_cast<unsigned char>(name[0]);
  std::size_t len = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : 4;
  return name.substr(0, len) + ".";
}

}  // namespace

CalendarFeedContent calendar_feed_content(store::Database& db, const ops::Actor& actor, model::Date today,
                                          const model::ClockRules& clock) {
  using Kind = report::ReviewDate::Kind;
  CalendarFeedContent out;
  std::vector<report::CalendarEvent> events;
  auto day = model::format_date(today);
  std::map<std::string, bool> visible;  // per pupil, decided once per fetch
  std::vector<report::ReviewDate> dates;
  if (ops::role_has_calendar(actor.role)) dates = report::load_review_dates(db, clock, actor.staff.school_id);
  for (const auto& r : dates) {
    // The invitations, the report and the LA's decision are the SENCO's paperwork (their own list
    // and dashboard); a calendar feed carries only the reviews.
    if (report::is_paperwork(r.kind)) continue;
    // The same decision as reading the pupil's record, taken afresh at every fetch: a teacher's
    // classes or a TA's assignments that changed since yesterday change the feed today.
    auto [it, first] = visible.try_emplace(r.upn, false);
    if (first) {
      it->second = decide_pupil(db, actor, r.upn, day).verdict == Verdict::allowed;
      if (it->second) out.upns.push_back(r.upn);
    }
    if (!it->second) continue;
    // The least that makes the date useful: no UPN, needs, targets or notes (it lives in other companies' calendars).
    auto who = r.forename + " " + initial(r.surname);
    events.push_back(
        {r.uid, r.date,
         (r.kind == Kind::sen_support_review ? "SEN support review due: " : "EHC plan annual review due: ") + who, ""});
  }
  out.ics = report::ics_calendar("senmap reviews", events, store::utc_timestamp());
  return out;
}

}  // namespace sm::http
