// A request as senmap serve reads it (plugin/src/http/request_head.cpp), without a socket: the bytes
// arrive in reads of a size the input's first byte chooses (1 to 256), the head is taken and
// checked exactly as the server does, then (if it may go on) the body is read by the same parser.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "http/request_head.hpp"

namespace web = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = std::size_t{data[0]} + 1;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const sm::http::HeadLimits limits{std::size_t{8} * 1024, std::size_t{64} * 1024};
  constexpr std::size_t kReadSize = std::size_t{16} * 1024;  // as server.cpp
  boost::beast::flat_buffer buffer(limits.max_header_bytes + kReadSize);
  auto receive = [&] {  // one read from the "socket"; false at its end
    auto n = std::min({chunk, rest.size(), buffer.max_size() - buffer.size()});
    if (n == 0) return false;
    std::memcpy(buffer.prepare(n).data(), rest.data(), n);
    buffer.commit(n);
    rest.remove_prefix(n);
    return true;
  };
  sm::http::RequestParser parser;
  sm::http::HeadProgress progress;
  sm::http::start_head(parser, progress, limits);
  boost::beast::error_code ec;
  for (;;) {
    ec = sm::http::take_head_bytes(parser, buffer, progress, limits);
    if (ec || parser.is_header_done()) break;
    // The server reads at most what the buffer has room for: a head under the limit always has some.
    if (buffer.size() >= buffer.max_size()) __builtin_trap();
    if (!receive()) {
      ec = sm::http::end_of_head(parser);
      break;
    }
  }
  if (ec) {
    (void)sm::http::read_refusal(ec, limits, buffer.max_size());
    return 0;
  }
  if (progress.bytes > limits.max_header_bytes) __builtin_trap();  // the limit holds
  if (sm::http::framing_refusal(parser.get(), progress.folded)) return 0;
  // The body, as http::async_read would give it to the parser.
  while (!parser.is_done()) {
    if (buffer.size() == 0 && !receive()) {
      parser.put_eof(ec);
      break;
    }
    auto used = parser.put(buffer.data(), ec);
    buffer.consume(used);
    if (ec == web::error::need_more) ec = {};
    if (ec) break;
    if (parser.is_done()) break;
    if (used == 0 && !receive()) {
      parser.put_eof(ec);
      break;
    }
  }
  if (ec) (void)sm::http::read_refusal(ec, limits, buffer.max_size());
  return 0;
}
