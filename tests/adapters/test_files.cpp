#include "test_files.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

namespace sm::test {

std::filesystem::path fixture(const std::string& relative) {
  return std::filesystem::path(SENMAP_FIXTURES) / relative;
}

std::filesystem::path scratch(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("senmap-adapter-tests-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  std::filesystem::remove_all(path);  // a file, or a bundle folder from an earlier section
  for (auto suffix : {"-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::filesystem::path variant(const std::filesystem::path& from, const std::string& name,
                              const std::vector<std::pair<std::string, std::string>>& edits) {
  auto text = read_file(from);
  for (const auto& [find, replace] : edits) {
    auto at = text.find(find);
    INFO("fixture " << from << " lacks: " << find);
    REQUIRE(at != std::string::npos);
    text.replace(at, find.size(), replace);
  }
  auto path = scratch(name);
  write_file(path, text);
  return path;
}

}  // namespace sm::test
