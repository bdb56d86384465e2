// The register as a CTF 25 for the MIS to import: every pupil on roll with their SEN status
// history and current ranked needs, so the MIS ends up holding what senmap holds (needs agreed at
// reviews included). Re-importing the file into an empty senmap gives the same register.
#pragma once
#include <string>

#include "store/database.hpp"

namespace sm::writeback {

struct CtfExport {
  std::string xml;
  std::size_t pupils = 0;
};

// `school` is "LA-ESTAB" (e.g. 938-4123); empty when the store holds one school. `date_time` is
// the header's DateTime (YYYY-MM-DDTHH:MM:SS). Throws std::invalid_argument naming the problem.
CtfExport export_ctf(store::Database& db, const std::string& school, const std::string& date_time);

}  // namespace sm::writeback
