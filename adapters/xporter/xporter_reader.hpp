// Groupcall Xporter on Demand (SIMS and other MIS): a school's pupils with their SEN need and
// provision history, staff, groups and their members, read over HTTPS into a LiveRead.
// Facts and quirks: shared/mis-apis.md ("Groupcall Xporter on Demand").
#pragma once
#include <cstddef>
#include <string>

#include "live/https_client.hpp"
#include "live/live_read.hpp"

namespace sm::xporter {

struct XporterSettings {
  std::string url = "https://xporter.groupcall.com";
  std::string estab;          // LA + establishment number, 7 digits
  std::string relying_party;  // the name Groupcall registered senmap's access under
  std::string secret;         // already read from its owner-only file
  std::size_t page_size = 500;
  std::size_t max_pages = 2000;  // per list: a server that pages forever cannot hang a sync
};

// Throws live::LiveError (network) or std::runtime_error (the service refused: the token, a
// scope, an HTTP 200 carrying ExceptionMessage) with a message a technician can act on.
live::LiveRead read_xporter(live::Fetcher& fetcher, const XporterSettings& settings, const live::ReadRequest& request);

}  // namespace sm::xporter
