// What a host embedding senmap pays for a CTF import, without starting a process: open, import and
// close through the C ABI into DB, then the same again with the unchanged file (recognised by its
// checksum). The nightly sync pays the same, once per file, inside one process.
// Usage: senmap_bench_import_in_process DB FILE   (DB must not exist yet)
// Prints: first_import_ms same_file_reimport_ms
#include <senmap/senmap.h>

#include <chrono>
#include <cstdio>

namespace {

// Milliseconds to open DB, import FILE and close; -1 when the import fails.
double timed_import(const char* db_path, const char* file) {
  auto start = std::chrono::steady_clock::now();
  senmap_options options = SENMAP_OPTIONS_INIT;
  options.db_path = db_path;
  options.actor = "bench";
  senmap* db = nullptr;
  if (senmap_open(&db, &options) != SENMAP_OK) return -1;
  char* report = nullptr;
  int rc = senmap_import_ctf(&report, db, file, nullptr);
  senmap_free(report);
  senmap_close(db);
  if (rc != SENMAP_OK) return -1;
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DB FILE\n", argv[0]);
    return 2;
  }
  double first = timed_import(argv[1], argv[2]);
  double again = timed_import(argv[1], argv[2]);
  if (first < 0 || again < 0) return 1;
  std::printf("%.3f %.3f\n", first, again);
  return 0;
}
