// A pupil's audit trail as a page for the SENCO: who has read or changed the pupil's SEN record,
// when, and every request about them with the address it came from. It names staff and actions,
// never the record's content.
#pragma once
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
};

std::string audit_page(const AuditView& view);

}  // namespace sm::http::pages
