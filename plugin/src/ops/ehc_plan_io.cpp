// The EHC plans a school already holds, from the spreadsheet its SENCO keeps: one row a plan,
// each recorded as ehcp.record_existing records one, all rows or none. Columns (headings as the
// fields or in words: "Issue date"): upn, la, issue_date, last_review_date, statement_issued_on
// (a plan that replaced a statement), section_f (lines
// separated by ";", each "description = hours a week"). Dates as YYYY-MM-DD, DD/MM/YYYY, or a
// spreadsheet's date cell (a day count from 30 December 1899, as Excel and LibreOffice keep them).
#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <sstream>

#include "model/dates.hpp"
#include "ops/operation.hpp"
#include "ops/spreadsheet.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

const std::vector<std::string> kPlanColumns{"upn",      "la", "issue_date", "last_review_date", "statement_issued_on",
                                            "section_f"};

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  auto first = text.find_first_not_of(" \t");
  return first == std::string::npos ? std::string() : text.substr(first);
}

// A date cell as YYYY-MM-DD; as it was when it is none of the forms read, so the operation
// refuses it naming the field.
std::string iso_date(const std::string& cell) {
  if (model::parse_date(cell)) return cell;
  unsigned day = 0, month = 0;
  int year = 0;
  char slash1 = 0, slash2 = 0;
  std::istringstream uk(cell);
  if (uk >> day >> slash1 >> month >> slash2 >> year && slash1 == '/' && slash2 == '/' && uk.peek() == EOF) {
    model::Date d{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (d.ok() && year >= 1900) return model::format_date(d);
  }
  int serial = 0;
  auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), serial);
  constexpr int kFirst = 1, kLast = 2958465;  // 1900-01-01 .. 9999-12-31, as spreadsheets allow
  if (ec == std::errc{} && end == cell.data() + cell.size() && serial >= kFirst && serial <= kLast) {
    const model::Date epoch{std::chrono::year{1899}, std::chrono::December, std::chrono::day{30}};
    return model::format_date(model::add_days(epoch, serial));
  }
  return cell;
}

// "SALT = 1; Phonics group = 1.5" as Section F lines; a line without "= hours" is named.
json::array section_f_lines(const std::string& cell, std::vector<std::string>& problems) {
  json::array lines;
  std::stringstream list(cell);
  for (std::string line; std::getline(list, line, ';');) {
    line = trimmed(line);
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
  auto table = read_sheet(path);
  json::array problems;
  auto problem = [&](std::size_t line, const std::string& upn, const std::string& field, const std::string& rule) {
    problems.push_back({{"file", path}, {"line", line}, {"upn", upn}, {"field", field}, {"rule", rule}});
  };
  if (table.error) {
    problem(table.error_line, "", "", *table.error);
    return json::object{{"recorded", 0}, {"problems", std::move(problems)}};
  }
  std::vector<std::pair<std::size_t, std::string>> columns;  // position -> field
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    auto key = column_key(trimmed(table.header[i]));
    if (key == "issued") key = "issue_date";
    if (key == "last_review" || key == "last_annual_review") key = "last_review_date";
    if (key.empty()) continue;
    if (std::find(kPlanColumns.begin(), kPlanColumns.end(), key) == kPlanColumns.end()) {
      problem(table.header_line, "", table.header[i],
              "unknown column (the columns are upn, la, issue_date, last_review_date, statement_issued_on and "
              "section_f)");
      continue;
    }
    columns.emplace_back(i, key);
  }
  for (const char* needed : {"upn", "la", "issue_date"})
    if (std::none_of(columns.begin(), columns.end(), [&](const auto& c) { return c.second == needed; }))
      problem(table.header_line, "", needed, "the column is missing");
  if (!problems.empty()) return json::object{{"recorded", 0}, {"problems", std::move(problems)}};

  std::size_t recorded = 0;
  store::Transaction tx(context.db);  // every plan, or none
  for (const auto& row : table.rows) {
    if (blank_row(row)) continue;
    json::object request;
    std::vector<std::string> line_problems;
    for (const auto& [at, key] : columns) {
      auto cell = at < row.cells.size() ? trimmed(row.cells[at]) : std::string();
      if (cell.empty()) continue;
      if (key == "section_f")
        request[key] = section_f_lines(cell, line_problems);
      else
        request[key] = key.ends_with("_date") || key.ends_with("_on") ? iso_date(cell) : cell;
    }
    auto upn = request.contains("upn") ? std::string(request.at("upn").as_string()) : std::string();
    for (const auto& p : line_problems) problem(row.line, upn, "section_f", p);
    if (!line_problems.empty()) continue;
    auto result = call(context, "ehcp.record_existing", json::serialize(request));
    if (result.status == CallResult::Status::ok) {
      ++recorded;
      continue;
    }
    for (const auto& e : result.response.at("errors").as_array()) {
      std::string field(e.at("field").as_string());
      problem(row.line, upn, field.empty() ? "upn" : field,
              std::string(e.at("rule").as_string()));  // "": no such pupil
    }
  }
  if (!problems.empty()) return json::object{{"recorded", 0}, {"problems", std::move(problems)}};  // rolled back
  tx.commit();
  return json::object{{"recorded", recorded}, {"problems", json::array()}};
}

}  // namespace sm::ops
