// The CTF reader (pugixml, then every pupil checked) on fuzzed bytes, as a file: it must never
// throw or crash, whatever the XML. Corpus: tests/fuzz/corpus/ctf_reader; dictionary: xml.dict.
#include "ctf/ctf_reader.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = sm::fuzz::write_scratch("input.xml", sm::fuzz::as_text(data, size));
  std::size_t pupils = 0;
  sm::ctf::ReadHooks hooks;
  hooks.on_pupil = [&pupils](sm::model::PupilRecord&&) { ++pupils; };
  auto result = sm::ctf::read_ctf(file, hooks);
  if (pupils != result.pupils_valid) __builtin_trap();  // every valid pupil, and only those, handed on
  return 0;
}
