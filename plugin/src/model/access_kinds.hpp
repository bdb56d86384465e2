// Exam access arrangements (JCQ for GCSE, STA for key stage tests) by their key, as staff say them.
// One list for the operation that checks a kind, the pages and the class map's spreadsheet.
#pragma once
#include <array>
#include <string>
#include <string_view>

namespace sm::model {

struct AccessKind {
  std::string_view key, name;  // extra_time_25, "25% extra time"
};

inline constexpr std::array<AccessKind, 10> kAccessKinds{{{"extra_time_25", "25% extra time"},
                                                          {"extra_time_50", "50% extra time"},
                                                          {"reader", "A reader"},
                                                          {"scribe", "A scribe"},
                                                          {"word_processor", "A word processor"},
                                                          {"rest_breaks", "Rest breaks"},
                                                          {"modified_papers", "Modified papers"},
                                                          {"separate_room", "A separate room"},
                                                          {"prompter", "A prompter"},
                                                          {"other", "Other"}}};

// "25% extra time" for extra_time_25; a key not in the list as it is.
inline std::string access_kind_name(std::string_view key) {
  for (const auto& k : kAccessKinds)
    if (k.key == key) return std::string(k.name);
  return std::string(key);
}

}  // namespace sm::model
