// UTF-8 at senmap's doors: everything it takes in is checked, and nothing it gives out can carry
// bytes that are not UTF-8 (a page or a JSON answer labelled UTF-8 must be UTF-8).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sm::model {

// The offset of the first byte that does not begin a valid UTF-8 sequence (overlong forms,
// surrogates and code points past U+10FFFF are invalid), or nothing when all of it is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// The offending bytes at `offset` as people can read them in a message, e.g. "0xE9 0x73".
std::string invalid_bytes_at(std::string_view text, std::size_t offset);

// 1-based line and column (in bytes) of an offset, for messages about a file.
struct TextPosition {
  std::size_t line = 1, column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

// The text with every invalid sequence replaced by U+FFFD: for what senmap gives out, as the last
// guard behind the checks at the doors. Valid text is returned unchanged (no copy made).
std::string valid_utf8(std::string text);

}  // namespace sm::model
