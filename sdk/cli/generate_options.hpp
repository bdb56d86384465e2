// What senmap generate takes, shared with senmap demo (which generates its school the same way).
#pragma once
#include <cstdint>
#include <string>

#include "demo_year.hpp"
#include "model/dates.hpp"
#include "senmap/senmap.h"

namespace senmap_cli {

struct GenerateArgs {
  int pupils = 2000;
  std::uint64_t seed = 1;
  std::string phase = "secondary";
  int year = 2025;
  std::string out;
  std::string oneroster;
  int schools = 0;
};

inline senmap_generate_options to_options(const GenerateArgs& args) {
  senmap_generate_options options = SENMAP_GENERATE_OPTIONS_INIT;
  options.pupils = args.pupils;
  options.seed = args.seed;
  options.phase = args.phase == "primary" ? SENMAP_PHASE_PRIMARY : SENMAP_PHASE_SECONDARY;
  options.academic_year = args.year;
  return options;
}

// The latest academic year the generator writes: the one holding today (from 1 August, when
// next year's term dates are known), so a school can always be generated for the year it is in.
inline int latest_generated_year() {
  return sm::model::academic_year_of(utc_today());
}

}  // namespace senmap_cli
