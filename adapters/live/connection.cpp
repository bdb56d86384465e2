#include "live/connection.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <zlib.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <cctype>

namespace sm::live {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Kind = LiveError::Kind;

namespace {
std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool is_ip_literal(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

std::string seconds(std::chrono::milliseconds ms) {
  return std::to_string((ms.count() + 999) / 1000) + " s";
}
}  // namespace

bool is_loopback_host(std::string_view host) {
  if (lower(host) == "localhost") return true;
  boost::system::error_code ec;
  auto address = asio::ip::make_address(std::string(host), ec);
  return !ec && address.is_loopback();
}

Target parse_target(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) throw LiveError(Kind::refused_url, "not an absolute URL: " + url);
  Target target;
  auto scheme = lower(parsed->scheme());
  if (scheme != "https" && scheme != "http")
    throw LiveError(Kind::refused_url, "only https:// URLs are allowed, not " + scheme + ": (" + url + ")");
  if (parsed->has_userinfo())
    throw LiveError(Kind::refused_url, "a URL must not carry a user name or password (" +
                                           std::string(parsed->encoded_host()) + "): put the secret in its own file");
  target.origin.tls = scheme == "https";
  target.origin.host =
      parsed->host_type() == boost::urls::host_type::ipv6 ? parsed->host_address() : lower(parsed->encoded_host());
  if (target.origin.host.empty()) throw LiveError(Kind::refused_url, "the URL names no host: " + url);
  target.origin.port = parsed->has_port() ? std::string(parsed->port()) : (target.origin.tls ? "443" : "80");
  // Pupils' data never crosses a network in clear: plain HTTP is for tests on this machine.
  if (!target.origin.tls && !is_loopback_host(target.origin.host))
    throw LiveError(Kind::refused_url,
                    "plain http:// is allowed only to this machine (loopback); use https:// for " + target.origin.host);
  target.path = parsed->encoded_path().empty() ? "/" : std::string(parsed->encoded_path());
  if (parsed->has_query()) target.path += "?" + std::string(parsed->encoded_query());
  return target;
}

Connection::Connection(asio::ssl::context& tls, const ClientSettings& settings, Origin origin, Proxy proxy)
    : tls_context_(tls), settings_(settings), origin_(std::move(origin)), proxy_(std::move(proxy)) {}

beast::tcp_stream& Connection::lowest() {
  return tls_ ? beast::get_lowest_layer(*tls_) : *plain_;
}

template <class Start>
void Connection::await(const char* step, Start&& start) {
  boost::system::error_code result = asio::error::would_block;
  start([&result](boost::system::error_code ec, auto&&...) { result = ec; });
  io_.restart();
  io_.run();
  if (result) fail(step, result);
}

void Connection::fail(const char* step, const boost::system::error_code& ec) {
  open_ = false;
  std::string where = origin_.host + ":" + origin_.port;
  std::string via = proxy_.host.empty() ? "" : " (through the proxy " + proxy_.host + ":" + proxy_.port + ")";
  std::string name = step;
  std::string message;
  Kind kind = Kind::other;
  if (ec == beast::error::timeout) {
    kind = Kind::timeout;
    auto limit = name == "connect" || name == "tls" ? settings_.connect_timeout : settings_.read_timeout;
    message = where + via + " did not answer within " + seconds(limit) + " (" + name + ")";
  } else if (name == "tls" && tls_) {
    kind = Kind::tls;
    auto verify = SSL_get_verify_result(tls_->native_handle());
    message = verify != X509_V_OK
                  ? "the certificate of " + origin_.host + " did not verify (" + X509_verify_cert_error_string(verify) +
                        "). If the school's web filter inspects HTTPS, give its certificate authority as ca_file"
                  : "the TLS handshake with " + where + via + " failed: " + ec.message();
  } else if (name == "connect") {
    kind = Kind::connect;
    message = "could not connect to " + (proxy_.host.empty() ? where : "the proxy " + proxy_.host + ":" + proxy_.port) +
              ": " + ec.message();
  } else if (name == "proxy") {
    kind = Kind::proxy;
    message = "the proxy " + proxy_.host + ":" + proxy_.port + " failed while opening a tunnel to " + where + ": " +
              ec.message();
  } else if (ec == http::error::body_limit) {
    kind = Kind::too_large;
    message = where + " sent a reply larger than " + std::to_string(settings_.max_body_bytes >> 20) + " MB: refused";
  } else if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
             ec == asio::ssl::error::stream_truncated || ec == http::error::partial_message) {
    kind = Kind::dropped;
    message = where + via + " closed the connection before the reply was complete";
  } else {
    message = where + via + ": " + name + " failed: " + ec.message();
  }
  boost::system::error_code ignored;
  if (plain_ || tls_) lowest().socket().close(ignored);
  throw LiveError(kind, message);
}

