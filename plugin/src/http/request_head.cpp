#include "http/request_head.hpp"

#include <algorithm>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <boost/url/parse.hpp>
#include <string_view>
#include <utility>
#include <vector>

namespace sm::http {
namespace beast = boost::beast;
namespace web = boost::beast::http;

void start_head(RequestParser& parser, HeadProgress& progress, const HeadLimits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
  progress = {};
}

// The head is read here rather than with http::async_read_header because Boost 1.81's parser
// checks header_limit against the unparsed bytes of one read only, and takes whole fields as they
// come: a header block of short fields (a:\r\n...) arriving in small reads was never refused
// (16 MB taken, the server's memory up 300 MB). Every byte the parser takes is counted here
// against the limit; newer Beast counts them itself.
beast::error_code take_head_bytes(RequestParser& parser, beast::flat_buffer& buffer, HeadProgress& progress,
                                  const HeadLimits& limits) {
  beast::error_code ec;
  std::size_t used = buffer.size() > 0 ? parser.put(buffer.data(), ec) : 0;
  if (ec == web::error::need_more) ec = {};
  // Beast joins a field folded over lines (obs-fold) into one value; RFC 9112 5.2 has a server
  // refuse it. Beast takes a field only once it has seen the byte after its line, so a fold (line
  // end, then a space or tab) always lies within the bytes taken by one put.
  std::string_view taken(static_cast<const char*>(buffer.data().data()), used);
  progress.folded = progress.folded || taken.find("\r\n ") != taken.npos || taken.find("\r\n\t") != taken.npos;
  progress.bytes += used;
  buffer.consume(used);
  // The head so far: what the parser took, and what waits in the buffer for the rest of a field.
  if (!ec && progress.bytes + (parser.is_header_done() ? 0 : buffer.size()) > limits.max_header_bytes)
    ec = web::error::header_limit;
  return ec;
}

beast::error_code end_of_head(RequestParser& parser) {
  beast::error_code ec = web::error::end_of_stream;  // closed between requests: closed here too
  if (parser.got_some()) parser.put_eof(ec);         // closed within a header: answered 400
  return ec;
}

std::optional<Refusal> framing_refusal(const web::request_header<>& header, bool folded) {
  auto bad = [](std::string why) { return std::make_optional(Refusal{400u, std::move(why)}); };
  if (folded) return bad("a header field is folded over two lines (obs-fold): send each field on one line");
  // Host (RFC 9112 3.2): one, naming a host; HTTP/1.1 must send it.
  auto hosts = header.count(web::field::host);
  if (hosts == 0 && header.version() >= 11) return bad("an HTTP/1.1 request must carry a Host header");
  if (hosts > 1) return bad("the request carries more than one Host header");
  if (hosts == 1) {
    auto host = header[web::field::host];
    auto authority = boost::urls::parse_authority(host);
    if (!host.empty() && (!authority || authority->has_userinfo() || authority->host().empty()))
      return bad("the Host header is not a host name or address with an optional port");
  }
  // Transfer-Encoding (RFC 9112 6.1, 6.3): Beast reads a body as chunked only when chunked is the
  // last coding and otherwise falls back on Content-Length or no body at all, so a request that
  // could be framed two ways (xchunked with a length, "chunked, identity") would be read one way
  // here and another by a proxy in front. Only chunked alone is taken.
  if (header.count(web::field::transfer_encoding) == 0) return std::nullopt;
  if (header.version() < 11) return bad("an HTTP/1.0 request may not use Transfer-Encoding");
  if (header.count(web::field::content_length) > 0)
    return bad("the request carries both Transfer-Encoding and Content-Length: send one");
  std::vector<std::string> codings;
  for (auto [it, end] = header.equal_range(web::field::transfer_encoding); it != end; ++it)
    for (const auto& coding : web::ext_list{it->value()}) codings.emplace_back(coding.first);
  auto chunked =
      std::count_if(codings.begin(), codings.end(), [](const auto& c) { return beast::iequals(c, "chunked"); });
  if (codings.empty() || !beast::iequals(codings.back(), "chunked") || chunked != 1)
    return bad("Transfer-Encoding must end with chunked, once: the body's length cannot be told otherwise");
  if (codings.size() > 1)
    return Refusal{501u,
                   "senmap decodes no transfer coding but chunked: send the body with Transfer-Encoding: "
                   "chunked alone"};
  return std::nullopt;
}

std::optional<Refusal> read_refusal(beast::error_code ec, const HeadLimits& limits, std::size_t max_line_bytes) {
  if (!ec || ec == web::error::end_of_stream) return std::nullopt;
  if (ec == web::error::header_limit)
    return Refusal{431, "the request's header is larger than " + std::to_string(limits.max_header_bytes) + " bytes"};
  if (ec == web::error::buffer_overflow)  // a chunk line or trailer the buffer cannot hold
    return Refusal{400, "a line of the request is longer than " + std::to_string(max_line_bytes) + " bytes"};
  if (ec == web::error::body_limit)
    return Refusal{413, "the request's body is larger than " + std::to_string(limits.max_body_bytes) + " bytes"};
  if (ec.category() == web::make_error_code(web::error::bad_target).category())  // any other parse error
    return Refusal{400, "the request is not well-formed HTTP/1.1"};
  return std::nullopt;  // timed out, reset, or the server is stopping
}

}  // namespace sm::http
