#include "live/https_client.hpp"

#include <openssl/x509.h>

#include <atomic>
#include <boost/asio/ssl/context.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include "live/connection.hpp"

namespace sm::live {
namespace ssl = boost::asio::ssl;
using Kind = LiveError::Kind;

namespace {

// The system's trusted CAs. Where the CA directory is hashed (Debian's /etc/ssl/certs, kept by
// update-ca-certificates beside the bundle), OpenSSL looks a CA up there by subject hash when a
// chain needs it; loading the bundle instead parses every CA (~140, about 30 ms of CPU) on every
// sync for the one or two a run uses. SSL_CERT_DIR is honoured; with SSL_CERT_FILE set, or no
// hashed directory, the default paths (bundle and directory) are loaded as before.
bool hashed_ca_directory(const std::string& dir) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    auto name = it->path().filename().string();  // 8 hex digits, '.', a number: c_rehash's links
    if (name.size() >= 10 && name[8] == '.' && std::isdigit(static_cast<unsigned char>(name[9])) &&
        name.find_first_not_of("0123456789abcdef") == 8)
      return true;
  }
  return false;
}

void trust_system_cas(ssl::context& tls) {
  const char* file = std::getenv(X509_get_default_cert_file_env());
  const char* dir_env = std::getenv(X509_get_default_cert_dir_env());
  std::string dir = dir_env && *dir_env ? dir_env : X509_get_default_cert_dir();
  if ((!file || !*file) && dir.find(':') == std::string::npos && hashed_ca_directory(dir)) {
    boost::system::error_code ec;
    tls.add_verify_path(dir, ec);
    if (!ec) return;
  }
  tls.set_default_verify_paths();
}

std::string environment(const char* lower_name, const char* upper_name) {
  if (const char* v = std::getenv(lower_name); v && *v) return v;
  if (const char* v = std::getenv(upper_name); v && *v) return v;
  return {};
}

// no_proxy: "*", or comma-separated hosts, each matching itself and its subdomains.
bool bypasses_proxy(const std::string& host, const std::string& no_proxy) {
  std::size_t start = 0;
  while (start <= no_proxy.size()) {
    auto end = no_proxy.find(',', start);
    if (end == std::string::npos) end = no_proxy.size();
    auto entry = no_proxy.substr(start, end - start);
    entry.erase(0, entry.find_first_not_of(" \t"));
    entry.erase(entry.find_last_not_of(" \t") + 1);
    if (!entry.empty() && entry.front() == '.') entry.erase(0, 1);
    if (entry == "*") return true;
    if (!entry.empty() && (host == entry || (host.size() > entry.size() && host.ends_with("." + entry)))) return true;
    start = end + 1;
  }
  return false;
}

Proxy parse_proxy(const std::string& text) {
  auto url = text.find("://") == std::string::npos ? "http://" + text : text;
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "http" || parsed->encoded_host().empty())
    throw LiveError(Kind::proxy, "the proxy setting is not an http://host:port address");
  if (parsed->has_userinfo())
    throw LiveError(Kind::proxy,
                    "a proxy that needs a password is not supported: ask for senmap's hosts to be allowed");
  return {std::string(parsed->encoded_host()), parsed->has_port() ? std::string(parsed->port()) : "80"};
}

