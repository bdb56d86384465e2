// A whole CTF import (read, check, diff, apply in one transaction) of fuzzed bytes into a fresh
// database holding the small fixture school, so that inputs can update, leave and re-add its pupils.
// Strict or lenient by the input's length, so both paths are fuzzed from one corpus.
#include "fuzz_support.hpp"
#include "sync/ctf_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sm::fuzz::FreshDatabase fresh(sm::fuzz::import_small_school);
  auto file = sm::fuzz::write_scratch("input.xml", sm::fuzz::as_text(data, size));
  sm::sync::ImportOptions options;
  options.lenient = size % 2 == 1;
  auto first = sm::sync::import_ctf(fresh.db(), file, options);
  // The same file again changes nothing (recognised by its checksum before parsing).
  if (first.applied && !first.refused(options)) {
    auto again = sm::sync::import_ctf(fresh.db(), file, options);
    if (again.added + again.changed + again.left != 0) __builtin_trap();
  }
  return 0;
}
