// The EHC plans a school holds, from the SENCO's spreadsheet: every row recorded or none, each
// problem named by its line, the pupil's UPN and the rule; dates as a school types them.
#include <fstream>

#include "ops_fixture.hpp"
#include "report/table.hpp"
#include "report/table_export.hpp"

namespace {

std::int64_t plans(store::Database& db) {
  auto s = db.prepare("SELECT COUNT(*) FROM ehc_plan");
  s.step();
  return s.integer(0);
}

std::vector<std::string> problems_of(const json::value& report) {
  std::vector<std::string> out;
  for (const auto& p : report.at("problems").as_array())
    out.push_back(std::to_string(p.at("line").to_number<std::int64_t>()) + " " + std::string(p.at("upn").as_string()) +
                  " " + std::string(p.at("field").as_string()));
  return out;
}

}  // namespace

TEST_CASE("Plans held, imported from a CSV: bad rows refuse the whole file, each named by line and UPN", "[unit]") {
  School school("plan-import.db");
  const auto file = fresh("plans.csv");
  std::ofstream(file) << "UPN,LA,Issue date,Last review date,Section F\n"
                      << "A938412323001,938,14/03/2022,2025-03-11,Speech and language therapy = 1; Phonics = 1.5\n"
                      << "P938412323002,93,2022-03-14,,\n"              // line 3: LA not 3 digits
                      << "D938412323003,938,31/02/2023,,\n"             // line 4: no such day
                      << "T938412323004,938,2023-01-09,,SALT weekly\n"  // line 5: a line without its hours
                      << "Z999999999999,938,2023-01-09,,\n"             // line 6: no such pupil
                      << ",,,,\n"
                      << "A938412323001,938,2022-03-14,,\n";  // line 8: the same pupil twice
  auto refused = import_ehc_plans(school.context, file.string());
  CHECK(refused.at("recorded") == 0);
  CHECK(problems_of(refused) == std::vector<std::string>{"3 P938412323002 la", "4 D938412323003 issue_date",
                                                         "5 T938412323004 section_f", "6 Z999999999999 upn",
                                                         "8 A938412323001 upn"});
  CHECK(refused.at("problems").at(0).at("file").as_string() == file.string());
  CHECK(plans(school.db) == 0);  // nothing was recorded, not even the good first row

  std::ofstream(file) << "upn,la,issue_date,last_review_date,section_f\n"
                      << "A938412323001,938,14/03/2022,2025-03-11,Speech and language therapy = 1; Phonics = 1.5\n"
                      << "P938412323002,938,2022-03-14,,\n";
  auto recorded = import_ehc_plans(school.context, file.string());
  REQUIRE(recorded.at("problems").as_array().empty());
  CHECK(recorded.at("recorded") == 2);
  auto a = school.call("ehcp.get", R"({"upn":"A938412323001"})").response;
  CHECK(a.at("issue_date") == "2022-03-14");
  CHECK(a.at("deadlines").at("annual_review") == "2026-03-11");
  CHECK(a.at("section_f").as_array().size() == 2);
  CHECK(a.at("section_f").at(1).at("hours_per_week").to_number<double>() == 1.5);
  CHECK(school.call("ehcp.get", R"({"upn":"P938412323002"})").response.at("deadlines").at("annual_review") ==
        "2023-03-14");
}

TEST_CASE("Plans held, imported from an Excel workbook with real date cells", "[unit]") {
  School school("plan-import-xlsx.db");
  report::Table table;
  table.title = "EHC plans";
  table.columns = {{"UPN", report::ColumnType::text},
                   {"LA", report::ColumnType::text},
                   {"Issue date", report::ColumnType::date},
                   {"Last review date", report::ColumnType::date}};
  report::add_row(table, {"D938412323003", "938", "2024-02-29", "2025-02-27"});
  const auto file = fresh("plans.xlsx");
  report::write_xlsx(table, file);
  auto recorded = import_ehc_plans(school.context, file.string());
  REQUIRE(recorded.at("problems").as_array().empty());
  auto d = school.call("ehcp.get", R"({"upn":"D938412323003"})").response;
  CHECK(d.at("issue_date") == "2024-02-29");  // a spreadsheet's day count read as the day it is
  CHECK(d.at("review_meetings").at(0) == "2025-02-27");
  CHECK(d.at("deadlines").at("annual_review") == "2026-02-27");
}
