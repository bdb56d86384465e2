#include "http/server.hpp"

#include <openssl/ssl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <list>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "http/address_shares.hpp"
#include "http/api.hpp"
#include "http/request_head.hpp"
#include "http/sessions.hpp"
#include "http/tls_settings.hpp"

namespace sm::http {
namespace beast = boost::beast;
namespace web = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

namespace {

constexpr const char* kHsts = "max-age=63072000";

// Each worker thread's API, with its own SQLite connection.
thread_local Api* t_api = nullptr;

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // Closes the connection unless a request is being answered (that one finishes first).
  virtual void stop_when_idle() = 0;
};

// What the server and its sessions share.
struct Shared {
  store::AuditWriter* audit_writer = nullptr;  // commits each request's log rows before its answer goes
  HeadLimits limits{0, 0};                     // header and body sizes
  std::chrono::milliseconds request_timeout{}, handshake_timeout{}, idle_timeout{};
  std::string content_security_policy;
  std::string page_content_security_policy;  // pages may load senmap's own stylesheet and post their forms
  bool frame_deny = true;
  bool tls = false;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::list<std::weak_ptr<SessionBase>> sessions;
  std::atomic<int> live{0};
  std::function<void()> drained;  // called when the last session ends after stopping

  AddressShares shares;  // each client address's connections, at most its share
};

// Now in UTC to the millisecond, as 2026-03-02T09:15:04.123Z.
std::string log_timestamp() {
  auto now = std::chrono::system_clock::now();
  auto seconds = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  auto n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + n, sizeof text - n, ".%03dZ", static_cast<int>(ms));
  return text;
}

// One read from the socket: a TLS record's worth.
constexpr std::size_t kReadSize = std::size_t{16} * 1024;

template <class Stream>
class Connection : public SessionBase, public std::enable_shared_from_this<Connection<Stream>> {
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

 public:
  Connection(Stream stream, Shared& shared, AddressPlace place)
      : stream_(std::move(stream)),
        shared_(shared),
        place_(std::move(place)),
        buffer_(shared.limits.max_header_bytes + kReadSize) {
    ++shared_.live;
  }
  ~Connection() override {
    if (--shared_.live == 0 && shared_.stopping && shared_.drained) shared_.drained();
  }

  void start() {
    {
      std::lock_guard lock(shared_.mutex);
      std::erase_if(shared_.sessions, [](const auto& w) { return w.expired(); });
      shared_.sessions.push_back(this->weak_from_this());
    }
    if constexpr (kTls) {
      // A handshake takes well under a second: a client that stalls in it gives its place back soon.
      expire_in(shared_.handshake_timeout);
      stream_.async_handshake(ssl::stream_base::server,
                              beast::bind_front_handler(&Connection::on_handshake, this->shared_from_this()));
    } else {
      net::dispatch(stream_.get_executor(),
                    beast::bind_front_handler(&Connection::read_request, this->shared_from_this()));
    }
  }

