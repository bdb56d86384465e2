#include "report/attendance.hpp"

#include <catch2/catch.hpp>

using sm::model::parse_date;
using sm::report::tally_marks;

TEST_CASE("Attendance counts approved activities as present and skips non-possible sessions", "[unit]") {
  // Mon 2024-09-02 .. Fri 2024-09-06: present, visit (V), illness (I), unauthorised (O), closure (#).
  auto t = tally_marks("/\\VVIIO/##", *parse_date("2024-09-02"));
  CHECK(t.possible == 8);
  CHECK(t.attended == 5);
  CHECK(t.authorised == 2);
  CHECK(t.unauthorised == 1);
  REQUIRE(t.percent());
  CHECK(*t.percent() == Approx(62.5));
  CHECK(t.persistent_absence());
  CHECK_FALSE(t.severe_absence());
}

TEST_CASE("Marks run over weekdays so a date range skips weekends", "[unit]") {
  // Fri 2024-09-06 then Mon 2024-09-09: the second day's marks belong to Monday.
  auto start = *parse_date("2024-09-06");
  auto friday = tally_marks("/\\II", start, start, start);
  CHECK(friday.attended == 2);
  auto monday = tally_marks("/\\II", start, *parse_date("2024-09-09"), *parse_date("2024-09-09"));
  CHECK(monday.attended == 0);
  CHECK(monday.authorised == 2);
  auto weekend = tally_marks("/\\II", start, *parse_date("2024-09-07"), *parse_date("2024-09-08"));
  CHECK(weekend.possible == 0);
  CHECK_FALSE(weekend.percent());
}

TEST_CASE("Severe absence is half or more of sessions missed", "[unit]") {
  CHECK(tally_marks("IIII/\\/\\", *parse_date("2024-09-02")).severe_absence());
  CHECK_FALSE(tally_marks("III/\\/\\/", *parse_date("2024-09-02")).severe_absence());
}

TEST_CASE("An unknown mark is counted as unknown and never guessed", "[unit]") {
  auto t = tally_marks("/?", *parse_date("2024-09-02"));
  CHECK(t.unknown == 1);
  CHECK(t.possible == 1);
}
