#include "model/utf8.hpp"

#include <boost/locale/utf.hpp>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace sm::model {
namespace {

using Utf8 = boost::locale::utf::utf_traits<char>;

// Length of the valid sequence at p, or 0 when it is not one. Boost.Locale's decoder refuses
// overlong forms, surrogates and code points past U+10FFFF.
std::size_t valid_sequence(const char* p, const char* end) {
  const char* at = p;
  auto c = Utf8::decode(at, end);
  if (c == boost::locale::utf::illegal || c == boost::locale::utf::incomplete) return 0;
  return static_cast<std::size_t>(at - p);
}

// ASCII is most of every file: skip it eight bytes at a time.
std::size_t ascii_run(const char* p, const char* end) {
  const char* start = p;
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    if (word & 0x8080808080808080ULL) break;
    p += 8;
  }
  while (p < end && static_cast<unsigned char>(*p) < 0x80) ++p;
  return static_cast<std::size_t>(p - start);
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    p += ascii_run(p, end);
    if (p == end) break;
    auto n = valid_sequence(p, end);
    if (n == 0) return static_cast<std::size_t>(p - text.data());
    p += n;
  }
  return std::nullopt;
}

std::string invalid_bytes_at(std::string_view text, std::size_t offset) {
  std::string out;
  for (std::size_t i = offset; i < text.size() && i < offset + 4; ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (i > offset && byte < 0x80) break;
    char hex[8];
    std::snprintf(hex, sizeof hex, "%s0x%02X", out.empty() ? "" : " ", byte);
    out += hex;
  }
  return out;
}

TextPosition position_of(std::string_view text, std::size_t offset) {
  TextPosition at;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

std::string valid_utf8(std::string text) {
  auto bad = first_invalid_utf8(text);
  if (!bad) return text;
  std::string out(text, 0, *bad);
  const char* p = text.data() + *bad;
  const char* end = text.data() + text.size();
  while (p < end) {
    auto run = ascii_run(p, end);
    out.append(p, run);
    p += run;
    if (p == end) break;
    if (auto n = valid_sequence(p, end)) {
      out.append(p, n);
      p += n;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER, one per bad byte
      ++p;
    }
  }
  return out;
}

}  // namespace sm::model
