// The JSON shape of an import report, shared by the C ABI (and so the CLI and hosts).
#pragma once
#include <boost/json/value.hpp>

#include "sync/ctf_import.hpp"

namespace sm::capi {

boost::json::value import_report_json(const sync::ImportReport& report);

}  // namespace sm::capi
