// Who is asking: members of staff from the MIS roster with a senmap role, and their API tokens.
// Tokens are "senmap_<selector>_<secret>": 96 random bits find the row, 256 random bits prove
// the holder. Only the secret's SHA-256 is stored, and it is compared in constant time.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace sm::ops {

enum class Role { senco, teacher, ta, senior_leader, governor, trust_officer, admin };

std::optional<Role> role_from(std::string_view name);
const char* role_name(Role role);
// "senco, teacher, ta, senior_leader, governor, trust_officer or admin" for error messages.
const char* role_names();

struct StaffMember {
  std::int64_t id = 0;  // the staff row
  std::int64_t school_id = 0;
  std::string school;      // "LA-ESTAB"
  std::string sourced_id;  // the MIS's id (OneRoster sourcedId)
  std::string name;
  bool left = false;  // the MIS no longer lists them
  std::optional<Role> role;
  // "701-4001/stf-0003": unique in a trust's database, where sourcedIds repeat between schools.
  std::string reference() const { return school + "/" + sourced_id; }
};

// A member of staff by "stf-0003" (when only one school has that id) or "701-4001/stf-0003".
// Throws NotFound (no such member of staff) or InvalidRequest (ambiguous), naming `field`.
StaffMember find_staff(store::Database& db, std::string_view reference, std::string_view field = "staff_id");
std::optional<StaffMember> staff_by_id(store::Database& db, std::int64_t id);

// The person behind a request: their staff row, role and the schools they cover.
struct Actor {
  StaffMember staff;
  Role role = Role::teacher;
  std::vector<std::int64_t> schools;  // their own school; a trust officer's granted schools too
  // As the change and audit logs record them: "staff:701-4001/stf-0003".
  std::string audit_name() const { return "staff:" + staff.reference(); }
};

// Current UTC time, `days` from now, as YYYY-MM-DDTHH:MM:SSZ (the logs' format, sortable as text).
std::string utc_timestamp_in_days(int days);

struct NewToken {
  std::int64_t id = 0;
  std::string token;  // shown once, never stored
  std::string expires_at;
};

// A new token for a member of staff who has a role and is still listed by the MIS.
NewToken create_token(store::Database& db, const StaffMember& staff, int days, std::string_view label,
                      std::string_view created_by);

// The actor a bearer token belongs to, or nothing when it is malformed, unknown, expired,
// revoked, or its holder has left or has no role any more. `now` is utc_timestamp()'s format.
// `expires_at`, when given, receives the token's expiry (a server keeps the actor until then).
std::optional<Actor> actor_for_token(store::Database& db, std::string_view token, std::string_view now,
                                     std::string* expires_at = nullptr);

// A bearer token or calendar feed address: a selector that finds the row (96 bits, not secret) and
// a secret that proves it (256 bits; only its SHA-256 is stored).
constexpr std::size_t kSelectorBytes = 12;
constexpr std::size_t kSecretBytes = 32;

// Bytes as lowercase hex; `bytes` random bytes from OpenSSL's generator, as hex.
std::string hex(const unsigned char* bytes, std::size_t size);
std::string random_hex(std::size_t bytes);
std::string sha256_hex(std::string_view text);

// The schools an actor covers (their own, plus a trust officer's grants).
std::vector<std::int64_t> schools_of(store::Database& db, const StaffMember& staff, Role role);

// A member of staff as an actor: nothing when the MIS no longer lists them or they have no role.
std::optional<Actor> actor_of(store::Database& db, const StaffMember& staff);

}  // namespace sm::ops