// Retry-After: delay-seconds or an HTTP-date (RFC 9110 10.2.3).
std::optional<std::chrono::milliseconds> retry_after(const Response& response) {
  auto value = response.header("retry-after");
  if (value.empty()) return std::nullopt;
  if (value.find_first_not_of("0123456789") == std::string::npos && value.size() < 9)
    return std::chrono::seconds(std::stol(value));
  std::tm when{};
  if (!strptime(value.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &when)) return std::nullopt;
  auto wait = timegm(&when) - std::time(nullptr);
  return std::chrono::seconds(wait > 0 ? wait : 0);
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

struct HttpsClient::Impl {
  explicit Impl(ClientSettings s) : settings(std::move(s)), tls(ssl::context::tls_client) {
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                    ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    trust_system_cas(tls);
    if (!settings.ca_file.empty()) {
      boost::system::error_code ec;
      tls.load_verify_file(settings.ca_file, ec);
      if (ec) throw LiveError(Kind::tls, "could not read the ca_file " + settings.ca_file + ": " + ec.message());
    }
    tls.set_verify_mode(ssl::verify_peer);
    if (settings.proxy_from_environment) {
      if (settings.proxy.empty()) settings.proxy = environment("https_proxy", "HTTPS_PROXY");
      if (settings.no_proxy.empty()) settings.no_proxy = environment("no_proxy", "NO_PROXY");
    }
    if (!settings.proxy.empty()) proxy = parse_proxy(settings.proxy);
    if (settings.max_in_flight == 0) settings.max_in_flight = 1;
  }

  Proxy proxy_for(const Origin& origin) const {
    if (proxy.host.empty() || !origin.tls || bypasses_proxy(origin.host, settings.no_proxy)) return {};
    return proxy;
  }

  // An idle kept-alive connection to the origin, or a new one.
  std::unique_ptr<Connection> take(const Origin& origin, bool fresh) {
    std::lock_guard lock(mutex);
    if (!fresh)
      for (auto it = idle.begin(); it != idle.end(); ++it)
        if ((*it)->origin() == origin && (*it)->open()) {
          auto found = std::move(*it);
          idle.erase(it);
          return found;
        }
    return std::make_unique<Connection>(tls, settings, origin, proxy_for(origin));
  }

  void give_back(std::unique_ptr<Connection> connection) {
    if (!connection->open()) return;
    std::lock_guard lock(mutex);
    idle.push_back(std::move(connection));
    while (idle.size() > settings.max_in_flight) idle.erase(idle.begin());
  }

  void spend() {
    if (made.fetch_add(1) >= settings.request_budget)
      throw LiveError(Kind::budget, "this run's request budget (" + std::to_string(settings.request_budget) +
                                        " requests) is spent: nothing of this source was stored; raise request_budget "
                                        "if the school is large");
  }

  // Full jitter: a random wait up to the exponential bound, so many schools retrying at once
  // spread out instead of arriving together.
  std::chrono::milliseconds backoff(int attempt) {
    auto bound = settings.backoff_base.count() << std::min(attempt, 20);
    bound = std::min<long long>(bound, settings.backoff_cap.count());
    std::lock_guard lock(mutex);
    return std::chrono::milliseconds(std::uniform_int_distribution<long long>(0, bound)(random));
  }

  Response one(const Request& request) {
    auto target = parse_target(request.url);
    auto url = request.url;
    Request current = request;
    for (int attempt = 0, hops = 0;;) {
      spend();
      // A write goes on a fresh connection: a kept-alive one the server has closed would fail
      // after sending, and a write must never be sent twice blindly.
      auto connection = take(target.origin, !current.idempotent);
      bool reused = connection->reused();
      Response response;
      try {
        response = connection->exchange(current, target);
      } catch (const LiveError& e) {
        bool transient = e.kind() == Kind::timeout || e.kind() == Kind::dropped || e.kind() == Kind::connect;
        // A kept-alive connection the server closed while idle: try once more on a new one.
        if (reused && e.kind() == Kind::dropped && current.idempotent) continue;
        if (!transient || !current.idempotent || ++attempt >= settings.max_attempts) throw;
        std::this_thread::sleep_for(backoff(attempt));
        continue;
      }
      give_back(std::move(connection));
      response.url = url;
      if (response.status == 429 || response.status == 503) {
        if (++attempt >= settings.max_attempts)
          throw LiveError(Kind::http, target.origin.host + " still answered " + std::to_string(response.status) +
                                          " (busy) after " + std::to_string(attempt) + " tries: try the sync later");
        auto wait = retry_after(response).value_or(backoff(attempt));
        if (wait > settings.retry_after_cap)
          throw LiveError(Kind::http, target.origin.host + " asked senmap to wait " +
                                          std::to_string(wait.count() / 1000) +
                                          " s (Retry-After): longer than this run waits");
        std::this_thread::sleep_for(wait);
        continue;
      }
      if (is_redirect(response.status) && !response.header("location").empty()) {
        auto location = response.header("location");  // the views below borrow these strings
        auto base = boost::urls::parse_uri(url);
        auto ref = boost::urls::parse_uri_reference(location);
        boost::urls::url next;
        if (!base || !ref || boost::urls::resolve(*base, *ref, next).has_error())
          throw LiveError(Kind::redirect, target.origin.host + " answered a redirect senmap cannot read");
        auto moved = parse_target(std::string(next.buffer()));
        // Credentials go with the request: following a redirect elsewhere would hand them over.
        if (!(moved.origin == target.origin))
          throw LiveError(Kind::redirect, target.origin.text() + " redirected to " + moved.origin.text() +
                                              ": refused (senmap follows redirects only on the same host; "
                                              "check the url in the config)");
        if (++hops > 5) throw LiveError(Kind::redirect, target.origin.host + " redirected more than 5 times");
        if (response.status == 303) current.method = "GET", current.body.clear();
        target = moved;
        url = std::string(next.buffer());
        continue;
      }
      return response;
    }
  }

  ClientSettings settings;
  ssl::context tls;
  Proxy proxy;
  std::mutex mutex;
  std::vector<std::unique_ptr<Connection>> idle;
  std::atomic<std::size_t> made{0};
  std::mt19937_64 random{std::random_device{}()};
};

HttpsClient::HttpsClient(ClientSettings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}
HttpsClient::~HttpsClient() = default;

Response HttpsClient::send(const Request& request) {
  return impl_->one(request);
}

std::vector<Response> HttpsClient::send_all(const std::vector<Request>& requests) {
  std::vector<Response> out(requests.size());
  if (requests.empty()) return out;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    for (;;) {
      auto i = next.fetch_add(1);
      if (i >= requests.size() || stop) return;
      try {
        out[i] = impl_->one(requests[i]);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        stop = true;
        return;
      }
    }
  };
  auto threads = std::min(impl_->settings.max_in_flight, requests.size());
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();
  if (error) std::rethrow_exception(error);
  return out;
}

std::size_t HttpsClient::requests_made() const {
  return impl_->made.load();
}

}  // namespace sm::live
