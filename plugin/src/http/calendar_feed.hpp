// A calendar feed's content: the review dates of the pupils a member of staff may see today, as
// their phone or cloud calendar fetches it without signing in (ops/calendar_feeds.hpp makes and
// checks the secret URL).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/dates.hpp"
#include "model/statutory_clock.hpp"
#include "ops/staff_identity.hpp"
#include "store/database.hpp"

namespace sm::http {

struct CalendarFeedContent {
  std::string ics;                // text/calendar
  std::vector<std::string> upns;  // the pupils it names, for the audit log
};

// The feed's calendar as of now: the review dates of the pupils the actor may see today (the same
// decision as reading the pupil's record), each named by forename and surname initial only.
CalendarFeedContent calendar_feed_content(store::Database& db, const ops::Actor& actor, model::Date today,
                                          const model::ClockRules& clock);

}  // namespace sm::http
