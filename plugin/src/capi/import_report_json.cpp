#include "capi/import_report_json.hpp"

#include <boost/json.hpp>

#include "report/problem_json.hpp"

namespace sm::capi {
using report::problems_json;

boost::json::value import_report_json(const sync::ImportReport& r) {
  boost::json::object details;
  for (const auto& [kind, count] : r.details) details[kind] = count;
  return {{"file", r.file},
          {"source", r.source},
          {"details", std::move(details)},
          {"checksum", r.checksum},
          {"file_bytes", r.file_bytes},
          {"ctf_version", r.ctf_version},
          {"ctf_datetime", r.ctf_datetime},
          {"school", {{"la", r.school_la}, {"estab", r.school_estab}, {"name", r.school_name}}},
          {"applied", r.applied},
          {"skipped_unchanged", r.skipped_unchanged},
          {"file_rejected", r.file_rejected},
          {"pupils",
           {{"in_file", r.pupils_in_file},
            {"added", r.added},
            {"changed", r.changed},
            {"unchanged", r.unchanged},
            {"rejected", r.rejected},
            {"not_applied", r.not_applied},
            {"left", r.left}}},
          {"problems", problems_json(r.problems)},
          {"warnings", problems_json(r.warnings)}};
}

}  // namespace sm::capi
