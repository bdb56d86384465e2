// The JSON shapes of a sync's summary and of a refused configuration.
#pragma once
#include <boost/json/value.hpp>

#include "config/sync_config.hpp"
#include "sync/sync_run.hpp"

namespace sm::capi {

boost::json::value sync_summary_json(const config::SyncConfig& config, const sync::SyncSummary& summary);
boost::json::value config_problems_json(const std::vector<config::ConfigProblem>& problems);

}  // namespace sm::capi
