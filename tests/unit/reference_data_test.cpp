#include "model/reference_data.hpp"

#include <catch2/catch.hpp>

using namespace sm::model;

TEST_CASE("SEN provision codes: K and E on the register and legacy codes dated", "[unit]") {
  REQUIRE(find_sen_provision("K"));
  CHECK(find_sen_provision("K")->on_register);
  CHECK(find_sen_provision("E")->on_register);
  CHECK_FALSE(find_sen_provision("N")->on_register);
  CHECK(find_sen_provision("S")->legacy);
  CHECK(find_sen_provision("S")->valid_on(*parse_date("2016-01-01")));
  CHECK_FALSE(find_sen_provision("S")->valid_on(*parse_date("2019-01-01")));
  CHECK_FALSE(find_sen_provision("X"));
}

TEST_CASE("SEN type codes carry their area of need and validity", "[unit]") {
  REQUIRE(find_sen_type("SPLD"));
  CHECK(find_sen_type("SPLD")->area == "Cognition and learning");
  CHECK(find_sen_type("ASD")->area == "Communication and interaction");
  CHECK_FALSE(find_sen_type("DS")->valid_on(*parse_date("2024-06-01")));
  CHECK(find_sen_type("DS")->valid_on(*parse_date("2025-06-01")));
  CHECK_FALSE(find_sen_type("XYZ"));
}

TEST_CASE("England's bank holidays include substitute days", "[unit]") {
  CHECK(is_england_bank_holiday(*parse_date("2026-12-28")));
  CHECK(is_england_bank_holiday(*parse_date("2025-04-18")));  // Good Friday
  CHECK_FALSE(is_england_bank_holiday(*parse_date("2025-04-17")));
  CHECK(bank_holidays_known_for(2026));
  CHECK_FALSE(bank_holidays_known_for(2030));
}

TEST_CASE("National figures are dated", "[unit]") {
  const auto& latest = latest_national_sen_figures();
  CHECK(latest.census == "January 2026");
  CHECK(national_sen_figures().front().ehc_plan_percent == Approx(5.3));
}