void Connection::connect() {
  plain_.reset();
  tls_.reset();
  buffer_.clear();
  exchanges_ = 0;
  const auto& host = proxy_.host.empty() ? origin_.host : proxy_.host;
  const auto& port = proxy_.host.empty() ? origin_.port : proxy_.port;
  // The resolver has no deadline of its own: a timer cancels it.
  tcp::resolver resolver(io_);
  asio::steady_timer timer(io_, settings_.connect_timeout);
  tcp::resolver::results_type endpoints;
  boost::system::error_code resolved = asio::error::would_block;
  bool timed_out = false;
  resolver.async_resolve(host, port, [&](boost::system::error_code ec, tcp::resolver::results_type results) {
    resolved = ec;
    endpoints = std::move(results);
    timer.cancel();
  });
  timer.async_wait([&](boost::system::error_code ec) {
    if (ec) return;
    timed_out = true;
    resolver.cancel();
  });
  io_.restart();
  io_.run();
  if (timed_out)
    throw LiveError(Kind::timeout, "finding " + host + " took longer than " + seconds(settings_.connect_timeout));
  if (resolved) throw LiveError(Kind::dns, "could not find the host " + host + ": " + resolved.message());

  if (origin_.tls)
    tls_.emplace(io_, tls_context_);
  else
    plain_.emplace(io_);
  lowest().expires_after(settings_.connect_timeout);
  await("connect", [&](auto handler) { lowest().async_connect(endpoints, handler); });
  if (!proxy_.host.empty()) tunnel();
  if (tls_) handshake();
  open_ = true;
}

// An HTTP proxy (a school's web filter) carries TLS through a CONNECT tunnel: it never sees
// the request or the reply.
void Connection::tunnel() {
  auto authority = origin_.host + ":" + origin_.port;
  http::request<http::empty_body> request{http::verb::connect, authority, 11};
  request.set(http::field::host, authority);
  request.set(http::field::user_agent, settings_.user_agent);
  lowest().expires_after(settings_.read_timeout);
  await("proxy", [&](auto handler) { http::async_write(lowest(), request, handler); });
  http::response_parser<http::empty_body> parser;
  parser.skip(true);  // a reply to CONNECT has no body: the tunnel follows
  await("proxy", [&](auto handler) { http::async_read_header(lowest(), buffer_, parser, handler); });
  auto status = parser.get().result_int();
  if (status / 100 != 2) {
    boost::system::error_code ignored;
    lowest().socket().close(ignored);
    throw LiveError(Kind::proxy, "the proxy " + proxy_.host + ":" + proxy_.port + " refused the tunnel to " +
                                     authority + " (" + std::to_string(status) + " " +
                                     std::string(parser.get().reason()) +
                                     "): ask whoever runs it to allow this host, or list it in no_proxy");
  }
  buffer_.clear();
}

void Connection::handshake() {
  // SNI and the name check: the certificate must be for the host the config names.
  if (!is_ip_literal(origin_.host)) SSL_set_tlsext_host_name(tls_->native_handle(), origin_.host.c_str());
  tls_->set_verify_mode(asio::ssl::verify_peer);
  tls_->set_verify_callback(asio::ssl::host_name_verification(origin_.host));
  lowest().expires_after(settings_.connect_timeout);
  await("tls", [&](auto handler) { tls_->async_handshake(asio::ssl::stream_base::client, handler); });
}

Response Connection::exchange(const Request& request, const Target& target) {
  if (!open_) connect();
  http::request<http::string_body> message;
  message.method_string(request.method);
  message.target(target.path);
  message.version(11);
  bool default_port = origin_.port == (origin_.tls ? "443" : "80");
  message.set(http::field::host, default_port ? origin_.host : origin_.host + ":" + origin_.port);
  message.set(http::field::user_agent, settings_.user_agent);
  message.set(http::field::accept_encoding, "gzip");
  message.set(http::field::accept, "application/json");
  for (const auto& [name, value] : request.headers) message.set(name, value);
  if (!request.body.empty() && message.find(http::field::content_type) == message.end())
    message.set(http::field::content_type, "application/json");
  message.body() = request.body;
  message.keep_alive(true);
  message.prepare_payload();

  auto on_stream = [this](auto&& use) {
    if (tls_)
      use(*tls_);
    else
      use(*plain_);
  };
  lowest().expires_after(settings_.read_timeout);
  await("write", [&](auto handler) { on_stream([&](auto& s) { http::async_write(s, message, handler); }); });

  http::response_parser<http::string_body> parser;
  parser.body_limit(settings_.max_body_bytes);
  parser.header_limit(64 * 1024);
  if (request.method == "HEAD") parser.skip(true);
  // A deadline on each read, not on the whole reply: a large, slow page still arrives, a
  // server that stops sending does not hang the sync.
  while (!parser.is_done()) {
    lowest().expires_after(settings_.read_timeout);
    await("read",
          [&](auto handler) { on_stream([&](auto& s) { http::async_read_some(s, buffer_, parser, handler); }); });
  }
  lowest().expires_never();
  ++exchanges_;
  auto reply = parser.release();
  Response response;
  response.status = static_cast<int>(reply.result_int());
  for (const auto& field : reply)
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  response.body = std::move(reply.body());
  if (lower(response.header("content-encoding")) == "gzip")
    response.body = gunzip(response.body, settings_.max_body_bytes);
  if (!reply.keep_alive()) {
    boost::system::error_code ignored;
    lowest().socket().close(ignored);
    open_ = false;
  }
  return response;
}

std::string gunzip(const std::string& body, std::size_t limit) {
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw LiveError(Kind::other, "zlib could not start");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  zs.avail_in = static_cast<uInt>(body.size());
  std::string out;
  char chunk[64 * 1024];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(chunk, sizeof chunk - zs.avail_out);
    if (out.size() > limit) {
      inflateEnd(&zs);
      throw LiveError(Kind::too_large, "a gzip reply grew past " + std::to_string(limit >> 20) + " MB: refused");
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) break;  // truncated
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) throw LiveError(Kind::dropped, "a gzip reply was cut short or is not gzip");
  return out;
}

std::string Response::header(std::string_view name) const {
  auto wanted = lower(name);
  for (const auto& [key, value] : headers)
    if (lower(key) == wanted) return value;
  return {};
}

}  // namespace sm::live
