#include "model/pupil_rules.hpp"

#include <set>

#include "model/reference_data.hpp"
#include "model/upn.hpp"

namespace sm::model {

std::optional<std::string> upn_rule_broken(std::string_view upn) {
  if (upn_is_valid(upn)) return std::nullopt;
  auto expected = upn.size() == 13 ? upn_check_letter(upn.substr(1)) : std::nullopt;
  if (expected) return std::string("UPN check letter is wrong: it should be '") + *expected + "'";
  return "not a valid UPN (13 characters: check letter, 11 digits, digit or letter)";
}

std::optional<std::string> sex_rule_broken(std::string_view sex) {
  if (sex == "M" || sex == "F") return std::nullopt;
  return "must be M or F";
}

std::optional<std::string> nc_year_rule_broken(std::string_view year) {
  static const std::set<std::string_view> kYears{"N1", "N2", "R", "1",  "2",  "3",  "4",  "5",  "6",
                                                 "7",  "8",  "9", "10", "11", "12", "13", "14", "X"};
  if (year.empty() || kYears.contains(year)) return std::nullopt;
  return "not a National Curriculum year (N1, N2, R, 1-14, X)";
}

std::optional<std::string> sen_provision_rule_broken(std::string_view code, std::optional<Date> start) {
  const auto* provision = find_sen_provision(code);
  if (!provision) return "unknown SEN provision code (expected N, K or E)";
  if (start && !provision->valid_on(*start))
    return "SEN provision '" + std::string(code) + "' (" + std::string(provision->meaning) + ") was not in use on " +
           format_date(*start);
  return std::nullopt;
}

std::optional<std::string> sen_type_rule_broken(std::string_view code, Date as_of, bool need_ended) {
  const auto* type = find_sen_type(code);
  if (!type) return "unknown SEN type code (not in the DfE SENtype list)";
  if (!type->valid_on(as_of) && !need_ended)
    return "SEN type '" + std::string(code) + "' is not a current census code on " + format_date(as_of);
  return std::nullopt;
}

std::optional<std::string> nsa_rule_broken(std::string_view current_status) {
  if (current_status == "K") return std::nullopt;
  return "NSA (no specialist assessment) is only valid with SEN support (K); current status is '" +
         (current_status.empty() ? std::string("none") : std::string(current_status)) + "'";
}

std::optional<std::size_t> first_unknown_mark(std::string_view marks) {
  for (std::size_t i = 0; i < marks.size(); ++i)
    if (!find_attendance_code(marks[i])) return i;
  return std::nullopt;
}

std::string unknown_mark_rule(std::size_t index) {
  return "unknown attendance code at session " + std::to_string(index + 1) + " (not in the DfE code table)";
}

std::string after_export_rule(std::string_view when) {
  return "date is after the file was written (" + std::string(when) + ")";
}

}  // namespace sm::model
