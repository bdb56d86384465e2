#include "ops/sheet_import.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <sstream>

#include "model/dates.hpp"
#include "ops/spreadsheet.hpp"

namespace sm::ops {
namespace json = boost::json;

std::string trimmed_cell(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  auto first = text.find_first_not_of(" \t");
  return first == std::string::npos ? std::string() : text.substr(first);
}

std::string sheet_date(const std::string& cell) {
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

namespace {

// "a, b and c": the columns as the refusal of an unknown one lists them.
std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

json::value default_cell(const std::string& field, const std::string& cell) {
  if (field.ends_with("_date") || field.ends_with("_on")) return json::value(sheet_date(cell));
  return json::value(cell);
}

}  // namespace

json::value import_sheet_rows(Context& context, const std::string& path, const SheetImport& how) {
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
    auto key = column_key(trimmed_cell(table.header[i]));
    if (auto alias = how.aliases.find(key); alias != how.aliases.end()) key = alias->second;
    if (key.empty()) continue;
    if (std::find(how.columns.begin(), how.columns.end(), key) == how.columns.end()) {
      problem(table.header_line, "", table.header[i], "unknown column (the columns are " + listed(how.columns) + ")");
      continue;
    }
    columns.emplace_back(i, key);
  }
  for (const auto& needed : how.required)
    if (std::none_of(columns.begin(), columns.end(), [&](const auto& c) { return c.second == needed; }))
      problem(table.header_line, "", needed, "the column is missing");
  if (!problems.empty()) return json::object{{"recorded", 0}, {"problems", std::move(problems)}};

  std::size_t recorded = 0;
  store::Transaction tx(context.db);  // every row, or none
  for (const auto& row : table.rows) {
    if (blank_row(row)) continue;
    json::object request;
    std::vector<std::pair<std::string, std::string>> cell_problems;  // field, rule
    for (const auto& [at, key] : columns) {
      auto cell = at < row.cells.size() ? trimmed_cell(row.cells[at]) : std::string();
      if (cell.empty()) continue;
      std::vector<std::string> found;
      request[key] = how.cell ? how.cell(key, cell, found) : default_cell(key, cell);
      for (auto& rule : found) cell_problems.emplace_back(key, std::move(rule));
    }
    auto upn = request.contains("upn") && request.at("upn").is_string() ? std::string(request.at("upn").as_string())
                                                                        : std::string();
    for (const auto& [field, rule] : cell_problems) problem(row.line, upn, field, rule);
    if (!cell_problems.empty()) continue;
    auto result = call(context, how.operation, json::serialize(request));
    if (result.status == CallResult::Status::ok) {
      ++recorded;
      continue;
    }
    for (const auto& e : result.response.at("errors").as_array()) {
      std::string field(e.at("field").as_string());
      problem(row.line, upn, field.empty() ? "upn" : field, std::string(e.at("rule").as_string()));  // "": no pupil
    }
  }
  if (!problems.empty()) return json::object{{"recorded", 0}, {"problems", std::move(problems)}};  // rolled back
  tx.commit();
  return json::object{{"recorded", recorded}, {"problems", json::array()}};
}

}  // namespace sm::ops
