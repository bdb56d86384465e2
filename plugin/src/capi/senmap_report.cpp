// Reports as files a person opens (CSV, XLSX) and as tables a host shows.
#include <boost/json.hpp>
#include <stdexcept>

#include "capi/shim.hpp"
#include "report/json_text.hpp"
#include "report/table.hpp"
#include "report/table_export.hpp"

using sm::capi::Entry;

namespace {

// Runs a report operation; the status and reason when it cannot.
int run_report(senmap& db, const std::string& which, const char* request_json, boost::json::value& out) {
  auto context = sm::capi::context_of(db);
  auto result = sm::ops::call(context, which, request_json ? request_json : "");
  if (result.status != sm::ops::CallResult::Status::ok) {
    const auto& errors = result.response.at("errors").as_array();
    std::string why = errors.empty() ? "refused" : std::string(errors[0].at("rule").as_string());
    return sm::capi::fail(result.status == sm::ops::CallResult::Status::invalid ? SENMAP_EBADINPUT : SENMAP_ENOTFOUND,
                          which + ": " + why);
  }
  out = std::move(result.response);
  return SENMAP_OK;
}

// Runs a report operation for its table form.
int report_as_table(senmap& db, const std::string& which, const char* request_json, sm::report::Table& out) {
  boost::json::value response;
  if (int rc = run_report(db, which, request_json, response); rc != SENMAP_OK) return rc;
  auto table = sm::ops::report_table(which, response);
  if (!table) return sm::capi::fail(SENMAP_EINVAL, which + " has no table form (senmap_call gives its JSON)");
  out = std::move(*table);
  return SENMAP_OK;
}

}  // namespace

extern "C" {

SENMAP_API int senmap_report_export(senmap* db, const char* report, const char* request_json, const char* format,
                                    const char* out_path) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_report_export");
    if (!entry.handle(db) || !entry.text(report, "report")) return entry.refused();
    std::string kind = format ? format : "";
    if (kind != "csv" && kind != "xlsx" && kind != "html")
      return entry.failed(SENMAP_EINVAL, "format must be csv, xlsx or html");
    if (!entry.text(out_path, "out_path")) return entry.refused();
    if (kind == "html") {  // a document to read and print: the governors' report
      boost::json::value response;
      if (int rc = run_report(*db, report, request_json, response); rc != SENMAP_OK) return rc;
      auto document = sm::ops::report_document(report, response);
      if (!document)
        return sm::capi::fail(
            SENMAP_EINVAL,
            std::string(report) +
                " has no document form (html: the governors' report, the handover pack, the SEN Information Report)");
      try {
        sm::report::write_document(*document, out_path);
      } catch (const std::runtime_error& e) {
        return sm::capi::fail(SENMAP_EIO, e.what());
      }
      return SENMAP_OK;
    }
    sm::report::Table table;
    if (int rc = report_as_table(*db, report, request_json, table); rc != SENMAP_OK) return rc;
    try {
      if (kind == "csv")
        sm::report::write_csv(table, out_path);
      else
        sm::report::write_xlsx(table, out_path);
    } catch (const std::runtime_error& e) {
      return sm::capi::fail(SENMAP_EIO, e.what());
    }
    return SENMAP_OK;
  });
}

SENMAP_API int senmap_report_table_json(char** out_json, senmap* db, const char* report, const char* request_json) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_report_table_json");
    if (!entry.out(out_json, "out_json") || !entry.handle(db) || !entry.text(report, "report")) return entry.refused();
    sm::report::Table table;
    if (int rc = report_as_table(*db, report, request_json, table); rc != SENMAP_OK) return rc;
    return sm::capi::give(out_json, sm::report::json_text(sm::report::table_json(table)));
  });
}

SENMAP_API int senmap_report_table_csv(char** out_csv, const char* table_json) {
  return sm::capi::guarded([&]() -> int {
    Entry entry("senmap_report_table_csv");
    if (!entry.out(out_csv, "out_csv") || !entry.given(table_json, "table_json")) return entry.refused();
    boost::system::error_code error;
    auto json = boost::json::parse(table_json, error);
    if (error) return entry.failed(SENMAP_EINVAL, "table_json is not JSON: " + error.message());
    sm::report::Table table;
    try {
      table = sm::report::table_from_json(json);
    } catch (const std::invalid_argument& e) {
      return entry.failed(SENMAP_EINVAL, e.what());
    }
    return sm::capi::give(out_csv, sm::report::csv_rows(table));
  });
}

}  // extern "C"
