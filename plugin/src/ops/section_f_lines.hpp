// A Section F line of an EHC plan (hours a week of the provision the plan specifies): the rule its
// hours keep and how it is stored, shared by ehcp.provision_line and ehcp.record_existing.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "model/dates.hpp"
#include "store/database.hpp"

namespace sm::ops {

// More than 0 and at most 40 hours a week: the rule broken, or nothing.
std::optional<std::string> weekly_hours_rule_broken(double hours);

// Adds the line to plan `plan_id`, applying from `from` (YYYY-MM-DD) to `to` (open when empty).
std::int64_t insert_provision_line(store::Database& db, std::int64_t plan_id, const std::string& description,
                                   double hours, const std::string& from, const std::optional<std::string>& to,
                                   model::Date today);

}  // namespace sm::ops
