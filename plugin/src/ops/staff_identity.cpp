#include "ops/staff_identity.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

#include "model/dates.hpp"
#include "ops/operation.hpp"

namespace sm::ops {
namespace {

constexpr std::string_view kTokenPrefix = "senmap_";

struct RoleName {
  Role role;
  const char* name;
};
constexpr std::array<RoleName, 7> kRoles{{{Role::senco, "senco"},
                                          {Role::teacher, "teacher"},
                                          {Role::ta, "ta"},
                                          {Role::senior_leader, "senior_leader"},
                                          {Role::governor, "governor"},
                                          {Role::trust_officer, "trust_officer"},
                                          {Role::admin, "admin"}}};

}  // namespace

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xF];
  }
  return out;
}

namespace {

std::array<unsigned char, 32> sha256(std::string_view text) {
  std::array<unsigned char, 32> digest{};
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 || size != digest.size())
    throw std::runtime_error("SHA-256 failed");
  return digest;
}

StaffMember staff_from(store::Statement& s) {
  // Columns: id, school_id, la || '-' || estab, sourced_id, name, left_on, role
  StaffMember m;
  m.id = s.integer(0);
  m.school_id = s.integer(1);
  m.school = s.text(2);
  m.sourced_id = s.text(3);
  m.name = s.text(4);
  m.left = !s.is_null(5);
  if (!s.is_null(6)) m.role = role_from(s.text(6));
  return m;
}

constexpr const char* kStaffColumns =
    "SELECT st.id, st.school_id, sc.la || '-' || sc.estab, st.sourced_id, "
    "COALESCE(st.preferred_given_name, st.given_name) || ' ' || st.family_name, st.left_on, r.role "
    "FROM staff st JOIN school sc ON sc.id = st.school_id LEFT JOIN staff_role r ON r.staff_id = st.id ";

}  // namespace

std::string sha256_hex(std::string_view text) {
  auto digest = sha256(text);
  return hex(digest.data(), digest.size());
}

std::optional<Role> role_from(std::string_view name) {
  for (const auto& r : kRoles)
    if (name == r.name) return r.role;
  return std::nullopt;
}

const char* role_name(Role role) {
  for (const auto& r : kRoles)
    if (r.role == role) return r.name;
  return "teacher";
}

const char* role_names() {
  return "senco, teacher, ta, senior_leader, governor, trust_officer or admin";
}

std::string random_hex(std::size_t bytes) {
  std::array<unsigned char, 64> buffer{};
  if (bytes > buffer.size() || RAND_bytes(buffer.data(), static_cast<int>(bytes)) != 1)
    throw std::runtime_error("the system's random number generator failed");
  auto out = hex(buffer.data(), bytes);
  OPENSSL_cleanse(buffer.data(), buffer.size());
  return out;
}

StaffMember find_staff(store::Database& db, std::string_view reference, std::string_view field) {
  auto [school, sourced] = split_school_qualified(reference);
  auto s = db.prepare(std::string(kStaffColumns) +
                      "WHERE st.sourced_id = ?1 AND (?2 = '' OR sc.la || '-' || sc.estab = ?2)");
  s.bind(1, sourced).bind(2, school);
  if (!s.step()) throw NotFound("no member of staff with id " + std::string(reference));
  auto found = staff_from(s);
  if (s.step())
    throw InvalidRequest(std::string(field), "more than one school has staff with id " + sourced + ": write it as " +
                                                 found.school + "/" + sourced + " (LA-ESTAB/id)");
  return found;
}

std::optional<StaffMember> staff_by_id(store::Database& db, std::int64_t id) {
  auto s = db.prepare(std::string(kStaffColumns) + "WHERE st.id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return staff_from(s);
}

std::string utc_timestamp_in_days(int days) {
  return model::format_utc(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) +
                           std::chrono::days(days));
}

NewToken create_token(store::Database& db, const StaffMember& staff, int days, std::string_view label,
                      std::string_view created_by) {
  if (staff.left) throw InvalidRequest("staff_id", "the MIS no longer lists " + staff.reference());
  if (!staff.role)
    throw InvalidRequest("staff_id",
                         staff.reference() + " has no role yet (senmap staff role " + staff.reference() + " ROLE)");
  NewToken out;
  auto selector = random_hex(kSelectorBytes);
  auto secret = random_hex(kSecretBytes);
  out.token = std::string(kTokenPrefix) + selector + "_" + secret;
  auto digest = sha256(secret);
  OPENSSL_cleanse(secret.data(), secret.size());
  out.expires_at = utc_timestamp_in_days(days);
  auto s = db.prepare(
      "INSERT INTO api_token (staff_id, selector, secret_sha256, label, created_at, created_by, expires_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s.bind(1, staff.id).bind(2, selector).bind_blob(3, digest.data(), static_cast<int>(digest.size()));
  if (label.empty())
    s.bind_null(4);
  else
    s.bind(4, label);
  s.bind(5, utc_timestamp_in_days(0)).bind(6, created_by).bind(7, out.expires_at).run();
  out.id = db.last_insert_id();
  return out;
}

std::optional<Actor> actor_of(store::Database& db, const StaffMember& staff) {
  if (staff.left || !staff.role) return std::nullopt;
  return Actor{staff, *staff.role, schools_of(db, staff, *staff.role)};
}

std::vector<std::int64_t> schools_of(store::Database& db, const StaffMember& staff, Role role) {
  std::vector<std::int64_t> out{staff.school_id};
  if (role != Role::trust_officer) return out;
  auto s = db.prepare(
      "SELECT school_id FROM trust_officer_school WHERE staff_id = ?1 AND school_id <> ?2 ORDER BY school_id");
  s.bind(1, staff.id).bind(2, staff.school_id);
  while (s.step()) out.push_back(s.integer(0));
  return out;
}

std::optional<Actor> actor_for_token(store::Database& db, std::string_view token, std::string_view now,
                                     std::string* expires_at) {
  constexpr std::size_t kSelectorHex = kSelectorBytes * 2, kSecretHex = kSecretBytes * 2;
  if (token.size() != kTokenPrefix.size() + kSelectorHex + 1 + kSecretHex || !token.starts_with(kTokenPrefix) ||
      token[kTokenPrefix.size() + kSelectorHex] != '_')
    return std::nullopt;
  auto selector = token.substr(kTokenPrefix.size(), kSelectorHex);
  auto secret = token.substr(kTokenPrefix.size() + kSelectorHex + 1);
  auto& s = db.cached("SELECT staff_id, secret_sha256, expires_at, revoked_at FROM api_token WHERE selector = ?1");
  s.bind(1, selector);
  if (!s.step()) {
    s.reset();
    return std::nullopt;
  }
  auto staff_id = s.integer(0);
  std::array<unsigned char, 32> stored{};
  auto hash = s.text(1);  // the BLOB's bytes
  bool usable = hash.size() == stored.size();
  if (usable) std::copy(hash.begin(), hash.end(), stored.begin());
  auto expiry = s.text(2);
  bool expired = expiry <= now;
  bool revoked = !s.is_null(3);
  s.reset();
  auto presented = sha256(secret);
  // Constant time: how much of the hash matched must not show in how long the answer takes.
  bool matches = usable && CRYPTO_memcmp(presented.data(), stored.data(), stored.size()) == 0;
  if (!matches || expired || revoked) return std::nullopt;
  auto staff = staff_by_id(db, staff_id);
  auto actor = staff ? actor_of(db, *staff) : std::nullopt;
  if (actor && expires_at) *expires_at = expiry;
  return actor;
}

}  // namespace sm::ops
