// extern "C" shims only: check arguments, translate exceptions to codes, hand out memory.
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <new>
#include <random>
#include <string>

#include "capi/import_report_json.hpp"
#include "capi/sync_summary_json.hpp"
#include "config/sync_config.hpp"
#include "generator/school_calendar.hpp"
#include "generator/school_generator.hpp"
#include "generator/trust_generator.hpp"
#include "http/server.hpp"
#include "model/utf8.hpp"
#include "ops/operation.hpp"
#include "report/classes_report.hpp"
#include "report/json_text.hpp"
#include "report/register_report.hpp"
#include "report/runs_report.hpp"
#include "report/table.hpp"
#include "report/table_export.hpp"
#include "senmap/senmap.h"
#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/private_file.hpp"
#include "store/settings.hpp"
#include "sync/ctf_import.hpp"
#include "sync/oneroster_import.hpp"
#include "sync/sync_run.hpp"
#include "writeback/ctf_export.hpp"
#include "writeback/host_target.hpp"
#include "writeback/outbox.hpp"
#include "writeback/writeback_run.hpp"

struct senmap_server {
  sm::http::Server* server;
};

struct senmap {
  std::unique_ptr<sm::store::Database> db;
  std::string actor;
  std::map<std::string, std::pair<sm::writeback::HostFunction, void*>>
      hosts;  // writeback functions registered on this handle
};

