// Numbers as text (model/number_text, report/json_text) and report tables' typed cells: known answers.
#include "model/number_text.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <limits>
#include <regex>

#include "report/json_text.hpp"
#include "report/table.hpp"
#include "report/table_export.hpp"

using namespace sm;

TEST_CASE("Numbers for programs are the shortest round-trip decimal, never in exponent form", "[unit]") {
  using model::round_trip_decimal;
  CHECK(round_trip_decimal(0) == "0");
  CHECK(round_trip_decimal(-12.5) == "-12.5");
  CHECK(round_trip_decimal(15.1) == "15.1");
  CHECK(round_trip_decimal(90) == "90");
  CHECK(round_trip_decimal(0.001) == "0.001");
  CHECK(round_trip_decimal(1e-7) == "0.0000001");
  CHECK(round_trip_decimal(1e21) == "1000000000000000000000");
  CHECK(round_trip_decimal(1287) == "1287");
  CHECK(round_trip_decimal(5072.36) == "5072.36");
  CHECK(round_trip_decimal(0.1 + 0.2) == "0.30000000000000004");
  CHECK(std::stod(round_trip_decimal(0.1 + 0.2)) == 0.1 + 0.2);
  CHECK(round_trip_decimal(std::numeric_limits<double>::denorm_min()).size() < 400);
  CHECK(round_trip_decimal(std::numeric_limits<double>::quiet_NaN()).empty());
}

TEST_CASE("Numbers for people: plain decimals, money as £5,072.36, percentages as 15.1%, counts grouped", "[unit]") {
  using model::decimal_text;
  CHECK(decimal_text(0) == "0");
  CHECK(decimal_text(-12.5) == "-12.5");
  CHECK(decimal_text(-0.001) == "0");  // never -0
  CHECK(decimal_text(3.75) == "3.75");
  CHECK(decimal_text(1e-7) == "0");
  CHECK(decimal_text(1e21) == "1,000,000,000,000,000,000,000");
  CHECK(decimal_text(1287) == "1,287");
  CHECK(decimal_text(5072.36) == "5,072.36");
  CHECK(decimal_text(0.1 + 0.2) == "0.3");
  CHECK(decimal_text(2.0 / 3.0, 1) == "0.7");
  CHECK(model::money_text(0) == "£0.00");
  CHECK(model::money_text(1287) == "£1,287.00");
  CHECK(model::money_text(5072.36) == "£5,072.36");
  CHECK(model::money_text(-12.5) == "-£12.50");
  CHECK(model::money_text(1e21) == "£1,000,000,000,000,000,000,000.00");
  CHECK(model::money_text(0.1 + 0.2) == "£0.30");
  CHECK(model::percent_text(15.1) == "15.1%");
  CHECK(model::percent_text(90) == "90.0%");
  CHECK(model::percent_text(1e-7) == "0.0%");
  CHECK(model::percent_text(-2.5) == "-2.5%");
  CHECK(model::count_text(0) == "0");
  CHECK(model::count_text(7) == "7");
  CHECK(model::count_text(2000) == "2,000");
  CHECK(model::count_text(-1234567) == "-1,234,567");
  // None of them writes an exponent, whatever the magnitude.
  const std::regex exponent("[0-9][eE][+-]?[0-9]");
  for (double v : {0.0, -0.0, 1e-7, 1e21, 1e300, -5e-324, 1287.0, 5072.36, 0.1 + 0.2}) {
    CHECK_FALSE(std::regex_search(model::round_trip_decimal(v), exponent));
    CHECK_FALSE(std::regex_search(model::decimal_text(v), exponent));
    CHECK_FALSE(std::regex_search(model::money_text(v), exponent));
  }
}

TEST_CASE("JSON handed out writes doubles as plain decimals; the rest as Boost.JSON does", "[unit]") {
  boost::json::value v = {{"percent_of_roll", 15.1}, {"threshold", 90.0},
                          {"tiny", 0.001},           {"sum", 0.1 + 0.2},
                          {"pupils", 2000},          {"name", "Zoë \"Z\"\n"},
                          {"none", nullptr},         {"on", true},
                          {"list", {1.5, -2, 1e21}}, {"nan", std::numeric_limits<double>::quiet_NaN()}};
  auto text = report::json_text(v);
  CHECK_THAT(text,
             Catch::Contains("\"percent_of_roll\":15.1,\"threshold\":90,\"tiny\":0.001,\"sum\":0.30000000000000004"));
  CHECK_THAT(text, Catch::Contains("\"pupils\":2000,\"name\":\"Zoë \\\"Z\\\"\\n\",\"none\":null,\"on\":true"));
  CHECK_THAT(text, Catch::Contains("\"list\":[1.5,-2,1000000000000000000000]"));
  CHECK_THAT(text, Catch::Contains("\"nan\":null"));  // Boost.JSON would write NaN, which is not JSON
  auto back = boost::json::parse(text);
  CHECK(back.at("sum").as_double() == 0.1 + 0.2);
  CHECK(back.at("name") == v.at("name"));
  CHECK(report::json_text(boost::json::array{}) == "[]");
  CHECK(report::json_text(boost::json::object{}) == "{}");
}

