// The reference for http_bench.py: the least an HTTPS server can do per request with the transport
// senmap serve uses (Boost.Beast over OpenSSL, the same TLS settings, thread count, keep-alive and
// per-request deadline), answering every request with a fixed body of N bytes and the same headers.
// What senmap serve costs beyond this is its own work: routing, tokens, access, SQLite, rendering, audit.
//
// Usage: senmap_bench_bare_beast_server --cert FILE --key FILE --bytes N [--threads N] [--content-type T]
// Prints "listening on https://127.0.0.1:PORT" (as senmap serve does) and serves until SIGTERM.
#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/tls_settings.hpp"

namespace beast = boost::beast;
namespace web = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

namespace {

constexpr auto kRequestTimeout = std::chrono::seconds(30);

struct Page {
  std::string body, content_type;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, ssl::context& tls, const Page& page) : stream_(std::move(socket), tls), page_(page) {}

  void start() {
    beast::get_lowest_layer(stream_).expires_after(kRequestTimeout);
    stream_.async_handshake(ssl::stream_base::server, [self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->read_request();
    });
  }

 private:
  void read_request() {
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    parser_->body_limit(std::uint64_t{1024} * 1024);
    beast::get_lowest_layer(stream_).expires_after(kRequestTimeout);
    web::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (!ec) self->respond();
    });
  }

  // The headers senmap serve sets on every answer, with the page's body copied in as senmap's is.
  void respond() {
    auto& request = parser_->get();
    response_.emplace(web::status::ok, request.version());
    auto& r = *response_;
    r.set(web::field::server, "senmap");
    r.set(web::field::content_type, page_.content_type);
    r.set(web::field::cache_control, "no-store");
    r.set("X-Content-Type-Options", "nosniff");
    r.set("Referrer-Policy", "no-referrer");
    r.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    r.set("X-Frame-Options", "DENY");
    r.set("Cross-Origin-Resource-Policy", "same-origin");
    r.set(web::field::strict_transport_security, "max-age=63072000");
    r.body() = page_.body;
    r.keep_alive(request.keep_alive());
    r.prepare_payload();
    beast::get_lowest_layer(stream_).expires_after(kRequestTimeout);
    web::async_write(stream_, r, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      bool again = !ec && self->response_->keep_alive();
      self->response_.reset();
      if (again) self->read_request();
    });
  }

  beast::ssl_stream<beast::tcp_stream> stream_;
  const Page& page_;
  beast::flat_buffer buffer_;
  std::optional<web::request_parser<web::string_body>> parser_;
  std::optional<web::response<web::string_body>> response_;
};

struct Args {
  std::string cert, key, content_type = "text/html; charset=utf-8";
  std::size_t bytes = 0;
  int threads = 0;
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string name = argv[i], value = argv[i + 1];
    if (name == "--cert")
      a.cert = value;
    else if (name == "--key")
      a.key = value;
    else if (name == "--bytes")
      a.bytes = std::stoul(value);
    else if (name == "--threads")
      a.threads = std::stoi(value);
    else if (name == "--content-type")
      a.content_type = value;
    else
      throw std::invalid_argument("unknown option " + name);
  }
  if (a.cert.empty() || a.key.empty()) throw std::invalid_argument("--cert and --key are needed");
  // senmap serve's default: the cores, at least 2.
  if (a.threads <= 0) a.threads = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  return a;
}

}  // namespace

int main(int argc, char** argv) try {
  auto args = parse(argc, argv);
  Page page{std::string(args.bytes, 'x'), args.content_type};

  ssl::context tls(ssl::context::tls_server);
  // senmap serve's own settings: the same handshakes and ciphers, so the same TLS cost.
  if (!sm::http::apply_tls_settings(tls)) throw std::runtime_error("this OpenSSL does not support the TLS settings");
  tls.use_certificate_chain_file(args.cert);
  tls.use_private_key_file(args.key, ssl::context::pem);

  net::io_context ioc;
  auto strand = net::make_strand(ioc);
  tcp::acceptor acceptor(strand, {net::ip::make_address("127.0.0.1"), 0});
  std::function<void()> accept = [&] {
    acceptor.async_accept(net::make_strand(ioc), [&](beast::error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;
      if (!ec) std::make_shared<Connection>(std::move(socket), tls, page)->start();
      accept();
    });
  };
  accept();
  net::signal_set signals(strand, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) { ioc.stop(); });
  std::cout << "listening on https://127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;

  std::vector<std::thread> pool;
  for (int i = 1; i < args.threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  return 0;
} catch (const std::exception& e) {
  std::cerr << "bare_beast_server: " << e.what() << "\n";
  return 2;
}
