#include "model/content_hash.hpp"

#include <xxhash.h>

#include <new>

namespace sm::model {

struct ContentHash::State {
  XXH3_state_t* xxh = XXH3_createState();
  ~State() { XXH3_freeState(xxh); }
};

ContentHash::ContentHash() : state_(std::make_unique<State>()) {
  if (!state_->xxh) throw std::bad_alloc();
  XXH3_128bits_reset(state_->xxh);
}

ContentHash::~ContentHash() = default;

void ContentHash::update(const void* data, std::size_t size) {
  XXH3_128bits_update(state_->xxh, data, size);
}

std::string ContentHash::hex() const {
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state_->xxh));
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(32);
  for (unsigned char byte : canonical.digest) {
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

std::string ContentHash::of(std::string_view bytes) {
  ContentHash hash;
  hash.update(bytes);
  return hash.hex();
}

}  // namespace sm::model
