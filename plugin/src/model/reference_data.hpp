// Reference data: DfE code lists, England's bank holidays and the national SEN figures.
// Kept as dated tables (not `if` chains) so a new census code or a new year is one row.
#pragma once
#include <optional>
#include <span>
#include <string_view>

#include "model/dates.hpp"

namespace sm::model {

// A DfE code with the dates it may be used between (inclusive; empty = open).
struct DatedCode {
  std::string_view code;
  std::string_view meaning;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
  bool valid_on(Date d) const;
};

// Census `SENprovision`. `on_register` is true for K and E (and the legacy codes in history).
struct SenProvisionCode : DatedCode {
  bool on_register;
  bool legacy;  // S, A, P: read in history, never written
};
std::span<const SenProvisionCode> sen_provision_codes();
const SenProvisionCode* find_sen_provision(std::string_view code);

// Census `SENtype`, with the Code of Practice's broad area of need.
struct SenTypeCode : DatedCode {
  std::string_view area;
};
std::span<const SenTypeCode> sen_type_codes();
const SenTypeCode* find_sen_type(std::string_view code);

// DfE attendance codes as they appear in a one-character-per-session marks string.
enum class AttendanceMeaning { present, approved_activity, authorised, unauthorised, not_possible };
struct AttendanceCode {
  char mark;
  AttendanceMeaning meaning;
  std::string_view description;
};
std::span<const AttendanceCode> attendance_codes();
const AttendanceCode* find_attendance_code(char mark);

// Bank holidays in England (dated reference data: a year missing here is reported by
// `bank_holidays_known_for`, never assumed to have none).
std::span<const Date> england_bank_holidays();
bool is_england_bank_holiday(Date d);
bool bank_holidays_known_for(int calendar_year);

// National SEN figures (DfE "Special educational needs in England"), as % of pupils.
struct NationalSenFigures {
  std::string_view publication;  // e.g. "June 2025"
  std::string_view census;       // e.g. "January 2025"
  double ehc_plan_percent;
  double sen_support_percent;
  double primary_with_sen_percent;    // 0 when not published in the reference
  double secondary_with_sen_percent;  // 0 when not published in the reference
  std::string_view most_common_need_ehc;
  std::string_view most_common_need_support;
};
std::span<const NationalSenFigures> national_sen_figures();  // oldest first
const NationalSenFigures& latest_national_sen_figures();

// England's pupils by primary type of need: the share of pupils on SEN support, and of pupils with
// an EHC plan, whose primary need is this code. One whole edition of one publication, so the
// shares sit side by side as published (a need the edition does not give has no row).
struct NationalNeedShare {
  std::string_view need;       // census SENtype code
  double sen_support_percent;  // % of pupils on SEN support
  double ehc_plan_percent;     // % of pupils with an EHC plan
};
struct NationalNeedEdition {
  std::string_view publication;  // the DfE publication and its data set, by name
  std::string_view period;       // the academic year the figures are for
  std::string_view url;          // where a reader checks them
  std::span<const NationalNeedShare> shares;
  const NationalNeedShare* find(std::string_view need) const;
};
const NationalNeedEdition& latest_national_need_shares();

// England's suspension and permanent exclusion rates (per 100 pupils, as the DfE gives them) for
// one academic year. A group the publication's figures were not found for holds no row.
struct NationalExclusionRate {
  std::string_view group;  // as report.exclusions names its groups: all, no_sen, sen_support, ehc_plan
  double suspension_rate;
  double permanent_exclusion_rate;
};
struct NationalExclusionEdition {
  std::string_view publication;
  std::string_view period;
  std::string_view url;
  std::span<const NationalExclusionRate> rates;
  const NationalExclusionRate* find(std::string_view group) const;
};
const NationalExclusionEdition& latest_national_exclusion_rates();

}  // namespace sm::model
