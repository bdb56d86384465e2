#include "ops/launch_links.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <vector>

#include "ops/staff_identity.hpp"
#include "store/audit.hpp"

namespace sm::ops {
namespace {

constexpr const char* kSecretKey = "launch.secret";

// The secret's bytes (OpenSSL's hex decoder); empty when it is not hex.
std::vector<unsigned char> from_hex(std::string_view text) {
  long size = 0;
  std::unique_ptr<unsigned char, void (*)(unsigned char*)> bytes(OPENSSL_hexstr2buf(std::string(text).c_str(), &size),
                                                                 [](unsigned char* p) { OPENSSL_free(p); });
  if (!bytes || size <= 0) return {};
  std::vector<unsigned char> out(bytes.get(), bytes.get() + size);
  OPENSSL_cleanse(bytes.get(), static_cast<std::size_t>(size));
  return out;
}

std::string encoded(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

}  // namespace

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string launch_message(const LaunchLink& link) {
  // A page is signed only when named, so links made before pages existed keep their signature.
  return "senmap-launch-v1\nstaff=" + link.staff + "\nclass=" + link.class_id +
         "\niat=" + std::to_string(link.issued_at) + "\nexp=" + std::to_string(link.expires_at) +
         "\nnonce=" + link.nonce + (link.page.empty() ? "" : "\npage=" + link.page);
}

std::string launch_signature(std::string_view secret_hex, const LaunchLink& link) {
  auto key = from_hex(secret_hex);
  if (key.size() < 32) throw std::runtime_error("the launch secret is not 32 bytes of hex");
  auto message = launch_message(link);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &size))
    throw std::runtime_error("HMAC-SHA256 failed");
  OPENSSL_cleanse(key.data(), key.size());
  return hex(mac.data(), size);
}

bool signatures_match(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_token(std::size_t bytes) {
  return random_hex(bytes);
}

std::string launch_secret(store::Database& db, bool create, bool rotate) {
  if (!rotate) {
    auto s = db.prepare("SELECT value FROM setting WHERE key = ?1");
    s.bind(1, kSecretKey);
    if (s.step()) return s.text(0);
    if (!create) return {};
  }
  auto secret = random_hex(32);
  auto s = db.prepare(
      "INSERT INTO setting (key, value, source) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, source = excluded.source");
  s.bind(1, kSecretKey).bind(2, secret).bind(3, "senmap launch secret, " + store::utc_timestamp()).run();
  return secret;
}

std::string make_launch_link(store::Database& db, std::string_view staff, std::string_view class_id, int seconds,
                             std::string_view page) {
  LaunchLink link{std::string(staff), std::string(class_id), random_hex(16), unix_now(), 0, std::string(page)};
  link.expires_at = link.issued_at + seconds;
  auto secret = launch_secret(db, false, false);
  if (secret.empty()) throw std::invalid_argument("there is no launch secret yet (senmap launch secret makes one)");
  auto sig = launch_signature(secret, link);
  return "/launch?staff=" + encoded(link.staff) + "&class=" + encoded(link.class_id) +
         "&iat=" + std::to_string(link.issued_at) + "&exp=" + std::to_string(link.expires_at) + "&nonce=" + link.nonce +
         (link.page.empty() ? "" : "&page=" + encoded(link.page)) + "&sig=" + sig;
}

}  // namespace sm::ops
