// Config tests: a config written from text into a folder of its own (relative paths resolve there),
// loaded, and its problems as "key@line" to compare at once.
#pragma once
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config/sync_config.hpp"

namespace sm::test {

// Writes `text` as <temp>/<folder>/senmap.toml, loads it, then removes the folder.
inline config::ConfigResult load_config_text(const std::string& folder, const std::string& text) {
  auto dir = std::filesystem::temp_directory_path() / folder;
  std::filesystem::create_directories(dir);
  auto path = dir / "senmap.toml";
  std::ofstream(path) << text;
  auto loaded = config::load_sync_config(path);
  std::filesystem::remove_all(dir);
  return loaded;
}

// Each problem as "key@line".
inline std::vector<std::string> problem_keys(const config::ConfigResult& r) {
  std::vector<std::string> out;
  for (const auto& p : r.problems) out.push_back(p.key + "@" + std::to_string(p.line));
  return out;
}

}  // namespace sm::test
