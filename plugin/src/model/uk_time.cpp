#include "model/uk_time.hpp"

#include <chrono>
#include <cstdio>

#include "model/dates.hpp"

namespace sm::model {
namespace {

using namespace std::chrono;

// British Summer Time (the Summer Time Order 2002, as EU law had it): from 01:00 UTC on the last
// Sunday of March to 01:00 UTC on the last Sunday of October. The calendar is std::chrono's.
bool summer_time(sys_seconds at) {
  const auto year = year_month_day{floor<days>(at)}.year();
  const sys_seconds begins = sys_days{year / March / Sunday[last]} + hours{1};
  const sys_seconds ends = sys_days{year / October / Sunday[last]} + hours{1};
  return at >= begins && at < ends;
}

}  // namespace

std::optional<std::string> uk_local_time(std::string_view utc) {
  // utc_timestamp()'s form: YYYY-MM-DDTHH:MM:SSZ.
  if (utc.size() != 20 || utc[10] != 'T' || utc[19] != 'Z') return std::nullopt;
  auto day = parse_date(utc.substr(0, 10));
  int h = 0, m = 0, s = 0;
  if (!day || std::sscanf(std::string(utc.substr(11, 8)).c_str(), "%2d:%2d:%2d", &h, &m, &s) != 3 || h > 23 || m > 59 ||
      s > 60)
    return std::nullopt;
  const sys_seconds at = sys_days{*day} + hours{h} + minutes{m} + seconds{s};
  const bool bst = summer_time(at);
  const auto local = at + hours{bst ? 1 : 0};
  const auto local_day = floor<days>(local);
  const hh_mm_ss time{local - local_day};
  char text[32];
  std::snprintf(text, sizeof text, "%s %02d:%02d %s", format_date(Date{local_day}).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()), bst ? "BST" : "GMT");
  return std::string(text);
}

}  // namespace sm::model
