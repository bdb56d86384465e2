// Reading what the store holds: classes, the register, a pupil, the import journal.
#include <boost/json.hpp>

#include "capi/shim.hpp"
#include "report/classes_report.hpp"
#include "report/json_text.hpp"
#include "report/register_report.hpp"
#include "report/runs_report.hpp"

using sm::capi::Entry;

namespace {

// Runs a read-only operation for a reading function; `missing` is the failure when it is refused.
int read_through(const Entry& entry, char** out_json, senmap& db, const char* operation,
                 const boost::json::object& request, int missing, const std::string& why) {
  auto context = sm::capi::context_of(db);
  auto result = sm::ops::call(context, operation, boost::json::serialize(request));
  if (result.status != sm::ops::CallResult::Status::ok) return entry.failed(missing, why);
  return sm::capi::give(out_json, sm::report::json_text(result.response));
}

}  // namespace

extern "C" {

SENMAP_API int senmap_classes_json(char** out_json, senmap* db) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_classes_json");
    if (!entry.out(out_json, "out_json") || !entry.handle(db)) return entry.refused();
    return sm::capi::give(out_json, sm::report::json_text(sm::report::classes_json(*db->db, sm::capi::today())));
  });
}

SENMAP_API int senmap_register_json(char** out_json, senmap* db) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_register_json");
    if (!entry.out(out_json, "out_json") || !entry.handle(db)) return entry.refused();
    // The register.list operation: the same read, audit row and answer as GET /api/register's.
    return read_through(entry, out_json, *db, "register.list", {}, SENMAP_EINTERNAL, "the register could not be read");
  });
}

SENMAP_API int senmap_register_summary_json(char** out_json, senmap* db) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_register_summary_json");
    if (!entry.out(out_json, "out_json") || !entry.handle(db)) return entry.refused();
    auto entries = sm::report::load_register(*db->db, sm::capi::today());
    auto roll = sm::report::load_roll(*db->db);
    return sm::capi::give(out_json, sm::report::json_text(sm::report::register_summary_json(entries, roll)));
  });
}

SENMAP_API int senmap_pupil_json(char** out_json, senmap* db, const char* upn) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_pupil_json");
    if (!entry.out(out_json, "out_json") || !entry.handle(db) || !entry.text(upn, "upn")) return entry.refused();
    // The pupil.get operation (one read snapshot: no statement left open, so the handle keeps seeing
    // new syncs): the same read, audit row and answer as GET /api/pupils/{upn}'s.
    return read_through(entry, out_json, *db, "pupil.get", {{"upn", upn}}, SENMAP_ENOTFOUND,
                        std::string("no pupil with UPN ") + upn);
  });
}

SENMAP_API int senmap_runs_json(char** out_json, senmap* db) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_runs_json");
    if (!entry.out(out_json, "out_json") || !entry.handle(db)) return entry.refused();
    return sm::capi::give(out_json, sm::report::json_text(sm::report::runs_json(*db->db)));
  });
}

}  // extern "C"
