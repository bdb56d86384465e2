#include "ops/calendar_feeds.hpp"

#include "ops/launch_links.hpp"
#include "ops/operation.hpp"
#include "store/audit.hpp"

namespace sm::ops {
namespace {

bool is_hex(std::string_view text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

bool role_has_calendar(Role role) {
  return role != Role::governor && role != Role::trust_officer;
}

NewCalendarFeed create_calendar_feed(store::Database& db, const StaffMember& staff) {
  if (staff.left) throw InvalidRequest("staff_id", "the MIS no longer lists " + staff.reference());
  if (!staff.role)
    throw InvalidRequest("staff_id",
                         staff.reference() + " has no role yet (senmap staff role " + staff.reference() + " ROLE)");
  if (!role_has_calendar(*staff.role))
    throw InvalidRequest("staff_id", std::string("a ") + role_name(*staff.role) +
                                         " sees no named pupil, so there are no review dates for a calendar feed");
  auto selector = random_hex(kSelectorBytes);
  auto secret = random_hex(kSecretBytes);
  NewCalendarFeed out;
  out.path = "/calendar/" + selector + "." + secret + ".ics";
  auto now = store::utc_timestamp();
  store::Transaction tx(db);
  out.replaced = revoke_calendar_feed(db, staff.id);
  auto s =
      db.prepare("INSERT INTO calendar_feed (staff_id, selector, secret_hash, created_at) VALUES (?1, ?2, ?3, ?4)");
  s.bind(1, staff.id).bind(2, selector).bind(3, sha256_hex(secret)).bind(4, now).run();
  tx.commit();
  return out;
}

bool revoke_calendar_feed(store::Database& db, std::int64_t staff_id) {
  auto s = db.prepare("UPDATE calendar_feed SET revoked_at = ?2 WHERE staff_id = ?1 AND revoked_at IS NULL");
  s.bind(1, staff_id).bind(2, store::utc_timestamp()).run();
  return db.changes() > 0;
}

std::optional<std::string> calendar_feed_made_at(store::Database& db, std::int64_t staff_id) {
  auto s = db.prepare("SELECT created_at FROM calendar_feed WHERE staff_id = ?1 AND revoked_at IS NULL");
  s.bind(1, staff_id);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

std::optional<Actor> calendar_feed_actor(store::Database& db, std::string_view feed) {
  constexpr std::size_t kSelectorHex = kSelectorBytes * 2, kSecretHex = kSecretBytes * 2;
  if (feed.size() != kSelectorHex + 1 + kSecretHex || feed[kSelectorHex] != '.') return std::nullopt;
  auto selector = feed.substr(0, kSelectorHex);
  auto secret = feed.substr(kSelectorHex + 1);
  if (!is_hex(selector) || !is_hex(secret)) return std::nullopt;
  auto& s = db.cached("SELECT staff_id, secret_hash FROM calendar_feed WHERE selector = ?1 AND revoked_at IS NULL");
  s.bind(1, selector);
  std::int64_t staff_id = 0;
  std::string stored;
  if (s.step()) staff_id = s.integer(0), stored = s.text(1);
  s.reset();
  // Hashed and compared whether or not the selector was found: the time taken says nothing either.
  bool matches = signatures_match(sha256_hex(secret), stored.empty() ? std::string(kSecretHex, '-') : stored);
  if (!matches || staff_id == 0) return std::nullopt;
  auto staff = staff_by_id(db, staff_id);
  return staff ? actor_of(db, *staff) : std::nullopt;
}

}  // namespace sm::ops
