// The audit log: who read or changed which pupil's SEN record. Never holds SEN content.
#pragma once
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace sm::store {

// Records one access. `upn` is empty for reads of many pupils at once (e.g. the register).
void audit(Database& db, std::string_view actor, std::string_view action, std::string_view upn = {});

// Current UTC time as YYYY-MM-DDTHH:MM:SSZ.
std::string utc_timestamp();

}  // namespace sm::store
