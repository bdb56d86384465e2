#include "model/reference_data.hpp"

#include <algorithm>
#include <array>

namespace sm::model {
namespace {
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr Date ymd(int y, unsigned m, unsigned d) {
  return Date{year{y}, month{m}, day{d}};
}

// Legacy codes: School Action / Action Plus ended with the 2014 reforms; statements were
// converted to EHC plans by 31 March 2018, so a later statement period is an error.
const std::array<SenProvisionCode, 6> kProvision{{
    {{"N", "No special educational need", {}, {}}, false, false},
    {{"K", "SEN support", ymd(2014, 9, 1), {}}, true, false},
    {{"E", "Education, health and care plan", ymd(2014, 9, 1), {}}, true, false},
    {{"S", "Statement (legacy)", {}, ymd(2018, 3, 31)}, true, true},
    {{"A", "School Action (legacy)", {}, ymd(2015, 8, 31)}, true, true},
    {{"P", "School Action Plus (legacy)", {}, ymd(2015, 8, 31)}, true, true},
}};

constexpr std::string_view kCommunication = "Communication and interaction";
constexpr std::string_view kCognition = "Cognition and learning";
constexpr std::string_view kSemh = "Social, emotional and mental health";
constexpr std::string_view kSensory = "Sensory and/or physical";

const std::array<SenTypeCode, 15> kTypes{{
    {{"SLCN", "Speech, language and communication needs", {}, {}}, kCommunication},
    {{"ASD", "Autistic spectrum disorder", {}, {}}, kCommunication},
    {{"SPLD", "Specific learning difficulty", {}, {}}, kCognition},
    {{"MLD", "Moderate learning difficulty", {}, {}}, kCognition},
    {{"SLD", "Severe learning difficulty", {}, {}}, kCognition},
    {{"PMLD", "Profound and multiple learning difficulty", {}, {}}, kCognition},
    {{"SEMH", "Social, emotional and mental health", {}, {}}, kSemh},
    {{"HI", "Hearing impairment", {}, {}}, kSensory},
    {{"VI", "Visual impairment", {}, {}}, kSensory},
    {{"MSI", "Multi-sensory impairment", {}, {}}, kSensory},
    {{"PD", "Physical disability", {}, {}}, kSensory},
    // Down syndrome: a census category from the January 2025 census.
    {{"DS", "Down syndrome", ymd(2025, 1, 1), {}}, kCognition},
    {{"OTH", "Other difficulty or disability", {}, {}}, "Other"},
    {{"NSA", "SEN support but no specialist assessment of type of need", {}, {}}, "Other"},
    // BESD was replaced by SEMH in 2015: read in history only.
    {{"BESD", "Behaviour, emotional and social difficulty (legacy)", {}, ymd(2015, 8, 31)}, kSemh},
}};

using M = AttendanceMeaning;
const std::array<AttendanceCode, 28> kAttendance{{
    {'/', M::present, "present (AM)"},
    {'\\', M::present, "present (PM)"},
    {'L', M::present, "late before registers closed"},
    {'B', M::approved_activity, "off-site educational activity"},
    {'D', M::approved_activity, "dual registered"},
    {'J', M::approved_activity, "interview"},
    {'P', M::approved_activity, "approved sporting activity"},
    {'V', M::approved_activity, "educational visit or trip"},
    {'W', M::approved_activity, "work experience"},
    {'K', M::approved_activity, "education provision arranged by the local authority"},
    {'C', M::authorised, "other authorised circumstances"},
    {'E', M::authorised, "suspended or excluded"},
    {'H', M::authorised, "authorised holiday (legacy)"},
    {'I', M::authorised, "illness"},
    {'M', M::authorised, "medical or dental appointment"},
    {'R', M::authorised, "religious observance"},
    {'S', M::authorised, "study leave"},
    {'T', M::authorised, "traveller absence"},
    {'Q', M::authorised, "lack of access arrangements"},
    {'G', M::unauthorised, "unauthorised holiday"},
    {'N', M::unauthorised, "no reason yet provided"},
    {'O', M::unauthorised, "other unauthorised absence"},
    {'U', M::unauthorised, "late after registers closed"},
    {'X', M::not_possible, "not required to attend"},
    {'Y', M::not_possible, "exceptional circumstances"},
    {'Z', M::not_possible, "not on roll"},
    {'#', M::not_possible, "planned whole or partial school closure"},
    {'-', M::not_possible, "no mark required"},
}};

const std::array<Date, 33> kBankHolidays{{
    ymd(2023, 1, 2),   ymd(2023, 4, 7),   ymd(2023, 4, 10),  ymd(2023, 5, 1),   ymd(2023, 5, 8),   ymd(2023, 5, 29),
    ymd(2023, 8, 28),  ymd(2023, 12, 25), ymd(2023, 12, 26), ymd(2024, 1, 1),   ymd(2024, 3, 29),  ymd(2024, 4, 1),
    ymd(2024, 5, 6),   ymd(2024, 5, 27),  ymd(2024, 8, 26),  ymd(2024, 12, 25), ymd(2024, 12, 26), ymd(2025, 1, 1),
    ymd(2025, 4, 18),  ymd(2025, 4, 21),  ymd(2025, 5, 5),   ymd(2025, 5, 26),  ymd(2025, 8, 25),  ymd(2025, 12, 25),
    ymd(2025, 12, 26), ymd(2026, 1, 1),   ymd(2026, 4, 3),   ymd(2026, 4, 6),   ymd(2026, 5, 4),   ymd(2026, 5, 25),
    ymd(2026, 8, 31),  ymd(2026, 12, 25), ymd(2026, 12, 28),  // substitute day: Boxing Day 2026 is a Saturday
}};

const std::array<NationalSenFigures, 2> kNational{{
    {"June 2025", "January 2025", 5.3, 14.2, 18.2, 16.5, "ASD", "SLCN"},
    {"June 2026 (reported)", "January 2026", 6.0, 14.8, 0.0, 0.0, "ASD", "SLCN"},
}};

// DfE, "Outcomes for children in need, including children looked after by local authorities in
// England", reporting year 2024, data set "National - Special educational needs (SEN)", row "All
// pupils comparison", 2023/24: pt_<need>_ss and pt_<need>_ehc (VI with an EHC plan from its count,
// 3,840 of 400,410, as the row's percentage was not legible where it was read). It is the most
// recent edition found that gives every need for both groups; "Special educational needs in
// England" June 2025 gives only the most common (ASD 33.6% of EHC plans, SLCN 25.7% of SEN
// support). Down syndrome (DS) is counted from January 2025, so this edition has no row for it.
const std::array<NationalNeedShare, 13> kNeedShares2024{{
    {"ASD", 9.2, 33.0},
    {"HI", 1.5, 1.6},
    {"MLD", 15.8, 8.5},
    {"MSI", 0.3, 0.3},
    {"NSA", 4.7, 0.0},  // NSA is valid only with SEN support
    {"OTH", 3.7, 2.2},
    {"PD", 1.9, 3.6},
    {"PMLD", 0.1, 2.5},
    {"SEMH", 22.3, 15.5},
    {"SLCN", 25.6, 19.5},
    {"SLD", 0.2, 7.9},
    {"SPLD", 13.9, 4.3},
    {"VI", 0.9, 1.0},
}};
const NationalNeedEdition kNeedEdition{
    "DfE, Outcomes for children in need, including children looked after by local authorities in England "
    "(reporting year 2024): National - Special educational needs, all pupils comparison",
    "2023/24",
    "https://explore-education-statistics.service.gov.uk/data-catalogue/data-set/9a7c9459-cbde-4a89-8b81-db18f6b28d80",
    kNeedShares2024};

// DfE, "Suspensions and permanent exclusions in England", academic year 2023/24 (published July
// 2025): 954,952 suspensions, a rate of 11.31; 10,900 permanent exclusions, a rate of 0.13. Its
// rates by SEN provision were not found in a source that could be named, so those groups have none.
const std::array<NationalExclusionRate, 1> kExclusionRates2024{{{"all", 11.31, 0.13}}};
const NationalExclusionEdition kExclusionEdition{
    "DfE, Suspensions and permanent exclusions in England, academic year 2023/24", "2023/24",
    "https://explore-education-statistics.service.gov.uk/find-statistics/"
    "suspensions-and-permanent-exclusions-in-england",
    kExclusionRates2024};

template <class Table, class Key, class Proj>
auto find_in(const Table& table, const Key& key, Proj proj) -> decltype(&table[0]) {
  auto it = std::find_if(table.begin(), table.end(), [&](const auto& row) { return proj(row) == key; });
  return it == table.end() ? nullptr : &*it;
}

}  // namespace

bool DatedCode::valid_on(Date d) const {
  if (valid_from && std::chrono::sys_days{d} < std::chrono::sys_days{*valid_from}) return false;
  if (valid_to && std::chrono::sys_days{d} > std::chrono::sys_days{*valid_to}) return false;
  return true;
}

std::span<const SenProvisionCode> sen_provision_codes() {
  return kProvision;
}
const SenProvisionCode* find_sen_provision(std::string_view code) {
  return find_in(kProvision, code, [](const auto& r) { return r.code; });
}

std::span<const SenTypeCode> sen_type_codes() {
  return kTypes;
}
const SenTypeCode* find_sen_type(std::string_view code) {
  return find_in(kTypes, code, [](const auto& r) { return r.code; });
}

std::span<const AttendanceCode> attendance_codes() {
  return kAttendance;
}
const AttendanceCode* find_attendance_code(char mark) {
  // Every session mark of every pupil passes through here: index the table by character.
  static const auto index = [] {
    std::array<const AttendanceCode*, 256> by_mark{};
    for (const auto& code : kAttendance) by_mark[static_cast<unsigned char>(code.mark)] = &code;
    return by_mark;
  }();
  return index[static_cast<unsigned char>(mark)];
}

std::span<const Date> england_bank_holidays() {
  return kBankHolidays;
}
bool is_england_bank_holiday(Date d) {
  return std::find(kBankHolidays.begin(), kBankHolidays.end(), d) != kBankHolidays.end();
}
bool bank_holidays_known_for(int calendar_year) {
  return calendar_year >= 2023 && calendar_year <= 2026;
}

std::span<const NationalSenFigures> national_sen_figures() {
  return kNational;
}
const NationalSenFigures& latest_national_sen_figures() {
  return kNational.back();
}

const NationalNeedShare* NationalNeedEdition::find(std::string_view need) const {
  return find_in(shares, need, [](const auto& r) { return r.need; });
}
const NationalNeedEdition& latest_national_need_shares() {
  return kNeedEdition;
}

const NationalExclusionRate* NationalExclusionEdition::find(std::string_view group) const {
  return find_in(rates, group, [](const auto& r) { return r.group; });
}
const NationalExclusionEdition& latest_national_exclusion_rates() {
  return kExclusionEdition;
}

}  // namespace sm::model
