// senmap.hpp - a header-only C++ wrapper over the C ABI in senmap.h: RAII handles and
// exceptions instead of codes. It adds no symbols to libsenmap.
//
// The namespace is senmap_cpp because the C handle type already owns the name `senmap`.
#ifndef SENMAP_SENMAP_HPP
#define SENMAP_SENMAP_HPP

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "senmap/senmap.h"

namespace senmap_cpp {

// A failed call: code() is the SENMAP_E* code, what() the library's description.
class Error : public std::runtime_error {
 public:
  Error(int code, const std::string& message, std::string report = {})
      : std::runtime_error(message), code_(code), report_(std::move(report)) {}
  int code() const noexcept { return code_; }
  // For a refused import: the JSON report listing every problem.
  const std::string& report() const noexcept { return report_; }

 private:
  int code_;
  std::string report_;
};

namespace detail {
struct Free {
  void operator()(char* p) const noexcept { senmap_free(p); }
};
inline std::string take(char* p) {
  std::unique_ptr<char, Free> owned(p);
  return owned ? std::string(owned.get()) : std::string();
}
inline void check(int rc, char* out = nullptr) {
  if (rc != SENMAP_OK) {
    std::string message = senmap_error_last();
    throw Error(rc, message, take(out));
  }
}
}  // namespace detail

inline std::string version() {
  return senmap_version();
}

inline std::string operations_json() {
  char* out = nullptr;
  int rc = senmap_ops_json(&out);
  detail::check(rc, out);
  return detail::take(out);
}

// A report table's JSON (Database::report_table_json, or any {"headers","rows"}) as CSV text without
// a BOM: the library's one CSV writer, formula-like text neutralised (senmap_report_table_csv).
inline std::string report_table_csv(const std::string& table_json) {
  char* out = nullptr;
  detail::check(senmap_report_table_csv(&out, table_json.c_str()));
  return detail::take(out);
}

class Database {
 public:
  // Opens (creating by default) the SQLite file at path; actor is recorded in the audit log.
  explicit Database(const std::string& path, const std::string& actor = "", bool create = true) {
    senmap_options options = SENMAP_OPTIONS_INIT;
    options.db_path = path.c_str();
    open(options, actor, create);
  }

  // The database a senmap TOML config names.
  static Database from_config(const std::string& config_path, const std::string& actor = "", bool create = true) {
    senmap_options options = SENMAP_OPTIONS_INIT;
    options.config_path = config_path.c_str();
    Database db;
    db.open(options, actor, create);
    return db;
  }

  // Returns the JSON import report; throws Error (with report()) when the file is refused.
  std::string import_ctf(const std::string& path, bool lenient = false) {
    return import_with(senmap_import_ctf, path, lenient);
  }

  // (since 0.3) A senmap.ingest/1 batch the host holds (docs/ingest.md); same report and errors
  // as import_ctf, with problems located by field path.
  std::string ingest(const std::string& batch_json) {
    char* out = nullptr;
    int rc = senmap_ingest(&out, handle_.get(), batch_json.c_str());
    detail::check(rc, out);
    return detail::take(out);
  }

  // A OneRoster bundle (folder or .zip); same report and errors as import_ctf.
  std::string import_oneroster(const std::string& path, bool lenient = false) {
    return import_with(senmap_import_oneroster, path, lenient);
  }

  std::string register_json() { return call(senmap_register_json); }
  std::string runs_json() { return call(senmap_runs_json); }

  // (since 0.3) The intake view of a previous school's CTF; throws Error (with report()) when the
  // file is not a usable CTF.
  std::string intake_ctf(const std::string& path) {
    char* out = nullptr;
    int rc = senmap_intake_ctf(&out, handle_.get(), path.c_str());
    detail::check(rc, out);
    return detail::take(out);
  }

  // Imports a provision catalogue, CSV or XLSX (all rows or none); throws Error with report() on problems.
  std::string import_provisions(const std::string& path) {
    char* out = nullptr;
    int rc = senmap_import_provisions(&out, handle_.get(), path.c_str());
    detail::check(rc, out);
    return detail::take(out);
  }

  // Records the EHC plans a school holds from a CSV or XLSX (all rows or none); throws Error with
  // report() on problems.
  std::string import_ehc_plans(const std::string& path) {
    char* out = nullptr;
    int rc = senmap_import_ehc_plans(&out, handle_.get(), path.c_str());
    detail::check(rc, out);
    return detail::take(out);
  }

  // Records the suspensions and permanent exclusions a school has recorded, from a CSV or XLSX (all
  // rows or none); throws Error with report() on problems.
  std::string import_exclusions(const std::string& path) {
    char* out = nullptr;
    int rc = senmap_import_exclusions(&out, handle_.get(), path.c_str());
    detail::check(rc, out);
    return detail::take(out);
  }

