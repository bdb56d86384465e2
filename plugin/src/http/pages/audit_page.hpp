// A pupil's audit trail as a page for the SENCO: who has read or changed the pupil's SEN record,
// when (UK time), and every request about them with the address it came from. It names staff and
// says what they did in words, never the record's content.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "http/audit_trail.hpp"
#include "http/pages/html.hpp"

namespace sm::http::pages {

struct AuditView {
  Frame frame;                   // title is set from the pupil
  std::string upn, name;         // the pupil
  std::vector<AuditLine> lines;  // newest first
  std::size_t limit = 0;         // the most lines shown
  // Each actor as a person reads them (the member of staff's name), and each operation a line
  // names in plain English (its summary); the page falls back to the codes the logs keep.
  std::map<std::string, std::string> names, operations;
};

std::string audit_page(const AuditView& view);

}  // namespace sm::http::pages