TEST_CASE("Report tables hold typed cells: CSV plain values, JSON typed, text neutralised", "[unit]") {
  using report::ColumnType;
  report::Table t;
  t.title = "Costs";
  t.columns = {{"Name", ColumnType::text},     {"Pupils", ColumnType::count}, {"Cost", ColumnType::money},
               {"Share", ColumnType::percent}, {"From", ColumnType::date},    {"g", ColumnType::number}};
  report::add_row(t, {"=HYPERLINK(\"x\")", 12, 1287, 15.1, "2025-09-01", -0.25});
  report::add_row(t, {"Total", nullptr, 5072.36, nullptr, nullptr, "0.1 to 0.5"});
  CHECK(t.rows[0][1] == report::Cell(12.0));
  CHECK(std::holds_alternative<model::Date>(t.rows[0][4]));
  CHECK(t.rows[1][1] == report::Cell());
  CHECK(t.rows[1][5] == report::Cell(std::string("0.1 to 0.5")));  // text stays text under a number column
  CHECK_THROWS(report::add_row(t, {"one cell short"}));

  auto csv = report::csv_text(t);
  CHECK_THAT(csv, Catch::Contains("'=HYPERLINK(\"\"x\"\")\",12,1287,15.1,2025-09-01,-0.25\r\n"));
  CHECK_THAT(csv, Catch::Contains("Total,,5072.36,,,0.1 to 0.5\r\n"));  // no £, no separators: it re-imports

  auto json = report::json_text(report::table_json(t));
  CHECK_THAT(json, Catch::Contains("\"types\":[\"text\",\"count\",\"money\",\"percent\",\"date\",\"number\"]"));
  CHECK_THAT(json, Catch::Contains("[\"=HYPERLINK(\\\"x\\\")\",12,1287,15.1,\"2025-09-01\",-0.25]"));
  CHECK_THAT(json, Catch::Contains("[\"Total\",null,5072.36,null,null,\"0.1 to 0.5\"]"));
}

TEST_CASE("A report table's CSV is the same bytes written directly or from its JSON form", "[unit]") {
  // The file export writes csv_text(table); the CLI and hosts send the table's JSON to
  // senmap_report_table_csv, which reads it back with table_from_json. Tricky cells both ways.
  using report::ColumnType;
  report::Table t;
  t.title = "Tricky";
  t.columns = {{"Name", ColumnType::text},  {"=Head", ColumnType::text}, {"Count", ColumnType::count},
               {"Cost", ColumnType::money}, {"Date", ColumnType::date},  {"g", ColumnType::number}};
  report::add_row(t, {"=SUM(A1:A9)", "+44 1234", 0, 1287.5, "2025-09-01", -0.25});
  report::add_row(t, {"-1", "@cmd", 2000, -3.25, nullptr, 0.1});
  report::add_row(t, {"\tTab", "\rCR", -7, 1e20, "n/a", "0.1 to 0.5"});
  report::add_row(t, {"say \"hi\"", "a,b", 12, 15.1, "2025-09-02", 196.29999999999998});
  report::add_row(t, {"line\nbreak", "Zoë Ødegård, 日本語", nullptr, 0, "2025-12-31", -0.0011070000000000001});
  report::add_row(t, {"", "-3.5", 3, -0.5, "2026-01-01", 1e-7});
  report::add_row(t, {"yes", "'quoted", 1.5, -1287, " =lead", -12});

  const auto direct = report::csv_text(t);
  const auto from_json = report::csv_rows(report::table_from_json(report::table_json(t)));
  CHECK(direct == "\xEF\xBB\xBF" + from_json);
  CHECK_THAT(from_json, Catch::StartsWith("Name,'=Head,Count,Cost,Date,g\r\n'=SUM(A1:A9),'+44 1234,0,1287.5,"));
  CHECK_THAT(from_json, Catch::Contains("\r\n'-1,'@cmd,2000,-3.25,,0.1\r\n'\tTab,\"'\rCR\",-7,"));
  CHECK_THAT(from_json, Catch::Contains("\r\n\"say \"\"hi\"\"\",\"a,b\",12,15.1,2025-09-02,"));

  CHECK_THROWS_AS(report::table_from_json(boost::json::parse("[]")), std::invalid_argument);
  CHECK_THROWS_AS(report::table_from_json(boost::json::parse(R"({"headers":[1],"rows":[]})")), std::invalid_argument);
  CHECK_THROWS_AS(report::table_from_json(boost::json::parse(R"({"headers":[],"rows":[1]})")), std::invalid_argument);
}
