// Calendar feeds: one secret URL per member of staff that their phone or cloud calendar fetches
// without signing in, listing the review dates of the pupils they may see today. A feed URL ends up
// in third-party calendars, so it is kept apart from API tokens and sessions and grants nothing but
// the feed. Made as API tokens are (staff_identity.hpp): a 96-bit selector finds the row, a 256-bit
// secret proves the holder, only the secret's SHA-256 is stored and it is compared in constant time.
// (The feed's content is the server's: http/calendar_feed.hpp.)
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ops/staff_identity.hpp"
#include "store/database.hpp"

namespace sm::ops {

struct NewCalendarFeed {
  std::string path;       // "/calendar/<selector>.<secret>.ics": shown once, never stored
  bool replaced = false;  // an older feed of theirs was revoked
};

// A new feed for a member of staff who is still listed and has a role that sees named pupils;
// their live feed, if any, stops working in the same transaction (one live feed each).
// Throws InvalidRequest (field staff_id) when they may not have one.
NewCalendarFeed create_calendar_feed(store::Database& db, const StaffMember& staff);
// Stops a member of staff's live feed; false when they had none.
bool revoke_calendar_feed(store::Database& db, std::int64_t staff_id);
// When the member of staff's live feed was made, if they have one.
std::optional<std::string> calendar_feed_made_at(store::Database& db, std::int64_t staff_id);
// Whether a role sees any named pupil (governors and trust officers never do: no feed for them).
bool role_has_calendar(Role role);

// The member of staff a feed ("<selector>.<secret>", the URL's file name without ".ics") belongs
// to: nothing when it is malformed, unknown, revoked or replaced, or its holder has left or has no
// role. Every such answer is alike, so the caller's refusal cannot say which it was.
std::optional<Actor> calendar_feed_actor(store::Database& db, std::string_view feed);

}  // namespace sm::ops
