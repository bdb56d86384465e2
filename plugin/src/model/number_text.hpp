// Numbers as text: one rule for people, one for programs, and never exponent form (3.75E0 means
// nothing to a SENCO, and a spreadsheet may read 1.5E1 as text). Every door uses these: the CLI,
// pages, charts, report tables, JSON.
#pragma once
#include <cstdint>
#include <string>

namespace sm::model {

// For programs (JSON, CSV, a setting): the shortest decimal that reads back as exactly `v`, in plain
// form: 15.1, 90, 0.001, 0.30000000000000004, 1000000000000000000000. Empty for NaN and infinity.
std::string round_trip_decimal(double v);

// For people: at most `decimals` places, trailing zeros dropped, thousands separated:
// 3.75, 1,287, -0.5, 0 (never -0). Empty for NaN and infinity.
std::string decimal_text(double v, int decimals = 2);

// Pounds for people, always with pence: £5,072.36, -£12.50.
std::string money_text(double pounds);

// A percentage given in percent (15.1, not 0.151) for people, to one decimal place: 15.1%, 90.0%.
std::string percent_text(double percent);

// Rounded to one decimal place (a figure kept in JSON: 15.06 -> 15.1), halves away from zero.
double round1(double v);

// A count for people: 7, 1,234.
std::string count_text(std::int64_t n);

}  // namespace sm::model
