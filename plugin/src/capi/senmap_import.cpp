// Importing files: a CTF, a OneRoster bundle, a provision catalogue, the EHC plans held; and
// reading an incoming school's CTF for the intake view without storing it.
#include <boost/json.hpp>

#include "capi/import_report_json.hpp"
#include "capi/shim.hpp"
#include "ops/intake.hpp"
#include "report/json_text.hpp"
#include "sync/ctf_import.hpp"
#include "sync/oneroster_import.hpp"

using sm::capi::Entry;

namespace {

// Both importers share argument checks and the refusal rule; only the run itself differs.
template <class Run>
int import_with(const char* function, char** out_report, senmap* db, const char* path,
                const senmap_import_options* options, Run&& run) {
  Entry entry(function);
  if (!entry.out(out_report, "out_report") || !entry.handle(db) || !entry.text(path, "path")) return entry.refused();
  senmap_import_options opts = SENMAP_IMPORT_OPTIONS_INIT;
  if (int rc = sm::capi::read_options(entry, options, opts, sizeof(uint32_t) + sizeof(int))) return rc;
  sm::sync::ImportOptions import_options;
  import_options.lenient = opts.lenient != 0;
  auto report = run(import_options);
  int rc = sm::capi::give(out_report, sm::report::json_text(sm::capi::import_report_json(report)));
  if (rc != SENMAP_OK) return rc;
  if (report.refused(import_options)) {
    std::string why = report.problems.empty() ? "the input was refused" : report.problems.front().rule;
    return sm::capi::fail(SENMAP_EBADINPUT, path + std::string(": refused, ") + std::to_string(report.problems.size()) +
                                                " problem(s); first: " + why);
  }
  return SENMAP_OK;
}

// The spreadsheet importers (the provision catalogue, the EHC plans held) share their checks and
// their report: {"problems":[...]} refuses the whole file, naming the first problem.
int import_sheet(const char* function, char** out_report, senmap* db, const char* path,
                 boost::json::value (*run)(sm::ops::Context&, const std::string&)) {
  Entry entry(function);
  if (!entry.out(out_report, "out_report") || !entry.handle(db) || !entry.text(path, "path")) return entry.refused();
  auto context = sm::capi::context_of(*db);
  boost::json::value report;
  try {
    report = run(context, path);
  } catch (const sm::ops::InvalidRequest& e) {
    return sm::capi::fail(SENMAP_EIO, e.what());
  }
  int rc = sm::capi::give(out_report, sm::report::json_text(report));
  if (rc != SENMAP_OK) return rc;
  const auto& problems = report.at("problems").as_array();
  if (!problems.empty())
    return sm::capi::fail(SENMAP_EBADINPUT,
                          std::string(path) + ": nothing imported, " + std::to_string(problems.size()) +
                              " problem(s); first: " + std::string(problems[0].at("rule").as_string()));
  return SENMAP_OK;
}

}  // namespace

extern "C" {

SENMAP_API int senmap_import_options_init(senmap_import_options* options, uint32_t struct_size) {
  return sm::capi::guarded([&]() -> int {
    return sm::capi::init_options<senmap_import_options>("senmap_import_options_init", options, struct_size,
                                                         SENMAP_IMPORT_OPTIONS_INIT, sizeof(uint32_t) + sizeof(int));
  });
}

SENMAP_API int senmap_import_ctf(char** out_report, senmap* db, const char* path,
                                 const senmap_import_options* options) {
  return sm::capi::guarded([&]() -> int {
    return import_with("senmap_import_ctf", out_report, db, path, options,
                       [&](const sm::sync::ImportOptions& o) { return sm::sync::import_ctf(*db->db, path, o); });
  });
}

SENMAP_API int senmap_import_oneroster(char** out_report, senmap* db, const char* path,
                                       const senmap_import_options* options) {
  return sm::capi::guarded([&]() -> int {
    return import_with("senmap_import_oneroster", out_report, db, path, options, [&](const sm::sync::ImportOptions& o) {
      sm::sync::RosterImportOptions roster;
      roster.lenient = o.lenient;
      roster.today = sm::model::format_date(sm::capi::today());
      return sm::sync::import_oneroster(*db->db, path, roster);
    });
  });
}

SENMAP_API int senmap_import_provisions(char** out_report, senmap* db, const char* path) {
  return sm::capi::guarded([&]() -> int {
    return import_sheet("senmap_import_provisions", out_report, db, path, sm::ops::import_provisions);
  });
}

SENMAP_API int senmap_intake_ctf(char** out_json, senmap* db, const char* path) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_intake_ctf");
    if (!entry.out(out_json, "out_json") || !entry.handle(db) || !entry.text(path, "path")) return entry.refused();
    auto context = sm::capi::context_of(*db);
    auto intake = sm::ops::read_intake(context, path);
    int rc = sm::capi::give(out_json, sm::report::json_text(intake));
    if (rc != SENMAP_OK) return rc;
    if (!intake.as_object().contains("from_school")) {
      const auto& problems = intake.at("problems").as_array();
      return sm::capi::fail(SENMAP_EBADINPUT, std::string(path) + ": not a usable CTF: " +
                                                  (problems.empty() ? std::string("the file could not be read")
                                                                    : std::string(problems[0].at("rule").as_string())));
    }
    return SENMAP_OK;
  });
}

SENMAP_API int senmap_import_ehc_plans(char** out_report, senmap* db, const char* path) {
  return sm::capi::guarded([&]() -> int {
    return import_sheet("senmap_import_ehc_plans", out_report, db, path, sm::ops::import_ehc_plans);
  });
}

SENMAP_API int senmap_import_exclusions(char** out_report, senmap* db, const char* path) {
  return sm::capi::guarded([&]() -> int {
    return import_sheet("senmap_import_exclusions", out_report, db, path, sm::ops::import_exclusions);
  });
}

}  // extern "C"