  void stop_when_idle() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->busy_) return;  // answered, then closed (keep-alive is off while stopping)
      // A request already on its way (sent just before the signal) still gets a moment to arrive.
      self->grace_.expires_after(std::chrono::milliseconds(500));
      self->grace_.async_wait([self](beast::error_code ec) {
        if (!ec && !self->busy_ && !self->closing_) {
          self->closing_ = true;
          beast::error_code ignored;
          beast::get_lowest_layer(self->stream_).socket().close(ignored);  // ends the pending read
        }
      });
    });
  }

 private:
  void on_handshake(beast::error_code ec) {
    if (ec) return close();
    read_request();
  }

  void read_request() {
    busy_ = false;
    parser_.emplace();
    start_head(*parser_, head_progress_, shared_.limits);
    head_ = false;
    // Until its first byte a request is waited for only as long as an idle connection is kept (a
    // new one, or keep-alive between requests); from then on, one deadline for the whole request,
    // header and body: a slow client cannot hold the connection.
    begun_ = buffer_.size() > 0;  // the next request may already be here
    expire_in(begun_ ? shared_.request_timeout : shared_.idle_timeout);
    parse_header();
  }

  // The head is read from the buffer by request_head.cpp (every byte counted against the limit).
  void parse_header() {
    auto ec = take_head_bytes(*parser_, buffer_, head_progress_, shared_.limits);
    if (failed(ec)) return;
    if (parser_->is_header_done()) return on_header();
    auto room = std::min(kReadSize, buffer_.max_size() - buffer_.size());
    stream_.async_read_some(buffer_.prepare(room),
                            beast::bind_front_handler(&Connection::on_header_bytes, this->shared_from_this()));
  }

  void on_header_bytes(beast::error_code ec, std::size_t bytes) {
    buffer_.commit(bytes);
    if (bytes > 0 && !begun_) {
      begun_ = true;
      expire_in(shared_.request_timeout);
    }
    if (ec == net::error::eof) ec = end_of_head(*parser_);
    if (failed(ec)) return;
    parse_header();
  }

  void expire_in(std::chrono::milliseconds deadline) {
    // While stopping, a request already on its way still gets a moment to arrive (then: closed).
    if (shared_.stopping) deadline = std::min(deadline, std::chrono::milliseconds(500));
    beast::get_lowest_layer(stream_).expires_after(deadline);
  }

  // True when the read failed (and the connection is being answered or closed).
  bool failed(beast::error_code ec) {
    if (!ec) return false;
    if (auto refusal = read_refusal(ec, shared_.limits, buffer_.max_size()))
      refuse(refusal->status, refusal->why);
    else
      close();  // closed between requests, timed out, reset, or the server is stopping
    return true;
  }

  // The header first: a client that asked "Expect: 100-continue" (curl, for bodies over 1 KiB) is
  // told to go on at once instead of waiting a second; an oversized body is refused before it is sent.
  void on_header() {
    started_ = std::chrono::steady_clock::now();
    head_ = parser_->get().method() == web::verb::head;
    if (auto refusal = framing_refusal(parser_->get(), head_progress_.folded))
      return refuse(refusal->status, refusal->why);
    auto read_body = [self = this->shared_from_this()] {
      web::async_read(self->stream_, self->buffer_, *self->parser_,
                      beast::bind_front_handler(&Connection::on_read, self));
    };
    if (!beast::iequals(parser_->get()[web::field::expect], "100-continue")) return read_body();
    continue_.emplace(web::status::continue_, parser_->get().version());
    web::async_write(stream_, *continue_,
                     [self = this->shared_from_this(), read_body](beast::error_code e, std::size_t) {
                       self->continue_.reset();
                       if (e) return self->close();
                       read_body();
                     });
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (failed(ec)) return;
    busy_ = true;
    auto& request = parser_->get();
    Request api_request{std::string(request.method_string()),
                        std::string(request.target()),
                        std::string(request[web::field::authorization]),
                        std::move(request.body()),
                        place_.address(),
                        std::string(request[web::field::cookie]),
                        std::string(request["X-CSRF-Token"]),
                        std::string(request[web::field::host]),
                        std::string(request[web::field::origin]),
                        std::string(request["Sec-Fetch-Site"])};
    auto answer = t_api ? t_api->handle(api_request) : Answer{error_response(503, "the server is starting")};
    logged_route_ = std::move(answer.route);
    logged_actor_ = std::move(answer.actor);
    bool keep_alive = request.keep_alive() && !shared_.stopping;
    unsigned version = request.version();
    if (answer.log.empty() || !shared_.audit_writer) return respond(std::move(answer.response), version, keep_alive);
    // The answer is sent only once the request's audit and access-log rows are committed, in the
    // audit writer's next group commit; this thread meanwhile answers other connections. The
    // executor is held "tracked" so that a stopping server still waits for the answer.
    // If the rows cannot be written, a read is not answered (it would be a read nobody can see in
    // the log); a change has already been committed with its change-log row, so its answer is
    // still given rather than invite a second submission.
    auto executor = net::prefer(stream_.get_executor(), net::execution::outstanding_work.tracked);
    const bool withhold_unlogged = request.method() == web::verb::get || head_;
    shared_.audit_writer->submit(std::move(answer.log), [self = this->shared_from_this(), executor,
                                                         response = std::move(answer.response), version, keep_alive,
                                                         withhold_unlogged](bool written) mutable {
      net::post(
          executor, [self, response = std::move(response), version, keep_alive, written, withhold_unlogged]() mutable {
            if (written || !withhold_unlogged) return self->respond(std::move(response), version, keep_alive);
            self->respond(error_response(500, "internal error: the request could not be written to the audit log"),
                          version, false);
          });
    });
  }

  void refuse(unsigned status, const std::string& why) {
    busy_ = true;
    if (!parser_->is_header_done()) started_ = std::chrono::steady_clock::now();
    logged_route_ = "-";
    logged_actor_ = "anonymous";
    respond(error_response(status, why), 11, false);
  }

  void respond(Response answer, unsigned version, bool keep_alive) {
    logged_status_ = answer.status;
    response_.emplace(static_cast<web::status>(answer.status), version);
    auto& r = *response_;
    r.set(web::field::server, "senmap");
    r.set(web::field::content_type, "application/json; charset=utf-8");
    // Every answer: nothing cached (SEN records), sniffed, framed, or leaked in a Referer to another
    // site. A page's is same-origin rather than no-referrer: under no-referrer a browser posts its
    // forms with "Origin: null", and every change must show senmap's own Origin (api.cpp).
    r.set(web::field::cache_control, "no-store");
    r.set("X-Content-Type-Options", "nosniff");
    bool page = false;
    for (const auto& [name, value] : answer.headers)
      page = page || (name == "Content-Type" && value.starts_with("text/html"));
    r.set("Referrer-Policy", page ? "same-origin" : "no-referrer");
    r.set("Content-Security-Policy", page ? shared_.page_content_security_policy : shared_.content_security_policy);
    if (shared_.frame_deny) r.set("X-Frame-Options", "DENY");
    r.set("Cross-Origin-Resource-Policy", "same-origin");
    if (kTls) r.set(web::field::strict_transport_security, kHsts);
    for (auto& [name, value] : answer.headers) r.set(name, value);
    if (answer.body.empty() && !answer.error_page.empty())
      answer.body = error_page_html({}, answer.error_page);  // refused before anyone was known
    r.body() = std::move(answer.body);
    r.keep_alive(keep_alive);
    r.prepare_payload();
    if (head_) {  // the headers GET would have, Content-Length too, and no body (RFC 9110 9.3.2)
      auto length = r.body().size();
      r.body().clear();
      r.content_length(length);
    }
    beast::get_lowest_layer(stream_).expires_after(shared_.request_timeout);
    web::async_write(stream_, r,
                     beast::bind_front_handler(&Connection::on_write, this->shared_from_this(), keep_alive));
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    response_.reset();
    log_request();
    if (ec || !keep_alive) return close();
    read_request();
  }

  // One line per request on stderr (journald under systemd), beside the audit file's rows: when, the
  // method, the route's template, the status, how long from its header to its answer sent, and who.
  // Never a path, a query string, a header or a body: they may hold a UPN or a token.
  void log_request() {
    auto method = parser_->get().method();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_);
    auto line = "senmap serve: " + log_timestamp() + " " +
                (method == web::verb::unknown ? std::string("-") : std::string(web::to_string(method))) + " " +
                logged_route_ + " " + std::to_string(logged_status_) + " " + std::to_string(ms.count()) + "ms " +
                logged_actor_ + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);  // one call: lines from the workers do not interleave
  }

  // Ends the connection: our side first, then whatever the client still sends is read and dropped
  // for a moment, so a refused client reads our answer instead of a reset.
  void close() {
    if (closing_) return;
    closing_ = true;
    auto& lowest = beast::get_lowest_layer(stream_);
    beast::error_code ignored;
    lowest.socket().shutdown(tcp::socket::shutdown_send, ignored);
    lowest.expires_after(std::chrono::seconds(1));
    drain();
  }

  void drain() {
    beast::get_lowest_layer(stream_).async_read_some(
        net::buffer(drain_), [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
          if (!ec) return self->drain();
          beast::error_code ignored;
          beast::get_lowest_layer(self->stream_).socket().close(ignored);
        });
  }

  Stream stream_;
  Shared& shared_;
  AddressPlace place_;  // its client's address, and its place in that address's share
  // Bounded: what the parser has not yet taken (part of a field, a chunk line, a chunked body's
  // trailer, which Beast waits for whole) cannot grow past one header and one read.
  beast::flat_buffer buffer_;
  HeadProgress head_progress_;  // of the request being read: bytes taken, a folded field
  bool head_ = false;           // it is a HEAD: answered without a body
  bool begun_ = false;          // its first byte has come
  // What its log line will say (log_request).
  std::chrono::steady_clock::time_point started_{};
  std::string logged_route_ = "-", logged_actor_ = "anonymous";
  unsigned logged_status_ = 0;
  std::optional<web::request_parser<web::string_body>> parser_;
  std::optional<web::response<web::string_body>> response_;
  std::optional<web::response<web::empty_body>> continue_;
  std::array<char, 4096> drain_{};
  net::steady_timer grace_{stream_.get_executor()};
  bool busy_ = false;
  bool closing_ = false;
};

