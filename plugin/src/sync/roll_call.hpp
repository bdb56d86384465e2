// A whole-roll read (a full CTF, a live source's full read) says who is on roll: the school's
// pupils it does not list have left.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace sm::sync {

// Marks the school's pupils not in `upns` as left on `date` (never deleted) and un-marks those
// back on roll; `datetime` is the read's own time (newer data wins). `added`: pupils this read
// added (a school's first read: nobody can have left). Returns how many were marked.
std::size_t mark_roll(store::Database& db, std::int64_t school_id, const std::vector<std::string>& upns,
                      const std::string& datetime, const std::string& date, std::size_t added);

}  // namespace sm::sync
