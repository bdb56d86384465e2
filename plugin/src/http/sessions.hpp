// Browser sessions, and the record of used MIS launch links (ops/launch_links.hpp signs them).
// A link is refused when tampered with, expired, used before, or issued before the server started
// (the record of used links lives in memory). A link opens a session: a random id in a Secure, HttpOnly cookie, with an
// idle and an absolute timeout, and a CSRF token that every change made through it must carry.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace sm::http {

constexpr const char* kSessionCookie = "__Host-senmap";
struct SessionSettings {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{10 * 60 * 60};
  // Inside the MIS's page (an iframe of another site) a browser sends only SameSite=None cookies.
  bool framed_by_mis = false;
};

struct Session {
  std::int64_t staff_id = 0;
  std::string csrf;
  std::chrono::steady_clock::time_point created, last_seen;
};

// Sessions and used launch links, shared by every worker thread.
class SessionStore {
 public:
  explicit SessionStore(SessionSettings settings);

  // A new session for a member of staff: its id (for the cookie) and CSRF token.
  std::pair<std::string, std::string> open(std::int64_t staff_id);
  // The live session with this id, touched; nothing when unknown, idle too long or too old.
  std::optional<Session> find(std::string_view id);
  void close(std::string_view id);

  // Records a launch link's nonce; false when it was used before.
  bool first_use(const std::string& nonce, std::int64_t expires_at);
  // Links issued before this (Unix seconds) are refused: their use may not have been recorded.
  std::int64_t started_at() const { return started_at_; }
  const SessionSettings& settings() const { return settings_; }

 private:
  SessionSettings settings_;
  std::int64_t started_at_;
  std::mutex mutex_;
  std::map<std::string, Session> sessions_;          // by SHA-256 of the id: a memory dump holds no usable id
  std::map<std::string, std::int64_t> used_nonces_;  // nonce -> the link's expiry
};

}  // namespace sm::http