// The MIS origins that may frame senmap, checked one by one: https://host[:port], nothing more (a
// stray ';' or quote would otherwise change the policy).
std::vector<std::string> frame_ancestors_of(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < list.size()) {
    auto end = list.find(' ', start);
    if (end == std::string::npos) end = list.size();
    auto origin = list.substr(start, end - start);
    start = end + 1;
    if (origin.empty()) continue;
    auto uri = boost::urls::parse_absolute_uri(origin);
    if (!uri || uri->scheme() != "https" || uri->host().empty() || !uri->encoded_path().empty() || uri->has_query() ||
        uri->has_userinfo() || origin.find_first_of(";'\",\r\n") != std::string::npos)
      throw ServerError("--frame-ancestors takes https origins (https://mis.example.org), not '" + origin + "'");
    out.push_back(origin);
  }
  return out;
}

tcp::endpoint parse_listen(const std::string& listen) {
  auto authority = boost::urls::parse_authority(listen);
  if (!authority || !authority->has_port() || authority->port().empty())
    throw ServerError("--listen must be IP:PORT (e.g. 127.0.0.1:8443 or [::1]:8443), not '" + listen + "'");
  std::string host;
  if (authority->host_type() == boost::urls::host_type::ipv4)
    host = authority->host_ipv4_address().to_string();
  else if (authority->host_type() == boost::urls::host_type::ipv6)
    host = authority->host_ipv6_address().to_string();
  else
    throw ServerError("--listen needs an IP address (127.0.0.1, ::1, 0.0.0.0...), not the name '" +
                      std::string(authority->host()) + "'");
  beast::error_code ec;
  auto address = net::ip::make_address(host, ec);
  if (ec) throw ServerError("--listen: '" + host + "' is not an IP address");
  return {address, authority->port_number()};
}

}  // namespace

