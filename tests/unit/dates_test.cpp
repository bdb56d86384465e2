#include "model/dates.hpp"

#include <catch2/catch.hpp>

#include "model/uk_time.hpp"

using namespace sm::model;

TEST_CASE("Dates parse only as real calendar days", "[unit]") {
  CHECK(parse_date("2024-02-29"));
  CHECK_FALSE(parse_date("2025-02-29"));  // not a leap year
  CHECK_FALSE(parse_date("2025-02-30"));
  CHECK_FALSE(parse_date("2025-13-01"));
  CHECK_FALSE(parse_date("2025-1-01"));
  CHECK_FALSE(parse_date("01/02/2025"));
  CHECK_FALSE(parse_date("2025-01-01T00:00:00"));
  CHECK(format_date(*parse_date("2025-03-07")) == "2025-03-07");
}

TEST_CASE("CTF datetimes", "[unit]") {
  CHECK(is_valid_datetime("2025-03-14T10:00:00"));
  CHECK(is_valid_datetime("2025-03-14T10:00"));
  CHECK_FALSE(is_valid_datetime("2025-03-14 10:00:00"));
  CHECK_FALSE(is_valid_datetime("2025-03-14T24:00:00"));
  CHECK(format_date(*parse_datetime_date("2025-03-14T10:00:00")) == "2025-03-14");
}

TEST_CASE("Academic years roll on 1 August", "[unit]") {
  CHECK(academic_year_of(*parse_date("2026-07-31")) == 2025);
  CHECK(academic_year_of(*parse_date("2026-08-01")) == 2026);
}

TEST_CASE("Day arithmetic crosses months and years", "[unit]") {
  CHECK(format_date(add_days(*parse_date("2024-12-30"), 3)) == "2025-01-02");
  CHECK(days_between(*parse_date("2025-01-01"), *parse_date("2025-03-01")) == 59);
  CHECK(is_weekend(*parse_date("2025-03-15")));
  CHECK_FALSE(is_weekend(*parse_date("2025-03-14")));
}

TEST_CASE("Moments are written in UTC as YYYY-MM-DDTHH:MM:SSZ, sortable as text", "[unit]") {
  using namespace std::chrono;
  auto at = sys_days{2025y / 9 / 1} + hours{7} + minutes{5} + seconds{9};
  CHECK(format_utc(at) == "2025-09-01T07:05:09Z");
  CHECK(format_utc(at + hours{17}) == "2025-09-02T00:05:09Z");
  CHECK(format_utc(at) < format_utc(at + seconds{1}));
}

TEST_CASE("Times are shown in the UK's clock: GMT in winter, BST from the last Sunday of March to October's",
          "[unit]") {
  using sm::model::uk_local_time;
  CHECK(uk_local_time("2026-12-06T20:28:38Z") == "2026-12-06 20:28 GMT");
  CHECK(uk_local_time("2026-07-01T12:05:09Z") == "2026-07-01 13:05 BST");
  // Summer time begins at 01:00 UTC on 29 March 2026 and ends at 01:00 UTC on 25 October 2026.
  CHECK(uk_local_time("2026-03-29T00:59:59Z") == "2026-03-29 00:59 GMT");
  CHECK(uk_local_time("2026-03-29T01:00:00Z") == "2026-03-29 02:00 BST");
  CHECK(uk_local_time("2026-10-25T00:59:00Z") == "2026-10-25 01:59 BST");
  CHECK(uk_local_time("2026-10-25T01:00:00Z") == "2026-10-25 01:00 GMT");
  // Late on a summer evening in UTC is already the next day in the UK.
  CHECK(uk_local_time("2027-06-30T23:30:00Z") == "2027-07-01 00:30 BST");
  CHECK(!uk_local_time("2026-12-06 20:28:38"));
  CHECK(!uk_local_time("2026-13-06T20:28:38Z"));
  CHECK(!uk_local_time("yesterday"));
}
