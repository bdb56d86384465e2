// Session attendance as a live MIS sends it (one mark per pupil, day and session) turned into the
// year of marks a CTF carries, which is how senmap stores and counts attendance. No I/O here.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "live/live_read.hpp"
#include "model/dates.hpp"

namespace sm::live {

struct SessionMark {
  std::string mis_id;  // the pupil's PupilRecord::mis_id in this read
  model::Date day{};
  bool pm = false;
  char mark = '-';  // the DfE code as the MIS recorded it
};

// The school year whose registers a read covers, by its September (2026-03-02 -> 2025): in August
// the year just ended is still read, as its registers can still be corrected.
int register_year(model::Date day);

// The page cap for reading a register from `from` to `today`: two marks a weekday per pupil, twice
// over, at `per_page` a page, and never below `at_least` (the source's own max_pages). A year's
// register is the longest list by far: so sized, only a server that loops is stopped.
std::size_t register_page_cap(model::Date from, model::Date today, std::size_t pupils, std::size_t per_page,
                              std::size_t at_least);

// The marks onto the read's pupils as one AttendanceYear per pupil and academic year: two marks a
// weekday from the first marked day, '-' where the MIS has none. For a full read of `year`: every
// pupil the read lists then carries attendance (having no marks is a fact), and the year's marks
// replace what is held for it; marks of other years are left out (a late edit to last year's
// register would otherwise replace that whole year with one day). Returns the marks used.
std::size_t add_session_marks(const std::vector<SessionMark>& marks, int year, LiveRead& out);

}  // namespace sm::live
