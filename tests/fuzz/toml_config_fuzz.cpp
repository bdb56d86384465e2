// The sync config (toml++, then every key checked): fuzzed bytes as senmap.toml. Paths in it are
// only recorded, never opened, so an input cannot reach outside the scratch folder.
#include "config/sync_config.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = sm::fuzz::write_scratch("senmap.toml", sm::fuzz::as_text(data, size));
  auto result = sm::config::load_sync_config(file);
  (void)result;
  return 0;
}
