#include "oneroster/roster_bundle.hpp"

#include <zip.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "model/content_hash.hpp"

namespace sm::oneroster {
namespace {

bool is_csv(const std::string& name) {
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".csv") == 0;
}

std::string base_name(const std::string& name) {
  auto slash = name.find_last_of('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

// A zip is read entry by entry; nothing is extracted to disk (zip-slip cannot happen).
std::optional<std::string> read_zip(const std::filesystem::path& path, std::map<std::string, std::string>& files) {
  int code = 0;
  std::unique_ptr<zip_t, decltype(&zip_close)> archive(zip_open(path.c_str(), ZIP_RDONLY, &code), zip_close);
  if (!archive) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string message = std::string("cannot open the zip: ") + zip_error_strerror(&error);
    zip_error_fini(&error);
    return message;
  }
  // Generous but bounded: a roster for a large secondary is a few MB; refuse zip bombs.
  constexpr zip_uint64_t kMaxEntryBytes = 512ull << 20;
  auto entries = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t stat;
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0) continue;
    std::string name = base_name(stat.name);
    if (!is_csv(name)) continue;
    if (stat.size > kMaxEntryBytes) return "zip entry " + std::string(stat.name) + " is larger than 512 MB: refused";
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0), zip_fclose);
    if (!file) return "cannot read zip entry " + std::string(stat.name);
    std::string bytes(stat.size, '\0');
    auto got = zip_fread(file.get(), bytes.data(), stat.size);
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size)
      return "cannot read zip entry " + std::string(stat.name);
    files[name] = std::move(bytes);
  }
  return std::nullopt;
}

}  // namespace

RosterBundle RosterBundle::open(const std::filesystem::path& path) {
  RosterBundle bundle;
  bundle.path_ = path;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
      auto name = entry.path().filename().string();
      if (!entry.is_regular_file() || !is_csv(name)) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      if (!in && !in.eof()) {
        bundle.error_ = "cannot read " + entry.path().string();
        return bundle;
      }
      bundle.files_[name] = bytes.str();
    }
    if (ec) bundle.error_ = "cannot list " + path.string() + ": " + ec.message();
  } else if (std::filesystem::is_regular_file(path, ec)) {
    bundle.error_ = read_zip(path, bundle.files_);
  } else {
    bundle.error_ = "no such folder or zip file";
  }
  return bundle;
}

const std::string* RosterBundle::file(const std::string& name) const {
  auto it = files_.find(name);
  return it == files_.end() ? nullptr : &it->second;
}

std::string RosterBundle::location(const std::string& name) const {
  return (path_ / name).string();
}

std::string RosterBundle::checksum() const {
  model::ContentHash hash;
  for (const auto& [name, bytes] : files_) {
    hash.update(name);
    hash.update(std::to_string(bytes.size()));
    hash.update(bytes);
  }
  return hash.hex();
}

std::size_t RosterBundle::total_bytes() const {
  std::size_t total = 0;
  for (const auto& [name, bytes] : files_) total += bytes.size();
  return total;
}

}  // namespace sm::oneroster
