#include "http/answer_cache.hpp"

#include <string_view>

namespace sm::http {

void AnswerCache::check(std::uint32_t data_version) {
  if (data_version == version_) return;
  actors_.clear();
  answers_.clear();
  bytes_ = 0;
  version_ = data_version;
}

const AnswerCache::KeptActor* AnswerCache::actor(const std::string& key) const {
  auto it = actors_.find(key);
  return it == actors_.end() ? nullptr : &it->second;
}

void AnswerCache::keep_actor(std::string key, KeptActor actor) {
  if (actors_.size() >= kMaxEntries) actors_.clear();
  actors_.insert_or_assign(std::move(key), std::move(actor));
}

const AnswerCache::KeptAnswer* AnswerCache::answer(const std::string& key) const {
  auto it = answers_.find(key);
  return it == answers_.end() ? nullptr : &it->second;
}

void AnswerCache::keep_answer(std::string key, KeptAnswer answer) {
  const auto size = answer.response.body.size();
  if (size > kMaxAnswerBytes) return;
  if (auto it = answers_.find(key); it != answers_.end()) {
    bytes_ -= it->second.response.body.size();
    answers_.erase(it);
  }
  if (answers_.size() >= kMaxEntries || bytes_ + size > kMaxBytes) {
    answers_.clear();
    bytes_ = 0;
  }
  bytes_ += size;
  answers_.emplace(std::move(key), std::move(answer));
}

std::optional<std::string> AnswerCache::key_for(const Route& route, const ops::Actor& actor, const std::string& csrf,
                                                const std::string& day, const std::string& target) {
  // Only reads whose answer is a function of the stored data, the viewer, the day and the target
  // alone: no clock time, no session state but the CSRF token, no writes to the database. A route's
  // row says so only with that checked; everything else is answered afresh each time.
  if (route.method != "GET" || !route.keep) return std::nullopt;
  return std::to_string(actor.staff.id) + ' ' + ops::role_name(actor.role) + ' ' + csrf + ' ' + day + ' ' + target;
}

}  // namespace sm::http
