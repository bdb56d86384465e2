// One kept-alive connection to one origin (scheme, host, port), direct or through an HTTP
// proxy's CONNECT tunnel, with a deadline on every step. Used by HttpsClient only; this header
// is private to adapters/live and keeps Beast out of every other header.
#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <optional>
#include <string>

#include "live/https_client.hpp"

namespace sm::live {

// Where a request goes, split from its URL.
struct Origin {
  bool tls = true;
  std::string host, port;
  bool operator==(const Origin&) const = default;
  std::string text() const { return (tls ? "https://" : "http://") + host + ":" + port; }
};

struct Target {
  Origin origin;
  std::string path;  // path and query, as sent on the request line
};

// Parses an absolute URL; refuses other schemes and plain http:// to anything but loopback.
Target parse_target(const std::string& url);

struct Proxy {
  std::string host, port;  // empty host: connect directly
};

class Connection {
 public:
  Connection(boost::asio::ssl::context& tls, const ClientSettings& settings, Origin origin, Proxy proxy);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Sends one request and reads its reply. Throws LiveError; after any error the connection is
  // closed and must not be reused. `reused` says the connection carried an earlier exchange.
  Response exchange(const Request& request, const Target& target);
  bool open() const { return open_; }
  bool reused() const { return exchanges_ > 0; }
  const Origin& origin() const { return origin_; }

 private:
  void connect();
  void tunnel();
  void handshake();
  template <class Start>
  void await(const char* step, Start&& start);
  [[noreturn]] void fail(const char* step, const boost::system::error_code& ec);
  boost::beast::tcp_stream& lowest();

  boost::asio::ssl::context& tls_context_;
  const ClientSettings& settings_;
  Origin origin_;
  Proxy proxy_;
  boost::asio::io_context io_;
  std::optional<boost::beast::tcp_stream> plain_;
  std::optional<boost::asio::ssl::stream<boost::beast::tcp_stream>> tls_;
  boost::beast::flat_buffer buffer_;
  bool open_ = false;
  int exchanges_ = 0;
};

// Undoes Content-Encoding: gzip (zlib); throws LiveError when the body is not valid gzip or
// would grow past `limit` bytes.
std::string gunzip(const std::string& body, std::size_t limit);

}  // namespace sm::live
