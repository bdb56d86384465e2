#include "model/upn.hpp"

#include <array>

namespace sm::model {
namespace {
// The 23 letters the DfE uses for check letters and temporary-UPN suffixes (no I, O, S).
constexpr std::string_view kLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

std::optional<int> character_value(char c, bool letter_allowed) {
  if (c >= '0' && c <= '9') return c - '0';
  if (!letter_allowed) return std::nullopt;
  auto at = kLetters.find(c);
  if (at == std::string_view::npos) return std::nullopt;
  return static_cast<int>(at);
}
}  // namespace

std::optional<char> upn_check_letter(std::string_view tail12) {
  if (tail12.size() != 12) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 12; ++i) {
    // Only the last character (position 13) may be a letter: temporary UPNs.
    auto value = character_value(tail12[i], i == 11);
    if (!value) return std::nullopt;
    sum += *value * static_cast<int>(i + 2);
  }
  return kLetters[static_cast<std::size_t>(sum % 23)];
}

bool upn_is_valid(std::string_view upn) {
  if (upn.size() != 13) return false;
  auto expected = upn_check_letter(upn.substr(1));
  return expected && *expected == upn[0];
}

}  // namespace sm::model