struct Server::Impl {
  Shared shared;
  net::io_context ioc;
  net::strand<net::io_context::executor_type> strand{net::make_strand(ioc)};
  std::optional<ssl::context> tls;
  tcp::acceptor acceptor{strand};
  std::optional<net::signal_set> signals;
  net::steady_timer drain_timer{strand};
  net::steady_timer retry_timer{strand};
  int max_connections = 512;
  std::filesystem::path database;
  std::optional<SessionStore> sessions;
  OriginPolicy origins;                            // the sites whose pages may ask for a change
  std::optional<store::AuditWriter> audit_writer;  // after ioc: stopped (its last answers posted) before ioc goes
  int threads = 2;
  std::chrono::milliseconds drain_timeout{};

  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (!acceptor.is_open()) return;  // stopping
        // E.g. out of file descriptors: pause rather than spin, and keep serving the connections held.
        retry_timer.expires_after(std::chrono::milliseconds(100));
        retry_timer.async_wait([this](beast::error_code e) {
          if (!e && acceptor.is_open()) accept();
        });
        return;
      }
      beast::error_code ignored;
      if (shared.live >= max_connections) {
        // Full: this one is turned away at once, so the connections already held keep being served.
        socket.close(ignored);
        return accept();
      }
      auto address = socket.remote_endpoint(ignored).address().to_string();
      if (!shared.shares.take(address)) {  // this address holds its share: the same, for it alone
        socket.close(ignored);
        return accept();
      }
      // An answer goes out as one or more TLS records written back to back: with Nagle's algorithm
      // the last small segment waits for the client's delayed ACK (about 40 ms on Linux), which
      // measured 44 ms on a 26 kB register page answered in under 1 ms.
      socket.set_option(tcp::no_delay(true), ignored);
      AddressPlace place(shared.shares, std::move(address));
      if (tls)
        std::make_shared<Connection<beast::ssl_stream<beast::tcp_stream>>>(
            beast::ssl_stream<beast::tcp_stream>(std::move(socket), *tls), shared, std::move(place))
            ->start();
      else
        std::make_shared<Connection<beast::tcp_stream>>(beast::tcp_stream(std::move(socket)), shared, std::move(place))
            ->start();
      accept();
    });
  }

  // On the acceptor's strand: stop accepting, close idle connections, let busy ones finish.
  void begin_stop() {
    if (shared.stopping.exchange(true)) return;
    beast::error_code ignored;
    acceptor.close(ignored);
    if (signals) signals->cancel(ignored);
    retry_timer.cancel();
    std::vector<std::shared_ptr<SessionBase>> open;
    {
      std::lock_guard lock(shared.mutex);
      for (auto& w : shared.sessions)
        if (auto s = w.lock()) open.push_back(std::move(s));
    }
    for (auto& s : open) s->stop_when_idle();
    open.clear();
    if (shared.live == 0) return;
    drain_timer.expires_after(drain_timeout);
    drain_timer.async_wait([this](beast::error_code ec) {
      if (!ec) ioc.stop();  // requests still running after the grace period: give up on them
    });
  }
};

