// MIS launch links: a short-lived URL the host MIS signs (HMAC-SHA256 with a secret senmap made),
// naming the member of staff and the class whose provision map to open. Made and signed here, in
// the operations layer, so the CLI and an embedding MIS make them the same way; the server checks
// them and records their use (http/sessions.hpp).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace sm::ops {

constexpr std::int64_t kLaunchLifetimeMax = 300;  // seconds a link may live, at most

struct LaunchLink {
  std::string staff, class_id, nonce;
  std::int64_t issued_at = 0, expires_at = 0;  // Unix seconds
  std::string page;  // "" (the class's provision map) or "dashboard" (the SENCO's, with no class)
};

// The string the MIS signs: one field a line, in this order.
std::string launch_message(const LaunchLink& link);
// Hex HMAC-SHA256 of the message with the hex secret.
std::string launch_signature(std::string_view secret_hex, const LaunchLink& link);
// The installation's launch secret (hex), made on first use or when `rotate` (old links stop working).
std::string launch_secret(store::Database& db, bool create, bool rotate);
// "/launch?staff=...&class=...&iat=...&exp=...&nonce=...&sig=..." for a member of staff and class, valid `seconds`.
std::string make_launch_link(store::Database& db, std::string_view staff, std::string_view class_id, int seconds,
                             std::string_view page = {});
// Compares two hex signatures in constant time.
bool signatures_match(std::string_view a, std::string_view b);
// Random bytes as hex (OpenSSL's generator).
std::string random_token(std::size_t bytes);
// Seconds since 1970 now (a link's iat and exp).
std::int64_t unix_now();

}  // namespace sm::ops