  // Writes a report ("report.class_map") as "csv" or "xlsx" to out_path.
  void export_report(const std::string& report, const std::string& request_json, const std::string& format,
                     const std::string& out_path) {
    detail::check(
        senmap_report_export(handle_.get(), report.c_str(), request_json.c_str(), format.c_str(), out_path.c_str()));
  }

  // The register as a CTF 25 for the MIS: {"file","pupils"}.
  std::string export_ctf(const std::string& out_path, const std::string& school = {}) {
    char* out = nullptr;
    detail::check(senmap_export_ctf(&out, handle_.get(), school.empty() ? nullptr : school.c_str(), out_path.c_str()));
    return detail::take(out);
  }

  // A report's table form: {"title","headers","rows"}.
  std::string report_table_json(const std::string& report, const std::string& request_json) {
    char* out = nullptr;
    detail::check(senmap_report_table_json(&out, handle_.get(), report.c_str(), request_json.c_str()));
    return detail::take(out);
  }

  // Runs an operation; throws Error (report() holds {"errors":[...]}) when it is refused.
  std::string call_operation(const std::string& operation, const std::string& request_json) {
    char* out = nullptr;
    int rc = senmap_call(&out, handle_.get(), operation.c_str(), request_json.c_str());
    detail::check(rc, out);
    return detail::take(out);
  }
  std::string classes_json() { return call(senmap_classes_json); }
  std::string register_summary_json() { return call(senmap_register_summary_json); }

  std::string pupil_json(const std::string& upn) {
    char* out = nullptr;
    int rc = senmap_pupil_json(&out, handle_.get(), upn.c_str());
    detail::check(rc, out);
    return detail::take(out);
  }

  senmap* handle() const noexcept { return handle_.get(); }

 private:
  Database() = default;
  void open(senmap_options& options, const std::string& actor, bool create) {
    options.actor = actor.empty() ? nullptr : actor.c_str();
    options.flags = create ? SENMAP_OPEN_CREATE : 0u;
    senmap* raw = nullptr;
    detail::check(senmap_open(&raw, &options));
    handle_.reset(raw);
  }

  template <class Fn>
  std::string import_with(Fn fn, const std::string& path, bool lenient) {
    senmap_import_options options = SENMAP_IMPORT_OPTIONS_INIT;
    options.lenient = lenient ? 1 : 0;
    char* report = nullptr;
    int rc = fn(&report, handle_.get(), path.c_str(), &options);  // before reading `report`
    detail::check(rc, report);
    return detail::take(report);
  }

  template <class Fn>
  std::string call(Fn fn) {
    char* out = nullptr;
    int rc = fn(&out, handle_.get());
    detail::check(rc, out);
    return detail::take(out);
  }

  struct Close {
    void operator()(senmap* db) const noexcept { senmap_close(db); }
  };
  std::unique_ptr<senmap, Close> handle_;
};

// (since 0.3) What a host source answers for a school ("9384123"): its batch, or nothing.
using HostSource = std::function<std::optional<std::string>(const std::string& school)>;

// Runs the sync the config describes and returns its JSON summary; throws Error (with the summary
// as report()) when a source failed or the config is refused. host_source fills `kind = "host"`.
inline std::string sync(const std::string& config_path, bool full = false, HostSource host_source = {}) {
  struct Held {
    HostSource source;
    std::string batch;  // kept until the next call, as senmap_host_source_fn promises
  } held{std::move(host_source), {}};
  senmap_sync_options options = SENMAP_SYNC_OPTIONS_INIT;
  options.full = full ? 1 : 0;
  if (held.source) {
    options.host_source_payload = &held;
    options.host_source = [](const char* school, void* payload) -> const char* {
      auto* h = static_cast<Held*>(payload);
      try {
        auto batch = h->source(school);
        if (!batch) return nullptr;
        h->batch = std::move(*batch);
        return h->batch.c_str();
      } catch (...) {
        return nullptr;  // an exception must not cross the C ABI: the source fails instead
      }
    };
  }
  char* out = nullptr;
  int rc = senmap_sync(&out, config_path.c_str(), &options);
  detail::check(rc, out);
  return detail::take(out);
}

// Writes a synthetic school (CTF 25) to path (and its OneRoster bundle if options say where).
inline void generate_ctf(const std::string& path, const senmap_generate_options& options) {
  detail::check(senmap_generate_ctf(path.c_str(), &options));
}

// Writes a synthetic trust (folders, CTFs, OneRoster bundles and senmap.toml) under dir.
inline void generate_trust(const std::string& dir, int schools, const senmap_generate_options& options) {
  detail::check(senmap_generate_trust(dir.c_str(), schools, &options));
}

}  // namespace senmap_cpp

#endif  // SENMAP_SENMAP_HPP
