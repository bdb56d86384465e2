// senmap_serve through libsenmap.so, as an embedding MIS would run it: refusals before listening,
// and a server started on a thread, asked over a socket, and stopped from another thread.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>

#include "senmap/senmap.h"

namespace fs = std::filesystem;

namespace {

std::string empty_database() {
  auto dir = fs::temp_directory_path() / ("senmap-serve-capi-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto path = (dir / "school.db").string();
  senmap_options options = SENMAP_OPTIONS_INIT;
  options.db_path = path.c_str();
  senmap* db = nullptr;
  REQUIRE(senmap_open(&db, &options) == SENMAP_OK);
  senmap_close(db);
  return path;
}

struct Started {
  std::atomic<senmap_server*> server{nullptr};
  std::string url;
};

void on_ready(senmap_server* server, const char* url, void* payload) {
  auto* started = static_cast<Started*>(payload);
  started->url = url;
  started->server = server;
}

// GET path over plain HTTP on loopback, the whole answer as text.
std::string http_get(int port, const std::string& path) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  REQUIRE(::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  return answer;
}

}  // namespace

TEST_CASE("senmap_serve refuses bad options before listening", "[http][capi]") {
  CHECK(senmap_serve(nullptr) == SENMAP_EINVAL);
  auto db = empty_database();
  senmap_serve_options options = SENMAP_SERVE_OPTIONS_INIT;
  options.db_path = db.c_str();
  options.listen = "0.0.0.0:0";
  CHECK(senmap_serve(&options) == SENMAP_EINVAL);
  CHECK(std::string(senmap_error_last()).find("refusing plain HTTP") != std::string::npos);
  options.listen = "127.0.0.1:0";
  options.cert_path = "cert.pem";
  CHECK(senmap_serve(&options) == SENMAP_EINVAL);
  options.cert_path = nullptr;
  options.listen = "localhost:8080";
  CHECK(senmap_serve(&options) == SENMAP_EINVAL);
  options.listen = "127.0.0.1:0";
  options.max_connections_per_address = 100001;
  CHECK(senmap_serve(&options) == SENMAP_EINVAL);
  CHECK(std::string(senmap_error_last()).find("max_connections_per_address") != std::string::npos);
  options.max_connections_per_address = 0;
  options.db_path = "/nonexistent/school.db";
  CHECK(senmap_serve(&options) == SENMAP_EIO);
}

TEST_CASE("senmap_serve answers until senmap_server_stop, then returns SENMAP_OK", "[http][capi]") {
  auto db = empty_database();
  Started started;
  senmap_serve_options options = SENMAP_SERVE_OPTIONS_INIT;
  options.db_path = db.c_str();
  options.listen = "127.0.0.1:0";
  options.threads = 2;
  options.ready = on_ready;
  options.ready_payload = &started;
  // A host built before max_connections_per_address was added: its smaller struct is still taken.
  options.struct_size = offsetof(senmap_serve_options, max_connections_per_address);
  int rc = -1;
  std::thread serving([&] { rc = senmap_serve(&options); });
  for (int i = 0; i < 500 && !started.server; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(started.server);
  auto port = std::stoi(started.url.substr(started.url.rfind(':') + 1));
  CHECK(started.url.rfind("http://127.0.0.1:", 0) == 0);
  auto health = http_get(port, "/api/health");
  CHECK(health.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(health.find("X-Content-Type-Options: nosniff") != std::string::npos);
  CHECK(health.find("Strict-Transport-Security") == std::string::npos);  // plain HTTP: no HSTS
  CHECK(http_get(port, "/api/register").rfind("HTTP/1.1 401", 0) == 0);
  senmap_server_stop(started.server);
  serving.join();
  CHECK(rc == SENMAP_OK);
}
