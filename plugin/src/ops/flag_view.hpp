// A flag as every door shows it: what raised it, its state (active, snoozed, resolved, cleared)
// and what staff have done with it, so the next person reads who acknowledged, snoozed,
// assigned or resolved it and why. flags.list and the four flag actions answer with it.
#pragma once
#include <boost/json/array.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "model/dates.hpp"
#include "ops/staff_identity.hpp"
#include "store/database.hpp"

namespace sm::ops {

struct FlagQuery {
  std::optional<std::int64_t> flag_id, school, assigned_to;
  std::string upn, rule;
  // "active" (the default: not resolved, not snoozed past today), "snoozed", "resolved",
  // "open" (all three: not cleared by the rules) or "all" (with the cleared history).
  std::string state = "active";
};

// The states a FlagQuery takes, for the operations' error messages.
const char* flag_states();
bool is_flag_state(const std::string& state);

boost::json::array flag_rows(store::Database& db, model::Date today, const FlagQuery& query);

// A staff reference ("staff:701-4001/stf-0003", as the change log keeps actors) as a person
// reads it: the member of staff's name, or the reference itself when it names nobody held.
std::string actor_display_name(store::Database& db, const std::string& actor);
// The member of staff a staff reference names (its staff row), or nothing for another actor
// (the command line, a test) or one no longer held.
std::optional<StaffMember> staff_of_actor(store::Database& db, const std::string& actor);

}  // namespace sm::ops
