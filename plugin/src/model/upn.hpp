// Unique pupil numbers: the DfE check-letter rule (see shared/formats.md, "UPN").
#pragma once
#include <optional>
#include <string_view>

namespace sm::model {

// The check letter the DfE algorithm gives for characters 2..13 of a UPN
// (`tail12` is exactly those 12 characters). Empty when a character is not allowed.
std::optional<char> upn_check_letter(std::string_view tail12);

// True when `upn` is 13 characters, digits in positions 2..12, a digit or an
// allowed letter (temporary UPN) in position 13, and the check letter matches.
bool upn_is_valid(std::string_view upn);

}  // namespace sm::model
