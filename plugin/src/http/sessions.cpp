#include "http/sessions.hpp"

#include <array>
#include <memory>
#include <stdexcept>
#include <vector>

#include "ops/launch_links.hpp"
#include "ops/staff_identity.hpp"
#include "store/audit.hpp"

namespace sm::http {

SessionStore::SessionStore(SessionSettings settings) : settings_(settings), started_at_(ops::unix_now()) {}

std::pair<std::string, std::string> SessionStore::open(std::int64_t staff_id) {
  auto id = ops::random_hex(32);
  auto csrf = ops::random_hex(16);
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  // Forget sessions that can no longer be used, so memory stays bounded by live ones.
  std::erase_if(sessions_, [&](const auto& kv) {
    return now - kv.second.last_seen > settings_.idle || now - kv.second.created > settings_.absolute;
  });
  sessions_[ops::sha256_hex(id)] = Session{staff_id, csrf, now, now};
  return {id, csrf};
}

std::optional<Session> SessionStore::find(std::string_view id) {
  if (id.size() != 64) return std::nullopt;
  auto key = ops::sha256_hex(id);
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(key);
  if (it == sessions_.end()) return std::nullopt;
  if (now - it->second.last_seen > settings_.idle || now - it->second.created > settings_.absolute) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

void SessionStore::close(std::string_view id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(ops::sha256_hex(id));
}

bool SessionStore::first_use(const std::string& nonce, std::int64_t expires_at) {
  auto now = ops::unix_now();
  std::lock_guard lock(mutex_);
  std::erase_if(used_nonces_, [&](const auto& kv) { return kv.second < now; });  // expired links are refused anyway
  return used_nonces_.emplace(nonce, expires_at).second;
}

}  // namespace sm::http
