// Calendar dates as the CTF writes them (YYYY-MM-DD), on std::chrono's calendar types.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sm::model {

using Date = std::chrono::year_month_day;

// Parses exactly `YYYY-MM-DD` and refuses impossible dates (2025-02-30).
std::optional<Date> parse_date(std::string_view text);

// Parses `YYYY-MM-DDTHH:MM:SS` (seconds optional); returns the date part when valid.
std::optional<Date> parse_datetime_date(std::string_view text);

// True when `text` is a valid `YYYY-MM-DDTHH:MM:SS` (seconds optional).
bool is_valid_datetime(std::string_view text);

std::string format_date(Date d);
// A moment as the logs and the outbox record it: YYYY-MM-DDTHH:MM:SSZ (UTC, sortable as text).
std::string format_utc(std::chrono::sys_seconds t);

Date add_days(Date d, int days);
int days_between(Date from, Date to);  // to - from, in days
bool is_weekend(Date d);

// The academic year a date falls in, named by the calendar year it starts in
// (CTF convention: the year rolls on 1 August, so 2026-07-31 is in 2025, 2026-08-01 in 2026).
int academic_year_of(Date d);
// A school year as people write it: 2026 -> "2026/27" (2008 -> "2008/09").
std::string academic_year_name(int year);

// Empty while a term is running or still to come (a term ends on or after `today`); otherwise
// what is wrong and what to do: every configured term has ended, or none is configured.
std::string no_current_term(const std::vector<Date>& term_ends, Date today);

}  // namespace sm::model
