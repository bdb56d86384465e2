// What one server worker keeps between requests while the database is unchanged: who a token or
// a session belongs to, and the answers of reads that depend only on the stored data, the viewer
// and the day (a teacher's class map is opened far more often than the data under it changes).
//
// Everything kept is dated by the database's data version (store::Database::data_version), read
// at the start of each request before anything is looked up: any commit to the database, by this
// worker, another worker, the nightly sync or the CLI, moves it and empties the cache. The audit
// and access logs lie in the audit file, so logging a request does not move it. A kept answer is
// still an audited read: the audit rows it wrote are written again for each request it serves,
// and its access decision was made on the same data for the same viewer.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/message.hpp"
#include "http/routes.hpp"
#include "ops/staff_identity.hpp"

namespace sm::http {

class AnswerCache {
 public:
  // Forgets everything when the data version has moved since the cache was filled.
  void check(std::uint32_t data_version);

  struct KeptActor {
    ops::Actor actor;
    std::string expires_at;  // the token's expiry (utc_timestamp()'s format); empty for a session's
  };
  // By "token:<SHA-256 of the token>" or "staff:<row id>" (a browser session's member of staff).
  const KeptActor* actor(const std::string& key) const;
  void keep_actor(std::string key, KeptActor actor);

  struct KeptAnswer {
    Response response;                                         // with what the access log said of it
    std::vector<std::pair<std::string, std::string>> audited;  // (action, upn) rows the read wrote
  };
  const KeptAnswer* answer(const std::string& key) const;
  void keep_answer(std::string key, KeptAnswer answer);

  // The key of a request whose answer may be kept, or nothing. Only GETs of the routes whose row
  // says so (Route::keep), whose answers are a function of the data, the viewer, the session's CSRF
  // token (pages' forms carry it), the day and the request target (path and query).
  static std::optional<std::string> key_for(const Route& route, const ops::Actor& actor, const std::string& csrf,
                                            const std::string& day, const std::string& target);

 private:
  // Bounded: a worker serves a few classes at a time; past either bound it starts again. Answers
  // larger than kMaxAnswerBytes (a whole school's print run) are not kept at all.
  static constexpr std::size_t kMaxEntries = 512;
  static constexpr std::size_t kMaxBytes = 16u << 20, kMaxAnswerBytes = 1u << 20;
  std::size_t bytes_ = 0;  // the kept answers' bodies
  std::uint32_t version_ = 0;
  std::unordered_map<std::string, KeptActor> actors_;
  std::unordered_map<std::string, KeptAnswer> answers_;
};

}  // namespace sm::http