Server::Server(const ServerOptions& options) : impl_(std::make_unique<Impl>()) {
  auto& m = *impl_;
  m.database = options.database;
  m.threads =
      options.threads > 0 ? options.threads : std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  m.drain_timeout = options.drain_timeout;
  m.max_connections = options.max_connections;
  m.origins.trusted = frame_ancestors_of(options.frame_ancestors);  // the MIS may ask for changes too
  std::string framers;
  for (const auto& origin : m.origins.trusted) framers += (framers.empty() ? "" : " ") + origin;
  m.shared.frame_deny = framers.empty();
  m.shared.content_security_policy = "default-src 'none'; frame-ancestors " +
                                     (framers.empty() ? std::string("'none'") : framers) +
                                     "; base-uri 'none'; form-action 'none'";
  m.shared.page_content_security_policy =
      "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
      "frame-ancestors " +
      (framers.empty() ? std::string("'none'") : framers) + "; base-uri 'none'";
  m.sessions.emplace(SessionSettings{options.session_idle, options.session_absolute, !framers.empty()});
  m.shared.limits = {options.max_header_bytes, options.max_body_bytes};
  m.shared.request_timeout = options.request_timeout;
  // Never longer than a whole request may take.
  m.shared.handshake_timeout = std::min(options.handshake_timeout, options.request_timeout);
  m.shared.idle_timeout = std::min(options.idle_timeout, options.request_timeout);
  m.shared.shares.set_share(options.max_connections_per_address);
  auto endpoint = parse_listen(options.listen);
  bool has_cert = !options.cert_path.empty(), has_key = !options.key_path.empty();
  if (has_cert != has_key) throw ServerError("HTTPS needs both --cert and --key");
  if (!has_cert && !endpoint.address().is_loopback())
    throw ServerError(
        "refusing plain HTTP on " + endpoint.address().to_string() +
        ": SEN records travel only over HTTPS off this machine. Give --cert FILE --key FILE, or listen on "
        "127.0.0.1 or ::1 for development");
  if (has_cert) {
    m.tls.emplace(ssl::context::tls_server);
    auto& ctx = *m.tls;
    if (!apply_tls_settings(ctx)) throw ServerError("this OpenSSL does not support the TLS settings senmap needs");
    auto* native = ctx.native_handle();
    try {
      ctx.use_certificate_chain_file(options.cert_path);
    } catch (const boost::system::system_error& e) {
      throw ServerError("cannot load the certificate " + options.cert_path + ": " + e.code().message());
    }
    try {
      ctx.use_private_key_file(options.key_path, ssl::context::pem);
    } catch (const boost::system::system_error& e) {
      throw ServerError("cannot load the private key " + options.key_path + ": " + e.code().message());
    }
    if (SSL_CTX_check_private_key(native) != 1)
      throw ServerError("the private key " + options.key_path + " does not match the certificate " + options.cert_path);
    m.shared.tls = true;
  }
  m.origins.https = m.shared.tls;
  if (options.check_only) return;
  beast::error_code ec;
  m.acceptor.open(endpoint.protocol(), ec);
  if (!ec) m.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) m.acceptor.bind(endpoint, ec);
  if (!ec) m.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) throw ServerError("cannot listen on " + options.listen + ": " + ec.message());
  if (options.handle_signals) {
    m.signals.emplace(m.strand, SIGINT, SIGTERM);
    m.signals->async_wait([this](beast::error_code e, int) {
      if (!e) impl_->begin_stop();
    });
  }
  m.shared.drained = [this] { net::post(impl_->strand, [this] { impl_->drain_timer.cancel(); }); };
}