namespace {
using senmap_handle = ::senmap;

thread_local std::string last_error;

int fail(int code, std::string message) {
  last_error = std::move(message);
  return code;
}

// What a config file says that is the school's (the statutory clock, the writeback targets):
// recorded in the store whenever the config is opened, so opening the database alone sees it too.
struct SchoolSettings {
  sm::model::ClockRules clock;
  std::vector<std::tuple<std::string, std::string, std::string>> targets;
  void record(sm::store::Database& db) const {
    sm::store::save_clock_rules(db, clock);
    sm::writeback::set_targets(db, targets);
  }
};

// Reads a config: the database it names and the school's settings, or SENMAP_ECONFIG naming the
// file, line, key and rule of its first problem.
int read_config(const char* config_path, std::string& path, std::optional<SchoolSettings>& settings) {
  auto config = sm::config::load_sync_config(config_path);
  if (!config.problems.empty()) {
    const auto& p = config.problems.front();
    return fail(SENMAP_ECONFIG,
                p.file + ":" + std::to_string(p.line) + ": " + (p.key.empty() ? "" : p.key + ": ") + p.rule);
  }
  path = config.config.database.string();
  settings = SchoolSettings{config.config.clock, sm::sync::writeback_targets(config.config)};
  return SENMAP_OK;
}

// Every shim body runs inside this: no exception may cross the C boundary.
template <class Body>
int guarded(Body&& body) noexcept {
  try {
    last_error.clear();
    return body();
  } catch (const sm::store::SchemaTooNew& e) {
    return fail(SENMAP_ESCHEMA, e.what());
  } catch (const sm::store::StoreError& e) {
    return fail(SENMAP_EIO, e.what());
  } catch (const std::bad_alloc&) {
    return fail(SENMAP_ENOMEM, "out of memory");
  } catch (const std::exception& e) {
    return fail(SENMAP_EINTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(SENMAP_EINTERNAL, "internal error");
  }
}

// Copies a caller's options struct, accepting older (smaller) versions of it.
template <class Options>
bool read_options(const Options* in, Options& out, std::size_t minimum_size) {
  if (!in) return true;
  if (in->struct_size < minimum_size) return false;
  std::memcpy(&out, in, std::min<std::size_t>(in->struct_size, sizeof(Options)));
  out.struct_size = sizeof(Options);
  return true;
}

// Hands a string to the caller; released with senmap_free.
// Every text the ABI hands out is UTF-8, as senmap.h promises, whatever an older database holds.
int give(char** out, const std::string& given) {
  // Repaired only when needed: most answers are valid, and some are megabytes (the register).
  const bool valid = !sm::model::first_invalid_utf8(given);
  const std::string repaired = valid ? std::string() : sm::model::valid_utf8(given);
  const std::string& text = valid ? given : repaired;
  auto* memory = static_cast<char*>(std::malloc(text.size() + 1));
  if (!memory) return fail(SENMAP_ENOMEM, "out of memory");
  std::memcpy(memory, text.c_str(), text.size() + 1);
  *out = memory;
  return SENMAP_OK;
}

sm::model::Date today() {
  return sm::model::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

// What an operation runs with: the store, who is acting, today, and the school's clock.
sm::ops::Context context_of(senmap_handle& handle) {
  return sm::ops::Context{*handle.db, handle.actor, today(), sm::store::load_clock_rules(*handle.db)};
}

// Both importers share argument checks and the refusal rule; only the run itself differs.
template <class Run>
int import_with(const char* what, char** out_report, senmap_handle* db, const char* path,
                const senmap_import_options* options, Run&& run) {
  if (!out_report) return fail(SENMAP_EINVAL, std::string(what) + ": out_report is NULL");
  *out_report = nullptr;
  if (!db) return fail(SENMAP_EINVAL, std::string(what) + ": db is NULL");
  if (!path || !*path) return fail(SENMAP_EINVAL, std::string(what) + ": path is empty");
  senmap_import_options opts = SENMAP_IMPORT_OPTIONS_INIT;
  if (!read_options(options, opts, sizeof(uint32_t) + sizeof(int)))
    return fail(SENMAP_EINVAL, std::string(what) + ": options.struct_size is too small");
  sm::sync::ImportOptions import_options;
  import_options.lenient = opts.lenient != 0;
  auto report = run(import_options);
  int rc = give(out_report, sm::report::json_text(sm::capi::import_report_json(report)));
  if (rc != SENMAP_OK) return rc;
  if (report.refused(import_options)) {
    std::string why = report.problems.empty() ? "the input was refused" : report.problems.front().rule;
    return fail(SENMAP_EBADINPUT, path + std::string(": refused, ") + std::to_string(report.problems.size()) +
                                      " problem(s); first: " + why);
  }
  return SENMAP_OK;
}

// Checks generator options (any struct version) and turns them into a school spec.
int school_spec(const char* what, const senmap_generate_options* options, sm::generator::SchoolSpec& spec,
                const char** oneroster_dir) {
  senmap_generate_options opts = SENMAP_GENERATE_OPTIONS_INIT;
  if (!read_options(options, opts, offsetof(senmap_generate_options, academic_year) + sizeof(int)))
    return fail(SENMAP_EINVAL, std::string(what) + ": options.struct_size is too small");
  if (opts.pupils < 1 || opts.pupils > 20000)
    return fail(SENMAP_EINVAL, std::string(what) + ": pupils must be from 1 to 20000");
  if (opts.phase != SENMAP_PHASE_PRIMARY && opts.phase != SENMAP_PHASE_SECONDARY)
    return fail(SENMAP_EINVAL, std::string(what) + ": phase must be SENMAP_PHASE_PRIMARY or SENMAP_PHASE_SECONDARY");
  // Up to the year holding today: a school can be generated for the year it is in (past the
  // reference data's bank holidays, the calendar uses England's standing pattern).
  const int latest = sm::model::academic_year_of(today());
  if (opts.academic_year < 2023 || opts.academic_year > latest)
    return fail(SENMAP_EINVAL, std::string(what) + ": academic_year must be 2023 to " + std::to_string(latest) +
                                   " (the school year holding today)");
  spec.pupils = opts.pupils;
  spec.seed = opts.seed;
  spec.phase = opts.phase == SENMAP_PHASE_PRIMARY ? sm::generator::Phase::primary : sm::generator::Phase::secondary;
  spec.academic_year = opts.academic_year;
  if (opts.as_of) {
    spec.as_of = sm::model::parse_date(opts.as_of);
    if (!spec.as_of) return fail(SENMAP_EINVAL, std::string(what) + ": as_of must be a date, YYYY-MM-DD");
    if (*spec.as_of > today()) return fail(SENMAP_EINVAL, std::string(what) + ": as_of cannot be in the future");
  } else if (sm::generator::school_calendar_for(opts.academic_year).last_day() > today()) {
    spec.as_of = today();  // the year is still running: exported today, never from the future
  }
  if (oneroster_dir) *oneroster_dir = opts.oneroster_dir;
  return SENMAP_OK;
}

}  // namespace

extern "C" {

SENMAP_API const char* senmap_version(void) {
  return "0.1.0";
}

SENMAP_API int senmap_version_number(void) {
  return SENMAP_VERSION_MAJOR * 10000 + SENMAP_VERSION_MINOR * 100 + SENMAP_VERSION_PATCH;
}

SENMAP_API const char* senmap_error_last(void) {
  return last_error.c_str();
}

SENMAP_API void senmap_free(void* memory) {
  std::free(memory);
}

SENMAP_API int senmap_open(senmap_handle** out, const senmap_options* options) {
  return guarded([&] {
    if (!out) return fail(SENMAP_EINVAL, "senmap_open: out is NULL");
    *out = nullptr;
    senmap_options opts = SENMAP_OPTIONS_INIT;
    if (!options) return fail(SENMAP_EINVAL, "senmap_open: options is NULL (db_path is required)");
    if (!read_options(options, opts, offsetof(senmap_options, db_path) + sizeof(const char*)))
      return fail(SENMAP_EINVAL, "senmap_open: options.struct_size is too small");
    std::string path = opts.db_path ? opts.db_path : "";
    std::optional<SchoolSettings> settings;
    if (path.empty() && opts.config_path && *opts.config_path)
      if (int rc = read_config(opts.config_path, path, settings); rc != SENMAP_OK) return rc;
    if (path.empty()) return fail(SENMAP_EINVAL, "senmap_open: options.db_path is empty (and no config_path)");
    auto handle = std::make_unique<senmap_handle>();
    handle->db = std::make_unique<sm::store::Database>(path, (opts.flags & SENMAP_OPEN_CREATE) != 0);
    if (settings) settings->record(*handle->db);
    handle->actor = opts.actor && *opts.actor ? opts.actor : "unknown";
    *out = handle.release();
    return SENMAP_OK;
  });
}

SENMAP_API void senmap_close(senmap_handle* db) {
  delete db;
}

SENMAP_API int senmap_import_ctf(char** out_report, senmap_handle* db, const char* path,
                                 const senmap_import_options* options) {
  return guarded([&] {
    return import_with("senmap_import_ctf", out_report, db, path, options,
                       [&](const sm::sync::ImportOptions& o) { return sm::sync::import_ctf(*db->db, path, o); });
  });
}

SENMAP_API int senmap_import_oneroster(char** out_report, senmap_handle* db, const char* path,
                                       const senmap_import_options* options) {
  return guarded([&] {
    return import_with("senmap_import_oneroster", out_report, db, path, options, [&](const sm::sync::ImportOptions& o) {
      sm::sync::RosterImportOptions roster;
      roster.lenient = o.lenient;
      roster.today = sm::model::format_date(today());
      return sm::sync::import_oneroster(*db->db, path, roster);
    });
  });
}

SENMAP_API int senmap_classes_json(char** out_json, senmap_handle* db) {
  return guarded([&] {
    if (!out_json) return fail(SENMAP_EINVAL, "senmap_classes_json: out_json is NULL");
    *out_json = nullptr;
    if (!db) return fail(SENMAP_EINVAL, "senmap_classes_json: db is NULL");
    return give(out_json, sm::report::json_text(sm::report::classes_json(*db->db, today())));
  });
}

SENMAP_API int senmap_register_json(char** out_json, senmap_handle* db) {
  return guarded([&] {
    if (!out_json) return fail(SENMAP_EINVAL, "senmap_register_json: out_json is NULL");
    *out_json = nullptr;
    if (!db) return fail(SENMAP_EINVAL, "senmap_register_json: db is NULL");
    // The register.list operation: the same read, audit row and answer as GET /api/register's.
    auto context = context_of(*db);
    auto result = sm::ops::call(context, "register.list", "{}");
    if (result.status != sm::ops::CallResult::Status::ok)
      return fail(SENMAP_EINTERNAL, "senmap_register_json: the register could not be read");
    return give(out_json, sm::report::json_text(result.response));
  });
}

SENMAP_API int senmap_register_summary_json(char** out_json, senmap_handle* db) {
  return guarded([&] {
    if (!out_json) return fail(SENMAP_EINVAL, "senmap_register_summary_json: out_json is NULL");
    *out_json = nullptr;
    if (!db) return fail(SENMAP_EINVAL, "senmap_register_summary_json: db is NULL");
    auto entries = sm::report::load_register(*db->db, today());
    auto roll = sm::report::load_roll(*db->db);
    return give(out_json, sm::report::json_text(sm::report::register_summary_json(entries, roll)));
  });
}

SENMAP_API int senmap_pupil_json(char** out_json, senmap_handle* db, const char* upn) {
  return guarded([&] {
    if (!out_json) return fail(SENMAP_EINVAL, "senmap_pupil_json: out_json is NULL");
    *out_json = nullptr;
    if (!db) return fail(SENMAP_EINVAL, "senmap_pupil_json: db is NULL");
    if (!upn || !*upn) return fail(SENMAP_EINVAL, "senmap_pupil_json: upn is empty");
    // The pupil.get operation (one read snapshot: no statement left open, so the handle keeps seeing
    // new syncs): the same read, audit row and answer as GET /api/pupils/{upn}'s.
    auto context = context_of(*db);
    auto result = sm::ops::call(context, "pupil.get", boost::json::serialize(boost::json::object{{"upn", upn}}));
    if (result.status != sm::ops::CallResult::Status::ok)
      return fail(SENMAP_ENOTFOUND, std::string("no pupil with UPN ") + upn);
    return give(out_json, sm::report::json_text(result.response));
  });
}

SENMAP_API int senmap_call(char** out_response, senmap_handle* db, const char* operation, const char* request_json) {
  return guarded([&] {
    if (!out_response) return fail(SENMAP_EINVAL, "senmap_call: out_response is NULL");
    *out_response = nullptr;
    if (!db) return fail(SENMAP_EINVAL, "senmap_call: db is NULL");
    if (!operation || !*operation) return fail(SENMAP_EINVAL, "senmap_call: operation is empty");
    auto context = context_of(*db);
    auto result = sm::ops::call(context, operation, request_json ? request_json : "");
    int rc = give(out_response, sm::report::json_text(result.response));
    if (rc != SENMAP_OK) return rc;
    using Status = sm::ops::CallResult::Status;
    auto first_error = [&] {
      const auto& errors = result.response.at("errors").as_array();
      if (errors.empty()) return std::string();
      std::string field(errors[0].at("field").as_string());
      return (field.empty() ? "" : field + ": ") + std::string(errors[0].at("rule").as_string());
    };
    switch (result.status) {
      case Status::ok:
        return SENMAP_OK;
      case Status::invalid:
        return fail(SENMAP_EBADINPUT, std::string(operation) + " refused: " + first_error());
      case Status::unknown_operation:
      case Status::not_found:
        return fail(SENMAP_ENOTFOUND, first_error());
    }
    return SENMAP_OK;
  });
}

namespace {

// Runs a report operation for its table form; the status and reason when it cannot.
int report_as_table(senmap_handle& db, const std::string& which, const char* request_json, sm::report::Table& out) {
  auto context = context_of(db);
  auto result = sm::ops::call(context, which, request_json ? request_json : "");
  if (result.status != sm::ops::CallResult::Status::ok) {
    const auto& errors = result.response.at("errors").as_array();
    std::string why = errors.empty() ? "refused" : std::string(errors[0].at("rule").as_string());
    return fail(result.status == sm::ops::CallResult::Status::invalid ? SENMAP_EBADINPUT : SENMAP_ENOTFOUND,
                which + ": " + why);
  }
  auto table = sm::ops::report_table(which, result.response);
  if (!table) return fail(SENMAP_EINVAL, which + " has no table form (senmap_call gives its JSON)");
  out = std::move(*table);
  return SENMAP_OK;
}

}  // namespace

SENMAP_API int senmap_report_export(senmap_handle* db, const char* report, const char* request_json, const char* format,
                                    const char* out_path) {
  return guarded([&] {
    if (!db) return fail(SENMAP_EINVAL, "senmap_report_export: db is NULL");
    if (!report || !*report) return fail(SENMAP_EINVAL, "senmap_report_export: report is empty");
    std::string kind = format ? format : "";
    if (kind != "csv" && kind != "xlsx") return fail(SENMAP_EINVAL, "senmap_report_export: format must be csv or xlsx");
    if (!out_path || !*out_path) return fail(SENMAP_EINVAL, "senmap_report_export: out_path is empty");
    sm::report::Table table;
    if (int rc = report_as_table(*db, report, request_json, table); rc != SENMAP_OK) return rc;
    try {
      if (kind == "csv")
        sm::report::write_csv(table, out_path);
      else
        sm::report::write_xlsx(table, out_path);
    } catch (const std::runtime_error& e) {
      return fail(SENMAP_EIO, e.what());
    }
    return SENMAP_OK;
  });
}

SENMAP_API int senmap_report_table_json(char** out_json, senmap_handle* db, const char* report,
                                        const char* request_json) {
  return guarded([&] {
    if (!out_json) return fail(SENMAP_EINVAL, "senmap_report_table_json: out_json is NULL");
    *out_json = nullptr;
    if (!db) return fail(SENMAP_EINVAL, "senmap_report_table_json: db is NULL");
    if (!report || !*report) return fail(SENMAP_EINVAL, "senmap_report_table_json: report is empty");
    sm::report::Table table;
    if (int rc = report_as_table(*db, report, request_json, table); rc != SENMAP_OK) return rc;
    return give(out_json, sm::report::json_text(sm::report::table_json(table)));
  });
}

SENMAP_API int senmap_report_table_csv(char** out_csv, const char* table_json) {
  return guarded([&] {
    if (!out_csv) return fail(SENMAP_EINVAL, "senmap_report_table_csv: out_csv is NULL");
    *out_csv = nullptr;
    if (!table_json) return fail(SENMAP_EINVAL, "senmap_report_table_csv: table_json is NULL");
    boost::system::error_code error;
    auto json = boost::json::parse(table_json, error);
    if (error) return fail(SENMAP_EINVAL, "senmap_report_table_csv: table_json is not JSON: " + error.message());
    sm::report::Table table;
    try {
      table = sm::report::table_from_json(json);
    } catch (const std::invalid_argument& e) {
      return fail(SENMAP_EINVAL, std::string("senmap_report_table_csv: ") + e.what());
    }
    return give(out_csv, sm::report::csv_rows(table));
  });
}

SENMAP_API int senmap_import_provisions(char** out_report, senmap_handle* db, const char* path) {
  return guarded([&] {
    if (!out_report) return fail(SENMAP_EINVAL, "senmap_import_provisions: out_report is NULL");
    *out_report = nullptr;
    if (!db) return fail(SENMAP_EINVAL, "senmap_import_provisions: db is NULL");
    if (!path || !*path) return fail(SENMAP_EINVAL, "senmap_import_provisions: path is empty");
    auto context = context_of(*db);
    boost::json::value report;
    try {
      report = sm::ops::import_provisions(context, path);
    } catch (const sm::ops::InvalidRequest& e) {
      return fail(SENMAP_EIO, e.what());
    }
    int rc = give(out_report, sm::report::json_text(report));
    if (rc != SENMAP_OK) return rc;
    const auto& problems = report.at("problems").as_array();
    if (!problems.empty())
      return fail(SENMAP_EBADINPUT, std::string(path) + ": nothing imported, " + std::to_string(problems.size()) +
                                        " problem(s); first: " + std::string(problems[0].at("rule").as_string()));
    return SENMAP_OK;
  });
}

SENMAP_API int senmap_ops_json(char** out_json) {
  return guarded([&] {
    if (!out_json) return fail(SENMAP_EINVAL, "senmap_ops_json: out_json is NULL");
    *out_json = nullptr;
    return give(out_json, sm::report::json_text(sm::ops::describe_operations()));
  });
}

SENMAP_API int senmap_runs_json(char** out_json, senmap_handle* db) {
  return guarded([&] {
    if (!out_json) return fail(SENMAP_EINVAL, "senmap_runs_json: out_json is NULL");
    *out_json = nullptr;
    if (!db) return fail(SENMAP_EINVAL, "senmap_runs_json: db is NULL");
    return give(out_json, sm::report::json_text(sm::report::runs_json(*db->db)));
  });
}

SENMAP_API int senmap_sync(char** out_summary, const char* config_path, const senmap_sync_options* options) {
  return guarded([&] {
    if (!out_summary) return fail(SENMAP_EINVAL, "senmap_sync: out_summary is NULL");
    *out_summary = nullptr;
    if (!config_path || !*config_path) return fail(SENMAP_EINVAL, "senmap_sync: config_path is empty");
    senmap_sync_options opts = SENMAP_SYNC_OPTIONS_INIT;
    if (!read_options(options, opts, sizeof(uint32_t)))
      return fail(SENMAP_EINVAL, "senmap_sync: options.struct_size is too small");
    auto loaded = sm::config::load_sync_config(config_path);
    if (!loaded.problems.empty()) {
      int rc = give(out_summary, sm::report::json_text(sm::capi::config_problems_json(loaded.problems)));
      if (rc != SENMAP_OK) return rc;
      return fail(SENMAP_ECONFIG, std::string(config_path) + ": " + std::to_string(loaded.problems.size()) +
                                      " problem(s); first: " + loaded.problems.front().rule);
    }
    sm::sync::SyncOptions sync_options;
    sync_options.today = sm::model::format_date(today());
    sync_options.full = opts.full != 0;
    if (opts.progress) {
      sync_options.progress = [&opts](const std::string& source, std::size_t done, std::size_t total) {
        opts.progress(source.c_str(), done, total, opts.progress_payload);
      };
    }
    auto summary = sm::sync::run_sync(loaded.config, sync_options);
    int rc = give(out_summary, sm::report::json_text(sm::capi::sync_summary_json(loaded.config, summary)));
    if (rc != SENMAP_OK) return rc;
    if (summary.lock_refused) return fail(SENMAP_EBUSY, summary.lock_message);
    if (!summary.finish_error.empty())
      return fail(SENMAP_EPARTIAL, "the sync could not finish: " + summary.finish_error);
    if (summary.failed() > 0)
      return fail(SENMAP_EPARTIAL, std::to_string(summary.failed()) + " of " + std::to_string(summary.sources.size()) +
                                       " source(s) failed: see the summary");
    return SENMAP_OK;
  });
}

SENMAP_API int senmap_generate_ctf(const char* out_path, const senmap_generate_options* options) {
  return guarded([&] {
    if (!out_path || !*out_path) return fail(SENMAP_EINVAL, "senmap_generate_ctf: out_path is empty");
    sm::generator::SchoolSpec spec;
    const char* oneroster_dir = nullptr;
    if (int rc = school_spec("senmap_generate_ctf", options, spec, &oneroster_dir); rc != SENMAP_OK) return rc;
    auto xml = sm::generator::generate_ctf(spec);
    sm::store::prepare_private_file(out_path);
    std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
    if (!out.write(xml.data(), static_cast<std::streamsize>(xml.size())) || !out.flush())
      return fail(SENMAP_EIO, std::string("cannot write ") + out_path);
    if (oneroster_dir && *oneroster_dir)
      sm::generator::write_bundle(sm::generator::generate_oneroster(spec), oneroster_dir);
    return SENMAP_OK;
  });
}

SENMAP_API int senmap_generate_trust(const char* out_dir, int schools, const senmap_generate_options* options) {
  return guarded([&] {
    if (!out_dir || !*out_dir) return fail(SENMAP_EINVAL, "senmap_generate_trust: out_dir is empty");
    if (schools < 1 || schools > 200)
      return fail(SENMAP_EINVAL, "senmap_generate_trust: schools must be from 1 to 200");
    sm::generator::TrustSpec trust;
    trust.schools = schools;
    if (int rc = school_spec("senmap_generate_trust", options, trust.school, nullptr); rc != SENMAP_OK) return rc;
    try {
      sm::generator::write_trust(trust, out_dir);
    } catch (const std::runtime_error& e) {
      return fail(SENMAP_EIO, e.what());
    }
    return SENMAP_OK;
  });
}

}  // extern "C"

SENMAP_API int senmap_writeback_host_register(senmap_handle* db, const char* target, senmap_writeback_fn fn,
                                              void* payload) {
  return guarded([&] {
    if (!db) return fail(SENMAP_EINVAL, "senmap_writeback_host_register: db is NULL");
    if (!target || !*target) return fail(SENMAP_EINVAL, "senmap_writeback_host_register: target is empty");
    if (!fn) return fail(SENMAP_EINVAL, "senmap_writeback_host_register: fn is NULL");
    sm::writeback::register_host_target(*db->db, target);
    db->hosts[target] = {fn, payload};
    return SENMAP_OK;
  });
}

SENMAP_API int senmap_writeback_run(char** out_summary, senmap_handle* db) {
  return guarded([&] {
    if (!out_summary) return fail(SENMAP_EINVAL, "senmap_writeback_run: out_summary is NULL");
    *out_summary = nullptr;
    if (!db) return fail(SENMAP_EINVAL, "senmap_writeback_run: db is NULL");
    auto targets = sm::writeback::configured_targets(*db->db);
    for (const auto& [name, host] : db->hosts)
      targets[name] = std::make_unique<sm::writeback::HostTarget>(host.first, host.second);
    std::mt19937_64 random{std::random_device{}()};
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto runs = sm::writeback::run_writeback(*db->db, targets, now, {}, random);
    return give(out_summary,
                sm::report::json_text(boost::json::object{{"targets", sm::writeback::writeback_json(runs)}}));
  });
}

SENMAP_API int senmap_export_ctf(char** out_summary, senmap_handle* db, const char* school, const char* out_path) {
  return guarded([&] {
    if (!out_summary) return fail(SENMAP_EINVAL, "senmap_export_ctf: out_summary is NULL");
    *out_summary = nullptr;
    if (!db) return fail(SENMAP_EINVAL, "senmap_export_ctf: db is NULL");
    if (!out_path || !*out_path) return fail(SENMAP_EINVAL, "senmap_export_ctf: out_path is empty");
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto stamp = sm::model::format_utc(now);
    sm::writeback::CtfExport exported;
    try {
      exported = sm::writeback::export_ctf(*db->db, school ? school : "", stamp.substr(0, 19));
    } catch (const std::invalid_argument& e) {
      return fail(SENMAP_EINVAL, e.what());
    }
    {
      sm::store::prepare_private_file(out_path);
      std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
      out << exported.xml;
      if (!out.flush()) return fail(SENMAP_EIO, std::string("cannot write ") + out_path);
    }
    sm::store::audit(*db->db, db->actor, "export.ctf", "");  // every pupil's SEN record was read
    return give(out_summary,
                sm::report::json_text(boost::json::object{{"file", out_path}, {"pupils", exported.pupils}}));
  });
}

SENMAP_API int senmap_serve(const senmap_serve_options* options) {
  return guarded([&] {
    senmap_serve_options opts = SENMAP_SERVE_OPTIONS_INIT;
    if (!options) return fail(SENMAP_EINVAL, "senmap_serve: options is NULL (db_path or config_path is required)");
    if (!read_options(options, opts, offsetof(senmap_serve_options, key_path) + sizeof(const char*)))
      return fail(SENMAP_EINVAL, "senmap_serve: options.struct_size is too small");
    std::string path = opts.db_path ? opts.db_path : "";
    std::optional<SchoolSettings> settings;
    if (path.empty() && opts.config_path && *opts.config_path)
      if (int rc = read_config(opts.config_path, path, settings); rc != SENMAP_OK) return rc;
    if (path.empty()) return fail(SENMAP_EINVAL, "senmap_serve: options.db_path is empty (and no config_path)");
    {
      sm::store::Database db(path, false);  // brings the schema up to date once, before the workers open it
      if (settings) settings->record(db);
    }
    sm::http::ServerOptions server_options;
    server_options.database = path;
    if (opts.listen && *opts.listen) server_options.listen = opts.listen;
    if (opts.cert_path) server_options.cert_path = opts.cert_path;
    if (opts.key_path) server_options.key_path = opts.key_path;
    if (opts.threads < 0 || opts.threads > 64) return fail(SENMAP_EINVAL, "senmap_serve: threads must be from 0 to 64");
    server_options.threads = opts.threads;
    if (opts.max_header_bytes) server_options.max_header_bytes = opts.max_header_bytes;
    if (opts.max_body_bytes) server_options.max_body_bytes = opts.max_body_bytes;
    if (opts.request_timeout_ms) server_options.request_timeout = std::chrono::milliseconds(opts.request_timeout_ms);
    server_options.handle_signals = opts.handle_signals != 0;
    if (opts.session_idle_seconds) server_options.session_idle = std::chrono::seconds(opts.session_idle_seconds);
    if (opts.session_absolute_seconds)
      server_options.session_absolute = std::chrono::seconds(opts.session_absolute_seconds);
    if (opts.frame_ancestors) server_options.frame_ancestors = opts.frame_ancestors;
    if (opts.max_connections > 100000)
      return fail(SENMAP_EINVAL, "senmap_serve: max_connections must be at most 100000");
    if (opts.max_connections) server_options.max_connections = static_cast<int>(opts.max_connections);
    if (opts.max_connections_per_address > 100000)
      return fail(SENMAP_EINVAL, "senmap_serve: max_connections_per_address must be at most 100000");
    if (opts.max_connections_per_address)
      server_options.max_connections_per_address = static_cast<int>(opts.max_connections_per_address);
    std::unique_ptr<sm::http::Server> server;
    try {
      server = std::make_unique<sm::http::Server>(server_options);
    } catch (const sm::http::ServerError& e) {
      bool in_use = std::string(e.what()).find("cannot listen") != std::string::npos;
      return fail(in_use ? SENMAP_EIO : SENMAP_EINVAL, e.what());
    }
    senmap_server handle{server.get()};
    if (opts.ready) opts.ready(&handle, server->url().c_str(), opts.ready_payload);
    server->run();
    return SENMAP_OK;
  });
}

SENMAP_API void senmap_server_stop(senmap_server* server) {
  if (!server || !server->server) return;
  try {
    server->server->stop();
  } catch (...) {
  }
}
