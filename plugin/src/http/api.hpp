// One worker thread's view of the server: its own SQLite connection (a store::Database is used by
// one thread at a time), and the steps of answering a request, from its target to its route's
// handler and the rows it leaves in the audit file.
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "http/message.hpp"
#include "http/origin_check.hpp"
#include "store/audit_writer.hpp"

namespace sm::http {

class SessionStore;
class AnswerCache;
struct Route;

// A request's answer for the server, and the rows it leaves in the audit file: the server sends
// the answer only once they are committed (store::AuditWriter).
struct Answer {
  Response response;
  store::RequestLog log{};
  // For the server's one line per request: the route's template ("/api/pupils/{upn}", never the
  // path, which may hold a UPN; "-" when no route matched) and who asked ("anonymous" when unknown).
  std::string route = "-", actor = "anonymous";
};

class Api {
 public:
  // Opens a connection of its own to an existing database; sessions are shared between workers.
  Api(const std::filesystem::path& database, SessionStore& sessions, OriginPolicy origins);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  Answer handle(const Request& request);

 private:
  struct Exchange;  // one request on its way through the steps (api.cpp)
  Response answer_route(Exchange& x);
  Response answer_signed_in(Exchange& x);
  std::optional<Response> identify(Exchange& x);
  std::optional<Response> kept_answer(Exchange& x);
  Answer logged(Exchange& x, Response response);

  std::unique_ptr<store::Database> db_;
  SessionStore& sessions_;
  OriginPolicy origins_;                // the sites whose pages may ask for a change
  std::unique_ptr<AnswerCache> cache_;  // this worker's kept actors and answers (answer_cache.hpp)
};

}  // namespace sm::http
