// Reading the config's TOML tables: every unknown key, missing key or wrong type becomes a
// problem naming the file, the line and the key's path (schools[2].sources[1].kind).
#pragma once
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "config/sync_config.hpp"
#include "model/digits.hpp"

namespace sm::config {

// Checks one TOML table against the keys it may hold, reporting every unknown one.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, ConfigResult& out, const std::filesystem::path& file)
      : table_(table), path_(std::move(path)), out_(out), file_(file) {}

  void allow(std::initializer_list<std::string_view> keys) {
    for (const auto& [key, node] : table_) {
      if (std::find(keys.begin(), keys.end(), key.str()) == keys.end())
        problem(node, key.str(), "unknown key (allowed here: " + join(keys) + ")");
    }
  }

  std::string text(std::string_view key, bool required) {
    const auto* node = table_.get(key);
    if (!node) {
      if (required) problem(table_, key, "required key is missing");
      return {};
    }
    if (!node->is_string()) {
      problem(*node, key, "must be a string");
      return {};
    }
    return std::string(node->as_string()->get());
  }

  bool flag(std::string_view key) {
    const auto* node = table_.get(key);
    if (!node) return false;
    if (!node->is_boolean()) {
      problem(*node, key, "must be true or false");
      return false;
    }
    return node->as_boolean()->get();
  }

  std::optional<model::Date> date(const toml::table& t, std::string_view key, const std::string& path) {
    const auto* node = t.get(key);
    if (!node) {
      out_.problems.push_back({file_.string(), line_of(t), path + "." + std::string(key), "required key is missing"});
      return std::nullopt;
    }
    if (node->is_date()) {
      auto d = node->as_date()->get();
      return model::Date{std::chrono::year{d.year}, std::chrono::month{d.month}, std::chrono::day{d.day}};
    }
    if (node->is_string()) {
      if (auto d = model::parse_date(node->as_string()->get())) return d;
    }
    out_.problems.push_back(
        {file_.string(), line_of(*node), path + "." + std::string(key), "must be a date (2025-09-03)"});
    return std::nullopt;
  }

  // A whole number within [min, max], or nullopt when absent or wrong (reported).
  std::optional<std::int64_t> number(std::string_view key, std::int64_t min, std::int64_t max) {
    const auto* node = table_.get(key);
    if (!node) return std::nullopt;
    if (!node->is_integer() || node->as_integer()->get() < min || node->as_integer()->get() > max) {
      problem(*node, key, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      return std::nullopt;
    }
    return node->as_integer()->get();
  }

  const toml::table& table() const { return table_; }

  const toml::array* array(std::string_view key, bool required) {
    const auto* node = table_.get(key);
    if (!node) {
      if (required) problem(table_, key, "required key is missing");
      return nullptr;
    }
    if (!node->is_array()) {
      problem(*node, key,
              "must be an array of tables ([[" + path_ + (path_.empty() ? "" : ".") + std::string(key) + "]])");
      return nullptr;
    }
    return node->as_array();
  }

  void problem(const toml::node& node, std::string_view key, std::string rule) {
    out_.problems.push_back(
        {file_.string(), line_of(node), path_ + (path_.empty() ? "" : ".") + std::string(key), std::move(rule)});
  }

  static std::size_t line_of(const toml::node& node) { return node.source().begin.line; }

 private:
  static std::string join(std::initializer_list<std::string_view> keys) {
    std::string out;
    for (auto k : keys) out += (out.empty() ? "" : ", ") + std::string(k);
    return out;
  }

  const toml::table& table_;
  std::string path_;
  ConfigResult& out_;
  const std::filesystem::path& file_;
};

inline bool digits(const std::string& s, std::size_t n) {
  return model::all_digits(s, n);
}

inline std::filesystem::path resolve(const std::filesystem::path& base, const std::string& path) {
  std::filesystem::path p(path);
  return p.is_absolute() ? p : (base / p).lexically_normal();
}

}  // namespace sm::config
