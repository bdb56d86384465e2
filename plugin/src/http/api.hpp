// One worker thread's view of the API: its own SQLite connection (a store::Database is used by one
// thread at a time), and the handling of a request from the route to the JSON answer.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "http/origin_check.hpp"
#include "store/audit_writer.hpp"

namespace sm::http {

class SessionStore;
class AnswerCache;

struct ApiRequest {
  std::string method;         // GET, POST, ...
  std::string target;         // origin form: /api/pupils/A123?x=y
  std::string authorization;  // the Authorization header, as sent
  std::string body;
  std::string address;         // the client's IP address, for the access log
  std::string cookie;          // the Cookie header (a browser session)
  std::string csrf_token;      // the X-CSRF-Token header (changes made through a session)
  std::string host;            // the Host header (the calendar page shows its feed's full address)
  std::string origin;          // the Origin header: which site's page made a browser's request
  std::string sec_fetch_site;  // the Sec-Fetch-Site header: same-origin, same-site, cross-site or none
};

struct ApiResponse {
  unsigned status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the security headers every answer has
};

// An answer, and the rows it leaves in the audit file: the server sends the answer only once
// they are committed (store::AuditWriter).
struct Answer {
  Answer(ApiResponse r, store::RequestLog l = {}) : response(std::move(r)), log(std::move(l)) {}
  ApiResponse response;
  store::RequestLog log;
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

  Answer handle(const ApiRequest& request);

 private:
  ApiResponse answer(const ApiRequest& request);
  ApiResponse launch(const ApiRequest& request, const std::map<std::string, std::string>& query,
                     store::AuditBatch& batch);

  std::unique_ptr<store::Database> db_;
  SessionStore& sessions_;
  OriginPolicy origins_;                // the sites whose pages may ask for a change
  std::unique_ptr<AnswerCache> cache_;  // this worker's kept actors and answers (answer_cache.hpp)
  store::RequestLog logged_;            // the request's rows, set as its answer is decided
  std::string route_;                   // the request's route template, once matched
};

// The answer to a request the server refuses before it reaches a route (431, 413, 400...).
ApiResponse error_response(unsigned status, const std::string& rule);

}  // namespace sm::http
