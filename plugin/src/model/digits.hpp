// Codes that are a fixed number of digits: the DfE LA code (3), establishment number (4),
// LA + establishment (7). One rule for the CTF reader, the config, the generator, host batches
// and the EHC operations.
#pragma once
#include <algorithm>
#include <cstddef>
#include <string_view>

namespace sm::model {

inline bool all_digits(std::string_view text, std::size_t length) {
  return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace sm::model
