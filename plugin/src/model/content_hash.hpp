// A fast 128-bit content hash (XXH3-128) for recognising unchanged inputs: a file already
// imported, a pupil whose record has not changed. It detects change; it is not a security
// control (nothing is authenticated with it).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sm::model {

class ContentHash {
 public:
  ContentHash();
  ~ContentHash();
  ContentHash(const ContentHash&) = delete;
  ContentHash& operator=(const ContentHash&) = delete;

  void update(const void* data, std::size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  std::string hex() const;  // 32 hex digits

  static std::string of(std::string_view bytes);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sm::model
