// A batch of a school's data a host (an MIS embedding senmap) pushes through senmap_ingest or
// hands back from its sync callback: JSON of schema "senmap.ingest/1" (docs/ingest.md) into what
// sync applies for a live source, with every rule a CTF import keeps checked against the field
// that breaks it (`pupils[12].sen.needs[0].type`). No I/O here.
#pragma once
#include <string>
#include <string_view>

#include "live/live_read.hpp"
#include "model/pupil_record.hpp"

namespace sm::host {

inline constexpr std::string_view kIngestSchema = "senmap.ingest/1";

struct Batch {
  model::SchoolRef school;  // la, estab, name
  live::LiveRead read;      // kind "host"; problems refuse the batch as a whole
  bool rejected = false;    // the batch itself is unusable (not JSON, no school, no as_of)
};

// `origin` names the batch in problems (a file name, "senmap_ingest"). `now_utc` is
// YYYY-MM-DDTHH:MM:SS: a batch dated more than a day after it is refused, as a CTF is.
Batch read_batch(std::string_view json, const std::string& origin, const std::string& now_utc);

}  // namespace sm::host
