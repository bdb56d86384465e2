#include "config/toml_guard.hpp"

#include <boost/locale/utf.hpp>
#include <cstdio>

#include "model/utf8.hpp"

namespace sm::config {
namespace {

bool bare_key_character(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

std::string code_point_at(std::string_view text, std::size_t at) {
  const char* p = text.data() + at;
  auto c = boost::locale::utf::utf_traits<char>::decode(p, text.data() + text.size());
  char out[16];
  std::snprintf(out, sizeof out, "U+%04X", static_cast<unsigned>(c));
  return out;
}

// Walks the text as TOML's lexer would only as far as it must: which bytes are inside a string
// or a comment (where any UTF-8 is allowed), and where a table header starts.
class Scan {
 public:
  explicit Scan(std::string_view text) : text_(text) {}

  std::optional<TomlRefusal> run() {
    bool line_start = true;  // nothing but spaces since the last newline
    while (i_ < text_.size()) {
      char c = text_[i_];
      if (c == '\n') {
        ++line_;
        line_start = true;
        ++i_;
        continue;
      }
      if (c == '#') {
        skip_to_line_end();
        continue;
      }
      if (c == '"' || c == '\'') {
        skip_string(c);
        line_start = false;
        continue;
      }
      // A '[' first on a line is a table header, unless it is inside an array or inline table.
      if (line_start && c == '[' && depth_ == 0) {
        if (auto refused = table_header()) return refused;
        line_start = false;
        continue;
      }
      if (c == '[' || c == '{') ++depth_;
      if ((c == ']' || c == '}') && depth_ > 0) --depth_;
      if (static_cast<unsigned char>(c) >= 0x80)
        return TomlRefusal{line_, "only quoted strings and comments may hold characters beyond ASCII (found " +
                                      code_point_at(text_, i_) + "); put the value in quotes"};
      if (c != ' ' && c != '\t' && c != '\r') line_start = false;
      ++i_;
    }
    return std::nullopt;
  }

 private:
  void skip_to_line_end() {
    while (i_ < text_.size() && text_[i_] != '\n') ++i_;
  }

  // A basic ("...", with escapes) or literal ('...') string, single- or multi-line; an unclosed
  // one ends at the end of its line (toml++ reports it).
  void skip_string(char quote) {
    const bool multi = text_.substr(i_, 3) == std::string(3, quote);
    i_ += multi ? 3 : 1;
    while (i_ < text_.size()) {
      char c = text_[i_];
      if (c == '\\' && quote == '"') {
        if (i_ + 1 < text_.size() && text_[i_ + 1] == '\n') ++line_;  // a line-ending backslash
        i_ += 2;
        continue;
      }
      if (c == '\n') {
        if (!multi) return;
        ++line_;
      }
      if (c == quote && (!multi || text_.substr(i_, 3) == std::string(3, quote))) {
        i_ += multi ? 3 : 1;
        while (multi && i_ < text_.size() && text_[i_] == quote) ++i_;  // up to two quotes may close it
        return;
      }
      ++i_;
    }
  }

  std::optional<TomlRefusal> table_header() {
    i_ += text_.substr(i_, 2) == "[[" ? 2 : 1;
    while (i_ < text_.size() && (text_[i_] == ' ' || text_[i_] == '\t')) ++i_;
    if (i_ < text_.size() && (bare_key_character(text_[i_]) || text_[i_] == '"' || text_[i_] == '\''))
      return std::nullopt;
    return TomlRefusal{line_, "a table header must start with its name, e.g. [[schools]] or [clock]"};
  }

  std::string_view text_;
  std::size_t i_ = 0, line_ = 1, depth_ = 0;
};

}  // namespace

std::optional<TomlRefusal> guard_toml(std::string_view text) {
  if (auto bad = model::first_invalid_utf8(text))
    return TomlRefusal{model::position_of(text, *bad).line,
                       "not valid UTF-8 (found " + model::invalid_bytes_at(text, *bad) + "): save the config as UTF-8"};
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return Scan(text).run();
}

}  // namespace sm::config
