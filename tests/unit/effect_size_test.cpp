#include "model/effect_size.hpp"

#include <catch2/catch.hpp>

using namespace sm::model;

// Borenstein et al. (2009), Introduction to Meta-Analysis, chapter 4, worked examples.
TEST_CASE("Hedges' g for independent groups matches the book's worked example", "[unit]") {
  // X1 = 103, S1 = 5.5, n1 = 50; X2 = 100, S2 = 4.5, n2 = 50 -> d = 0.5970, Vd = 0.0418, J = 0.9923, g = 0.5924, Vg =
  // 0.0411.
  auto e = independent_effect(103, 5.5, 50, 100, 4.5, 50);
  CHECK(e.g == Approx(0.5924).margin(0.00005));
  CHECK(e.se * e.se == Approx(0.0411).margin(0.00005));
  CHECK(e.ci_low == Approx(0.5924 - 1.96 * std::sqrt(0.0411)).margin(0.001));
  CHECK(e.ci_high == Approx(0.5924 + 1.96 * std::sqrt(0.0411)).margin(0.001));
}

TEST_CASE("Hedges' g for a pre/post (matched) design matches the book's worked example", "[unit]") {
  // Ydiff = 5, Sdiff = 10, r = 0.5, n = 50 -> Swithin = 10, d = 0.5, Vd = 0.0225, J = 0.9846, g = 0.4923, Vg = 0.0218.
  auto e = paired_effect(5, 10, 0.5, 50);
  CHECK(e.g == Approx(0.4923).margin(0.00005));
  CHECK(e.se * e.se == Approx(0.0218).margin(0.00005));
}

TEST_CASE("Effect sizes from raw scores", "[unit]") {
  // Eight pupils' reading scores before and after; values cross-checked by a separate calculation.
  std::vector<double> pre{82, 85, 79, 88, 90, 76, 84, 81}, post{88, 90, 83, 95, 94, 80, 91, 86};
  auto within = paired_effect(pre, post);
  REQUIRE(within);
  CHECK(within->g == Approx(0.842828).margin(1e-5));
  CHECK(within->ci_low == Approx(0.671157).margin(1e-5));
  CHECK(within->ci_high == Approx(1.014498).margin(1e-5));

  std::vector<double> gains{6, 5, 4, 7, 5, 6, 3, 5}, comparison{2, 3, 1, 4, 2, 3, 2};
  auto between = independent_effect(gains, comparison);
  REQUIRE(between);
  CHECK(between->g == Approx(2.246559).margin(1e-5));
  CHECK(between->ci_low == Approx(0.998467).margin(1e-5));
  CHECK(between->n == 15);
}

TEST_CASE("Too few pupils, or no variation, gives no effect size rather than a number", "[unit]") {
  CHECK_FALSE(paired_effect(std::vector<double>{80, 82}, std::vector<double>{85, 86}));
  CHECK_FALSE(paired_effect(std::vector<double>{80, 81, 82}, std::vector<double>{85, 86, 87}));  // identical gains
  CHECK_FALSE(independent_effect(std::vector<double>{5}, std::vector<double>{1, 2}));
}

#include "report/ics_calendar.hpp"

TEST_CASE("The review calendar is valid iCalendar: escaped, folded at 75 octets, CRLF", "[unit]") {
  std::string long_name(60, 'x');
  auto ics = sm::report::ics_calendar(
      "SEN reviews", {{"cycle-1@senmap", "2025-05-16", "Review: Siân " + long_name + "; Zoë, too", ""}},
      "2025-03-20T000000Z");
  CHECK_THAT(ics, Catch::StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  CHECK_THAT(ics, Catch::Contains("DTSTART;VALUE=DATE:20250516\r\n"));
  std::size_t start = 0;
  while (start < ics.size()) {
    auto end = ics.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    CHECK(end - start <= 75);
    start = end + 2;
  }
  // Unfolding gives back the escaped summary, UTF-8 intact.
  std::string unfolded;
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    unfolded += ics[i];
  }
  CHECK_THAT(unfolded, Catch::Contains("SUMMARY:Review: Siân " + long_name + "\\; Zoë\\, too\r\n"));
}
