// What reaches the TOML parser. The Debian toml++ (3.3) reaches undefined behaviour on some
// malformed input: a table header that starts with something other than a name ("[;", "[" at
// the end) trips an assertion, and a non-ASCII character outside a string or comment reaches an
// unreachable point. A config is a technician's hand-edited file: such input is refused here,
// with its line, before toml++ sees it.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sm::config {

struct TomlRefusal {
  std::size_t line = 0;
  std::string rule;
};

// Nothing when the text may be given to toml++; else the first line that may not, and why.
std::optional<TomlRefusal> guard_toml(std::string_view text);

}  // namespace sm::config
