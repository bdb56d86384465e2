// One builder behind every output format, so the CTF and the OneRoster bundle of a spec
// describe the same pupils down to the last UPN and score.
#pragma once
#include <string>

#include "generator/school_generator.hpp"
#include "generator/synthetic_school.hpp"

namespace sm::generator {

// Runs every generation step for `spec` (school_generator.cpp).
// Throws std::invalid_argument when pupils < 1 or la/estab are not 3/4 digits.
SyntheticSchool build_school(const SchoolSpec& spec);

// When the export ran, as the CTF header's DateTime (YYYY-MM-DDTHH:MM:SS, school local time).
std::string export_date_time(const SyntheticSchool& school);

}  // namespace sm::generator
