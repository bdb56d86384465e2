#include "fuzz_support.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include "sync/ctf_import.hpp"

namespace sm::fuzz {
namespace fs = std::filesystem;

const fs::path& scratch() {
  static const fs::path dir = [] {
    auto path = fs::temp_directory_path() / ("senmap-fuzz-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(scratch(), ignored);
    });
    return path;
  }();
  return dir;
}

fs::path write_scratch(const std::string& name, std::string_view bytes) {
  auto path = scratch() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
  return path;
}

namespace {
void remove_database(const fs::path& path) {
  for (const auto& file : {path, store::Database::audit_file_path(path)})
    for (auto suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(file.string() + suffix);
}
}  // namespace

FreshDatabase::FreshDatabase(const std::function<void(store::Database&)>& seed) {
  static const fs::path template_path = [&] {
    auto path = scratch() / "template.db";
    remove_database(path);
    {
      store::Database db(path, true);
      seed(db);
    }  // closed: its WAL checkpointed into the file
    return path;
  }();
  auto path = scratch() / "input.db";
  remove_database(path);
  fs::copy_file(template_path, path);
  auto audit = store::Database::audit_file_path(template_path);
  if (fs::exists(audit)) fs::copy_file(audit, store::Database::audit_file_path(path));
  db_ = std::make_unique<store::Database>(path, false);
}

void import_small_school(store::Database& db) {
  auto report = sync::import_ctf(db, SENMAP_FIXTURES "/ctf/ctf25_small.xml", {});
  if (!report.applied) throw std::runtime_error("the fixture school did not import");
}

}  // namespace sm::fuzz
