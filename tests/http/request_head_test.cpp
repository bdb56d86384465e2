// The request head as senmap serve reads it (http/request_head.cpp), fed as a socket would feed it:
// the header limit counts every byte however small the reads, and RFC 9112's refusals.
#include "http/request_head.hpp"

#include <catch2/catch.hpp>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace {
using namespace sm::http;

struct Read {
  boost::beast::error_code ec;
  std::optional<Refusal> refusal;  // of a whole head, or of a failed read
  bool header_done = false;
};

// Feeds `bytes` in reads of `chunk` bytes, as Connection::parse_header does.
Read read_head(std::string_view bytes, std::size_t chunk, HeadLimits limits = {}) {
  RequestParser parser;
  HeadProgress progress;
  start_head(parser, progress, limits);
  boost::beast::flat_buffer buffer(limits.max_header_bytes + std::size_t{16} * 1024);
  Read out;
  for (;;) {
    out.ec = take_head_bytes(parser, buffer, progress, limits);
    if (out.ec || parser.is_header_done()) break;
    if (bytes.empty()) {
      out.ec = end_of_head(parser);
      break;
    }
    auto n = std::min(chunk, bytes.size());
    std::memcpy(buffer.prepare(n).data(), bytes.data(), n);
    buffer.commit(n);
    bytes.remove_prefix(n);
  }
  out.header_done = parser.is_header_done();
  out.refusal =
      out.ec ? read_refusal(out.ec, limits, buffer.max_size()) : framing_refusal(parser.get(), progress.folded);
  return out;
}
}  // namespace

TEST_CASE("A request head is taken whole and may go on", "[http]") {
  auto r = read_head("GET /api/register HTTP/1.1\r\nHost: senmap.example:8443\r\n\r\n", 7);
  CHECK_FALSE(r.ec);
  CHECK(r.header_done);
  CHECK_FALSE(r.refusal);
}

TEST_CASE("Short header fields in small reads are counted against the limit", "[http]") {
  std::string head = "GET / HTTP/1.1\r\nHost: a\r\n";
  for (int i = 0; i < 3000; ++i) head += "a:\r\n";  // 12 KB of fields, none long
  for (std::size_t chunk : {1u, 5u, 4096u}) {
    auto r = read_head(head + "\r\n", chunk);
    REQUIRE(r.refusal);
    CHECK(r.refusal->status == 431);
  }
}

TEST_CASE("RFC 9112 refusals: obs-fold, Host, Transfer-Encoding", "[http]") {
  auto status = [](const std::string& head) {
    auto r = read_head(head, 3);
    return r.refusal ? r.refusal->status : 0u;
  };
  CHECK(status("GET / HTTP/1.1\r\nHost: a\r\nX-A: one\r\n two\r\n\r\n") == 400);
  CHECK(status("GET / HTTP/1.1\r\n\r\n") == 400);
  CHECK(status("GET / HTTP/1.0\r\n\r\n") == 0);
  CHECK(status("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == 400);
  CHECK(status("GET / HTTP/1.1\r\nHost: user@a\r\n\r\n") == 400);
  CHECK(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n") == 0);
  CHECK(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n") == 400);
  CHECK(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n") == 400);
  CHECK(status("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") == 501);
  CHECK(status("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n") == 400);
}

TEST_CASE("A client that closes within a head is answered 400, between requests it is not", "[http]") {
  auto within = read_head("GET / HTTP/1.1\r\nHo", 4);
  REQUIRE(within.refusal);
  CHECK(within.refusal->status == 400);
  auto between = read_head("", 4);
  CHECK(between.ec == boost::beast::http::error::end_of_stream);
  CHECK_FALSE(between.refusal);
}
