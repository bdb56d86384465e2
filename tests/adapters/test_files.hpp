// Files for adapter tests: fixtures, a scratch folder per test run, variants of a fixture.
#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace sm::test {

std::filesystem::path fixture(const std::string& relative);
std::filesystem::path scratch(const std::string& name);  // a fresh path (old file and WAL removed)
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

// Copies `from` to scratch(`name`) with each (find, replace) applied once; fails the test if a
// `find` is not there (so a fixture edit cannot silently make a test pass).
std::filesystem::path variant(const std::filesystem::path& from, const std::string& name,
                              const std::vector<std::pair<std::string, std::string>>& edits);

}  // namespace sm::test
