// The EHC plans a school already holds, from the spreadsheet its SENCO keeps: one row a plan,
// each recorded as ehcp.record_existing records one, all rows or none. Columns (headings as the
// fields or in words: "Issue date"): upn, la, issue_date, last_review_date, statement_issued_on
// (a plan that replaced a statement), section_f (lines
// separated by ";", each "description = hours a week"). Dates as YYYY-MM-DD, DD/MM/YYYY, or a
// spreadsheet's date cell (a day count from 30 December 1899, as Excel and LibreOffice keep them).
#include <boost/json.hpp>
#include <sstream>

#include "ops/operation.hpp"
#include "ops/sheet_import.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// "SALT = 1; Phonics group = 1.5" as Section F lines; a line without "= hours" is named.
json::array section_f_lines(const std::string& cell, std::vector<std::string>& problems) {
  json::array lines;
  std::stringstream list(cell);
  for (std::string line; std::getline(list, line, ';');) {
    line = trimmed_cell(line);
    if (line.empty()) continue;
    auto [description, hours] = labelled_number(line);
    if (!hours) {
      problems.push_back("\"" + line.substr(0, 60) + "\" is not \"description = hours a week\"");
      continue;
    }
    lines.push_back({{"description", description}, {"hours_per_week", *hours}});
  }
  return lines;
}

}  // namespace

json::value import_ehc_plans(Context& context, const std::string& path) {
  SheetImport how{
      "ehcp.record_existing",
      {"upn", "la", "issue_date", "last_review_date", "statement_issued_on", "section_f"},
      {{"issued", "issue_date"}, {"last_review", "last_review_date"}, {"last_annual_review", "last_review_date"}},
      {"upn", "la", "issue_date"},
      [](const std::string& field, const std::string& cell, std::vector<std::string>& problems) {
        if (field == "section_f") return json::value(section_f_lines(cell, problems));
        if (field.ends_with("_date") || field.ends_with("_on")) return json::value(sheet_date(cell));
        return json::value(cell);
      }};
  return import_sheet_rows(context, path, how);
}

}  // namespace sm::ops
