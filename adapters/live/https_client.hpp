// The one HTTPS client every live MIS adapter uses (Beast + OpenSSL behind this header, which
// includes neither): verified TLS, loopback-only plain HTTP, timeouts, proxies, gzip, polite
// retries and a per-run request budget. Adapters speak to it through `Fetcher` so they can be
// tested with recorded replies.
#pragma once
#include <chrono>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sm::live {

struct Request {
  std::string method = "GET";
  std::string url;  // absolute: https://host[:port]/path?query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A GET is safe to repeat after a timeout or dropped connection; a write is not (writeback
  // looks the item up instead), so only 429/503 answered before any work are retried for it.
  bool idempotent = true;
};

struct Response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;                                 // gzip already undone
  std::string url;                                  // where it came from (after same-host redirects)
  std::string header(std::string_view name) const;  // case-insensitive; empty when absent
};

// Why a request failed, in words a school's IT technician can act on. The message never holds
// a secret: Authorization headers and request bodies are not quoted.
class LiveError : public std::runtime_error {
 public:
  enum class Kind { refused_url, dns, connect, tls, timeout, proxy, dropped, http, budget, redirect, too_large, other };
  LiveError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

struct ClientSettings {
  std::string ca_file;  // trusted in addition to the system's CA store
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds read_timeout{60'000};  // for each read, not the whole reply
  int max_attempts = 6;                            // tries per request on 429, 503, timeouts
  std::chrono::milliseconds backoff_base{500};     // full jitter: sleep U(0, min(cap, base * 2^n))
  std::chrono::milliseconds backoff_cap{30'000};
  std::chrono::milliseconds retry_after_cap{300'000};  // a Retry-After longer than this fails the run
  std::size_t request_budget = 100'000;                // requests a run may make, retries included
  std::size_t max_in_flight = 4;                       // connections at once to one school's service
  std::size_t max_body_bytes = 256u << 20;             // a reply larger than this is refused
  // Proxy: https_proxy/HTTPS_PROXY and no_proxy/NO_PROXY from the environment unless set here.
  bool proxy_from_environment = true;
  std::string proxy;     // http://host:port (CONNECT tunnel)
  std::string no_proxy;  // comma-separated hosts or .suffixes
  std::string user_agent = "senmap";
};

// What adapters call. send() follows same-host redirects and retries as the settings say;
// send_all() runs up to max_in_flight requests at once and returns replies in request order.
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  virtual Response send(const Request& request) = 0;
  virtual std::vector<Response> send_all(const std::vector<Request>& requests) = 0;
  virtual std::size_t requests_made() const = 0;  // network round trips, retries included
};

class HttpsClient final : public Fetcher {
 public:
  explicit HttpsClient(ClientSettings settings);
  ~HttpsClient() override;
  HttpsClient(const HttpsClient&) = delete;
  HttpsClient& operator=(const HttpsClient&) = delete;

  Response send(const Request& request) override;
  std::vector<Response> send_all(const std::vector<Request>& requests) override;
  std::size_t requests_made() const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True for 127.0.0.0/8, ::1 and "localhost": the only hosts plain http:// may reach.
bool is_loopback_host(std::string_view host);

}  // namespace sm::live
