// Group commit for a server's logs: every request's audit rows and access-log row are committed to
// the audit file before its answer is sent, but the rows of all the requests that arrive while one
// commit runs go together in the next. At 50 busy connections a commit per request cost more than
// answering the request (the same pages written to the WAL again and again); now it is one commit
// per batch, on a thread of its own, and the worker threads go on answering meanwhile.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/audit.hpp"

namespace sm::store {

// One API request as the access log records it: never a query string, a body or a token.
struct AccessRow {
  std::string at, actor, address, method, route, operation, upn, object, outcome;  // empty: NULL
  unsigned status = 0;
};

// What one request leaves in the logs.
struct RequestLog {
  std::vector<AuditRow> audit;
  std::optional<AccessRow> access;
  bool empty() const { return audit.empty() && !access; }
};

class AuditWriter {
 public:
  // Opens its own connection to the audit file of `database`: a bad file fails here, at start.
  explicit AuditWriter(const std::filesystem::path& database);
  // Writes whatever is still queued, then stops.
  ~AuditWriter();
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  // Queues a request's rows; `written(true)` runs on the writer's thread once they are committed,
  // `written(false)` if the commit failed (the request's answer must then not be given).
  void submit(RequestLog log, std::function<void(bool written)> written);

 private:
  struct Pending {
    RequestLog log;
    std::function<void(bool)> written;
  };
  void run();

  std::unique_ptr<Database> db_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Pending> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sm::store
