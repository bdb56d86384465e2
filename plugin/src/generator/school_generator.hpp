// The deterministic synthetic school: a whole-school CTF with a realistic SEN register,
// attendance marks and termly scores, for tests, demos and benchmarks. No real pupil data.
#pragma once
#include <cstdint>
#include <map>
#include <string>

namespace sm::generator {

enum class Phase { primary, secondary };

struct SchoolSpec {
  int pupils = 2000;
  std::uint64_t seed = 1;
  Phase phase = Phase::secondary;
  int academic_year = 2025;  // year the academic year starts in: 2025 = 2025/26
  std::string la = "938";     // 3 digits
  std::string estab = "4123";  // 4 digits
  std::string school_name;     // empty: derive a plausible synthetic name from the seed
};

// Writes a whole CTF 25 document (UTF-8, no BOM, LF line ends), as exported at the end of the
// summer term of the academic year. Same spec -> same bytes, on any platform.
// Throws std::invalid_argument when pupils < 1 or la/estab are not 3/4 digits.
std::string generate_ctf(const SchoolSpec& spec);

// The same school as generate_ctf(spec) (same pupils, same UPNs, same termly scores), as a
// OneRoster 1.2 CSV bundle: file name -> file text. Deterministic like generate_ctf.
std::map<std::string, std::string> generate_oneroster(const SchoolSpec& spec);

}  // namespace sm::generator
