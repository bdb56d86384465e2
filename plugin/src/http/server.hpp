// senmap serve: the HTTPS server (Boost.Beast over Asio and OpenSSL). Beast and Asio stay inside
// server.cpp; this header is all the rest of senmap sees.
#pragma once
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace sm::http {

struct ServerOptions {
  std::filesystem::path database;         // an existing senmap database
  std::string listen = "127.0.0.1:8080";  // IP:PORT ([::1]:PORT); port 0 picks a free one
  std::string cert_path, key_path;        // PEM; both or neither. Without them: plain HTTP, loopback only
  int threads = 0;                        // 0: the cores, at least 2; each has its own SQLite connection
  std::size_t max_header_bytes = std::size_t{8} * 1024;
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
  std::chrono::milliseconds request_timeout{10'000};  // to send a whole request, from its first byte
  std::chrono::milliseconds drain_timeout{20'000};    // on shutdown, for in-flight requests to finish
  int max_connections = 512;                          // more at once are closed as they arrive
  // From one client address at once (more are closed as they arrive), so that one client cannot hold
  // every connection; a school behind one NAT address shares it, hence generous.
  int max_connections_per_address = 64;
  std::chrono::milliseconds handshake_timeout{10'000};  // to finish a TLS handshake (at most request_timeout)
  std::chrono::milliseconds idle_timeout{5'000};  // for a request to begin on a connection (at most request_timeout)
  bool handle_signals = false;                    // SIGTERM and SIGINT stop it gracefully
  std::chrono::seconds session_idle{30 * 60};     // a browser session unused this long ends
  std::chrono::seconds session_absolute{10 * 60 * 60};  // and any session ends this long after it began
  // Origins allowed to show senmap in a frame (the MIS: "https://mis.example.org ..."); empty: none.
  std::string frame_ancestors;
  // Check the settings (the address, the certificate and key loaded and matched) without listening:
  // `senmap serve --check`. The server is then made but must not be run.
  bool check_only = false;
};

// Refused before listening: plain HTTP off loopback, a certificate that does not load, a port in use.
class ServerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Server {
 public:
  // Loads the TLS settings and binds the address; throws ServerError.
  explicit Server(const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // "https://127.0.0.1:8443" (the port actually bound).
  std::string url() const;
  // Serves until stop() or a signal: then stops accepting, lets in-flight requests finish (up to
  // drain_timeout) and returns.
  void run();
  // Safe from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sm::http
