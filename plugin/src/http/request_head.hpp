// A request's head (request line and header fields) as senmap serve reads it, apart from any socket:
// the bytes a client sent are given to Beast's parser, every byte it takes is counted against the
// header limit, and the head is checked against RFC 9112 before any body is read. server.cpp reads
// from the connection into a buffer and calls these; tests/fuzz/http_request_fuzz.cpp calls them on
// fuzzed bytes, so what is fuzzed is exactly what the server runs.
// Includes Beast: only the files built with the server's separate-compilation defines include it
// (server.cpp, and the fuzz target, which links the server's objects).
#pragma once

#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <optional>
#include <string>

namespace sm::http {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// A request refused with this status and reason.
struct Refusal {
  unsigned status = 400;
  std::string why;
};

struct HeadLimits {
  std::size_t max_header_bytes = std::size_t{8} * 1024;
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
};

// What has been read of one request's head so far.
struct HeadProgress {
  std::size_t bytes = 0;  // taken by the parser
  bool folded = false;    // a field is folded over lines (obs-fold)
};

// Sets a fresh parser's limits and starts a new head.
void start_head(RequestParser& parser, HeadProgress& progress, const HeadLimits& limits);

// Gives the parser what `buffer` holds and consumes what it took. Returns no error while more is
// needed and when the head is whole (parser.is_header_done()); header_limit when the head so far
// (taken, and what waits in the buffer for the rest of a field) is over the limit; else the parser's.
boost::beast::error_code take_head_bytes(RequestParser& parser, boost::beast::flat_buffer& buffer,
                                         HeadProgress& progress, const HeadLimits& limits);

// The client closed its side: end_of_stream between requests, a parse error (answered 400) within one.
boost::beast::error_code end_of_head(RequestParser& parser);

// Why a whole head is refused before its body is read (RFC 9112: obs-fold, Host, Transfer-Encoding);
// none when it may go on.
std::optional<Refusal> framing_refusal(const boost::beast::http::request_header<>& header, bool folded);

// What a failed read is answered with; none when the connection is just closed (end of stream,
// timed out, reset, stopping). `max_line_bytes` is the read buffer's size.
std::optional<Refusal> read_refusal(boost::beast::error_code ec, const HeadLimits& limits, std::size_t max_line_bytes);

}  // namespace sm::http