Server::~Server() = default;

std::string Server::url() const {
  beast::error_code ec;
  auto endpoint = impl_->acceptor.local_endpoint(ec);
  auto host = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]" : endpoint.address().to_string();
  return std::string(impl_->tls ? "https://" : "http://") + host + ":" + std::to_string(endpoint.port());
}

void Server::run() {
  auto& m = *impl_;
#if defined(__GLIBC__)
  // glibc gives freed memory back to the kernel as soon as 128 KiB lie free at the top of a heap,
  // and SQLite frees that much per request (page caches, temporary b-trees). Each give-back then
  // flushes the other threads' TLBs and the next request faults the pages in again: measured,
  // this made senmap serve 10x slower at 50 connections (tests/bench/http_bench.py). A server keeps
  // what it used; fixing the thresholds also stops glibc's sliding mmap threshold from re-arming it.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
#endif
  // Every thread opens its own connection before serving: a bad database fails here, at once.
  auto work = [&m](Api& api) {
    t_api = &api;
    m.ioc.run();
    t_api = nullptr;
  };
  m.audit_writer.emplace(m.database);
  m.shared.audit_writer = &*m.audit_writer;
  Api main_api(m.database, *m.sessions, m.origins);
  std::vector<std::unique_ptr<Api>> apis;
  for (int i = 1; i < m.threads; ++i) apis.push_back(std::make_unique<Api>(m.database, *m.sessions, m.origins));
  net::post(m.strand, [&m] { m.accept(); });
  std::vector<std::thread> pool;
  pool.reserve(apis.size());
  for (auto& api : apis) pool.emplace_back([&work, &api] { work(*api); });
  work(main_api);
  for (auto& t : pool) t.join();
  m.shared.audit_writer = nullptr;
  m.audit_writer.reset();  // writes what is left
  // Handlers still queued (the drain timed out) are destroyed with ioc, after the strand: the
  // connections they hold must not post to it as they go.
  m.shared.drained = nullptr;
}

void Server::stop() {
  net::post(impl_->strand, [this] { impl_->begin_stop(); });
}

}  // namespace sm::http
