#include "capi/sync_summary_json.hpp"

#include <boost/json.hpp>

#include "capi/import_report_json.hpp"

namespace sm::capi {

boost::json::value sync_summary_json(const config::SyncConfig& config, const sync::SyncSummary& summary) {
  namespace json = boost::json;
  json::array sources;
  for (const auto& outcome : summary.sources) {
    json::array reports, quarantined;
    for (const auto& r : outcome.reports) reports.push_back(import_report_json(r));
    for (const auto& q : outcome.quarantined) quarantined.push_back(json::value(q));
    const auto& school = outcome.school->ref;
    sources.push_back({{"school", {{"la", school.la}, {"estab", school.estab}, {"name", school.name}}},
                       {"kind", config::kind_text(outcome.source->kind)},
                       {"path", outcome.source->is_live() ? outcome.source->live.url : outcome.source->path.string()},
                       {"status", outcome.status},
                       {"error", outcome.error},
                       {"quarantined", std::move(quarantined)},
                       {"reports", std::move(reports)}});
  }
  boost::json::value flags = nullptr;
  if (summary.flags)
    flags = rules::flag_run_json(*summary.flags);
  else if (!summary.flags_error.empty())
    flags = boost::json::object{{"error", summary.flags_error}};
  return {{"run_id", summary.run_id},
          {"status", summary.status},
          {"database", config.database.string()},
          {"lock_refused", summary.lock_refused},
          {"message", summary.lock_message},
          {"sources", std::move(sources)},
          {"flags", std::move(flags)},
          {"finish_error", summary.finish_error},
          {"warnings", json::value_from(summary.warnings)}};
}

boost::json::value config_problems_json(const std::vector<config::ConfigProblem>& problems) {
  boost::json::array out;
  for (const auto& p : problems) out.push_back({{"file", p.file}, {"line", p.line}, {"key", p.key}, {"rule", p.rule}});
  return {{"config_problems", std::move(out)}};
}

}  // namespace sm::capi
