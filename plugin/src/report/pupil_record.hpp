// One pupil's whole record: identity, SEN status history, needs, attendance and assessments.
#pragma once
#include <boost/json/value.hpp>
#include <optional>
#include <string_view>

#include "model/dates.hpp"
#include "store/database.hpp"

namespace sm::report {

// Empty when no pupil has this UPN.
std::optional<boost::json::value> pupil_record_json(store::Database& db, std::string_view upn, model::Date as_of);

}  // namespace sm::report
