#include "sync/host_ingest.hpp"

#include <chrono>

#include "host/host_batch.hpp"
#include "model/content_hash.hpp"
#include "sync/live_apply.hpp"

namespace sm::sync {
namespace {

std::string now_utc() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return model::format_utc(now).substr(0, 19);  // without the Z: the batch's as_of is written so
}

}  // namespace

ImportReport ingest_batch(store::Database& db, std::string_view batch_json, const IngestOptions& options) {
  ImportReport report;
  report.source = "host";
  report.file = options.origin;
  report.file_bytes = batch_json.size();
  report.checksum = "host:" + model::ContentHash::of(batch_json);

  auto batch = host::read_batch(batch_json, options.origin, now_utc());
  report.school_la = batch.school.la;
  report.school_estab = batch.school.estab;
  report.school_name = batch.school.name;
  if (batch.rejected) {
    report.file_rejected = true;
    report.problems = std::move(batch.read.problems);
    return report;
  }
  if (const auto& expected = options.expected_school;
      expected && (expected->la != batch.school.la || expected->estab != batch.school.estab)) {
    report.file_rejected = true;
    report.problems.push_back({options.origin, 0, "school", "", batch.school.la + " " + batch.school.estab,
                               "the sync asked the host for " + expected->la + " " + expected->estab +
                                   ", and this batch is for another school",
                               ""});
    return report;
  }
  if (batch.school.name.empty() && options.expected_school) batch.school.name = options.expected_school->name;
  if (already_applied(db, report.checksum)) {
    report.skipped_unchanged = true;
    report.ctf_datetime = batch.read.read_at;
    return report;
  }
  auto rejected = batch.read.details["pupils_rejected"];
  batch.read.details.erase("pupils_rejected");

  LiveApplyOptions apply;
  // The batch's own day dates what it says (a status change, a leaver without a date): a batch
  // the host sends days late still says when things happened.
  auto as_of = model::parse_datetime_date(batch.read.read_at);
  apply.today = as_of ? model::format_date(*as_of) : options.today;
  apply.location = options.origin;
  apply.lenient = options.lenient;
  apply_live_read(db, batch.school, batch.read, apply, report);
  report.pupils_in_file += rejected;
  report.rejected += rejected;
  return report;
}

}  // namespace sm::sync
