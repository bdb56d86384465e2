// The rules a pupil's record must keep whichever door it came in by (a CTF, a batch a host
// pushes through senmap_ingest): one wording, so a technician reads the same rule from each.
// Each check returns the rule broken, in plain words, or nothing when the value is acceptable.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "model/dates.hpp"

namespace sm::model {

// A UPN present but malformed: names the right check letter when only that is wrong.
std::optional<std::string> upn_rule_broken(std::string_view upn);

// M or F (the census `Sex`).
std::optional<std::string> sex_rule_broken(std::string_view sex);

// A National Curriculum year as the census writes it (N1, N2, R, 1-14, X); empty is allowed.
std::optional<std::string> nc_year_rule_broken(std::string_view year);

// A census SENprovision code, in use on the day its period starts.
std::optional<std::string> sen_provision_rule_broken(std::string_view code, std::optional<Date> start);

// A census SENtype code; a code withdrawn by `as_of` may stay only on a need that has ended.
std::optional<std::string> sen_type_rule_broken(std::string_view code, Date as_of, bool need_ended);

// NSA (no specialist assessment) only sits with SEN support.
std::optional<std::string> nsa_rule_broken(std::string_view current_status);

// Where a one-character-per-session marks string first holds something that is not a DfE
// attendance code, and the rule for it (sessions counted from 1).
std::optional<std::size_t> first_unknown_mark(std::string_view marks);
std::string unknown_mark_rule(std::size_t index);

// The record-level rules: the wording is shared; where each is checked depends on the format.
inline constexpr std::string_view kNotADate = "not a valid date (YYYY-MM-DD, a real calendar day)";
inline constexpr std::string_view kSenStartsTwice = "two SEN status periods start on the same date";
inline constexpr std::string_view kRankTwice = "two current needs share the same rank";
inline constexpr std::string_view kNeedEndsBeforeStart = "need end date is before its start date";
inline constexpr std::string_view kFsmEndsBeforeStart = "FSM end date is before its start date";

// "date is after the file was written (<when>)": the export cannot know the future.
std::string after_export_rule(std::string_view when);

}  // namespace sm::model
