// What the fuzz targets share: a scratch folder of the process's own, files written from fuzzed
// bytes (the readers take paths), and a database copied afresh for each input from a template made
// once, so that one input never sees what another wrote and a crash replays from its input alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

#include "store/database.hpp"

namespace sm::fuzz {

// The process's own scratch folder (under TMPDIR), removed at exit.
const std::filesystem::path& scratch();

// Writes `bytes` to scratch()/name and returns its path.
std::filesystem::path write_scratch(const std::string& name, std::string_view bytes);

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A database for one input: a copy of a template that `seed` filled on the first call (the
// template is made once per process; `seed` must be the same on every call).
class FreshDatabase {
 public:
  explicit FreshDatabase(const std::function<void(store::Database&)>& seed);
  store::Database& db() { return *db_; }

 private:
  std::unique_ptr<store::Database> db_;
};

// The small synthetic CTF fixture imported (tests/fixtures/ctf/ctf25_small.xml, compiled in).
void import_small_school(store::Database& db);

}  // namespace sm::fuzz
