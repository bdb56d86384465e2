// The deterministic synthetic school: a whole-school CTF with a realistic SEN register,
// attendance marks and termly scores, for tests, demos and benchmarks. No real pupil data.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "model/dates.hpp"

namespace sm::generator {

enum class Phase { primary, secondary };

struct SchoolSpec {
  int pupils = 2000;
  std::uint64_t seed = 1;
  Phase phase = Phase::secondary;
  int academic_year = 2025;    // year the academic year starts in: 2025 = 2025/26
  std::string la = "938";      // 3 digits
  std::string estab = "4123";  // 4 digits
  std::string school_name;     // empty: derive a plausible synthetic name from the seed
  // The day of the export. Unset: the last day of the summer term (a year that is over). A year
  // still running is exported as of a day in it: attendance marks and termly scores up to that
  // day only, as a real MIS exports mid-year (the rest of the year is generated but not written,
  // so the days before it are the same whatever the export day).
  std::optional<model::Date> as_of;
};

// Writes a whole CTF 25 document (UTF-8, no BOM, LF line ends), as exported at the end of the
// summer term of the academic year, or on spec.as_of. Same spec -> same bytes, on any platform.
// Throws std::invalid_argument when pupils < 1 or la/estab are not 3/4 digits.
std::string generate_ctf(const SchoolSpec& spec);

// The same school as generate_ctf(spec) (same pupils, same UPNs, same termly scores), as a
// OneRoster 1.2 CSV bundle: file name -> file text. Deterministic like generate_ctf.
std::map<std::string, std::string> generate_oneroster(const SchoolSpec& spec);

}  // namespace sm::generator
