// A OneRoster CSV bundle as a zip (libzip): fuzzed bytes as the archive.
#include "fuzz_support.hpp"
#include "oneroster/oneroster_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto zip = sm::fuzz::write_scratch("roster.zip", sm::fuzz::as_text(data, size));
  auto roster = sm::oneroster::read_oneroster(zip);
  (void)roster;
  return 0;
}
