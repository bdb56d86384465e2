// The Wonde adapter ("School Data Sync", v1.0): one school's pupils, staff, classes and leavers
// read from Wonde's REST API through a live::Fetcher, as a live::LiveRead for sync. See
// shared/mis-apis.md (Wonde) for what is confirmed and what is read leniently.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "live/https_client.hpp"
#include "live/live_read.hpp"

namespace sm::wonde {

struct WondeSettings {
  std::string url = "https://api.wonde.com/v1.0";  // base; other regions differ
  std::string school_id;                           // e.g. A1930499544
  std::string token;                               // already read from its file by the caller
  std::size_t per_page = 200;
  std::size_t max_pages = 2000;  // hard cap per list: a looping server cannot hang a sync
  int overlap_minutes = 10;      // updated_after windows overlap by this much
  // Marksheet results (assessment/results/) as AssessmentResults. Off by default: they are the
  // school's own marksheets, not the statutory results a CTF carries, and would stand beside them.
  bool read_assessments = false;
  // When the read starts (tests fix it); empty means the system clock.
  std::function<std::chrono::system_clock::time_point()> clock;
};

// Reads the school. Throws live::LiveError (the service refused, a page cap, a foreign `next`
// host, a reply that is not Wonde's JSON) with a message for a technician and never the token;
// problems in individual records come back in LiveRead::problems and ::warnings instead.
live::LiveRead read_wonde(live::Fetcher& fetcher, const WondeSettings& settings, const live::ReadRequest& request);

}  // namespace sm::wonde
