// The files senmap serves itself (no CDN, nothing fetched from elsewhere): the stylesheet, with
// the print styles that make a clean PDF from the browser, and the tab's icon.
#pragma once
#include <optional>
#include <string_view>

namespace sm::http::pages {

struct Asset {
  std::string_view content_type;
  std::string_view body;
};

// The asset at a path under /assets/ ("senmap.css", "favicon.svg"), or none.
std::optional<Asset> asset(std::string_view name);

}  // namespace sm::http::pages
