// A OneRoster CSV bundle as a folder. The input is its files' bytes in a fixed order, separated by
// NUL bytes (manifest.csv first); a file the input does not reach is absent.
#include <array>
#include <filesystem>

#include "fuzz_support.hpp"
#include "oneroster/oneroster_reader.hpp"

namespace {
constexpr std::array<const char*, 10> kFiles = {
    "manifest",         "orgs",         "users",     "roles",  "classes", "enrollments",
    "academicSessions", "demographics", "lineItems", "results"};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace fs = std::filesystem;
  auto folder = sm::fuzz::scratch() / "roster";
  fs::remove_all(folder);
  fs::create_directories(folder);
  auto rest = sm::fuzz::as_text(data, size);
  for (std::size_t i = 0; i < kFiles.size() && data != nullptr; ++i) {
    auto end = rest.find('\0');
    sm::fuzz::write_scratch(std::string("roster/") + kFiles[i] + ".csv", rest.substr(0, end));
    if (end == rest.npos) break;
    rest.remove_prefix(end + 1);
  }
  auto roster = sm::oneroster::read_oneroster(folder);
  (void)roster;
  return 0;
}
