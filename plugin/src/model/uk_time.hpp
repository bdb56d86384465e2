// Times as people in an English school read them: the UK's own clock, GMT in winter and BST in
// summer, not the UTC the logs keep.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sm::model {

// "2026-07-01T12:05:09Z" (utc_timestamp()'s form) -> "2026-07-01 13:05 BST";
// "2026-12-06T20:28:38Z" -> "2026-12-06 20:28 GMT". Nothing when the text is not such a time.
std::optional<std::string> uk_local_time(std::string_view utc);

}  // namespace sm::model
