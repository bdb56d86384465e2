// The provision catalogue in and out of a spreadsheet: a SENCO starts from the one they have.
// A CSV file or an XLSX workbook (its first sheet); columns are the provision.create fields
// (e.g. sessions_per_week; "Sessions per week" also reads), areas separated by semicolons.
// Both become one table and go through one validation. An import is all or nothing.
#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>

#include "ops/operation.hpp"
#include "ops/spreadsheet.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

const std::vector<std::string> kCatalogueColumns{"name",
                                                 "description",
                                                 "areas",
                                                 "wave",
                                                 "delivered_by",
                                                 "group_size",
                                                 "sessions_per_week",
                                                 "minutes_per_session",
                                                 "weeks",
                                                 "staff_hourly_cost",
                                                 "resource_cost",
                                                 "entry_criteria",
                                                 "exit_criteria",
                                                 "measure",
                                                 "evidence_rating",
                                                 "measure_subject"};
const std::vector<std::string> kNumbers{"wave",  "group_size",        "sessions_per_week", "minutes_per_session",
                                        "weeks", "staff_hourly_cost", "resource_cost"};

}  // namespace

json::value import_provisions(Context& context, const std::string& path) {
  auto table = read_sheet(path);
  json::array problems;
  auto problem = [&](std::size_t line, const std::string& field, const std::string& rule) {
    problems.push_back({{"file", path}, {"line", line}, {"field", field}, {"rule", rule}});
  };
  if (table.error) {
    problem(table.error_line, "", *table.error);
    return json::object{{"created", 0}, {"problems", std::move(problems)}};
  }
  std::vector<std::pair<std::size_t, std::string>> columns;  // position -> field
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    auto key = column_key(table.header[i]);
    // Computed columns an export carries are read past: a cost is never typed in.
    if (key == "id" || key == "cost_per_pupil" || key == "staff_hours_per_pupil" || key == "retired_on") continue;
    if (key.empty() && std::none_of(table.rows.begin(), table.rows.end(),
                                    [i](const SheetRow& r) { return i < r.cells.size() && !r.cells[i].empty(); }))
      continue;  // an empty column between columns of a spreadsheet
    if (std::find(kCatalogueColumns.begin(), kCatalogueColumns.end(), key) == kCatalogueColumns.end()) {
      problem(table.header_line, table.header[i],
              key.empty() ? "column " + std::to_string(i + 1) + " has values but no heading"
                          : "unknown column (the columns are the provision.create fields)");
      continue;
    }
    columns.emplace_back(i, key);
  }
  std::size_t created = 0;
  // One transaction: every row goes in, or none (each row's create is a savepoint inside it).
  store::Transaction tx(context.db);
  for (const auto& row : table.rows) {
    // ",,,," rows: what a spreadsheet saves as CSV below the data. Not a provision.
    if (blank_row(row)) continue;
    json::object request;
    for (const auto& [at, key] : columns) {
      if (at >= row.cells.size() || row.cells[at].empty()) continue;
      const auto& text = row.cells[at];
      if (key == "areas") {
        json::array areas;
        std::stringstream list(text);
        for (std::string area; std::getline(list, area, ';');) {
          while (!area.empty() && area.front() == ' ') area.erase(area.begin());
          while (!area.empty() && area.back() == ' ') area.pop_back();
          if (!area.empty()) areas.push_back(json::value(area));
        }
        request[key] = std::move(areas);
      } else if (std::find(kNumbers.begin(), kNumbers.end(), key) != kNumbers.end()) {
        // Not a number: passed on as text, so provision.create names the field and its rule.
        json::error_code ec;
        auto number = json::parse(text, ec);
        request[key] = !ec && number.is_number() ? number : json::value(text);
      } else {
        request[key] = text;
      }
    }
    auto result = call(context, "provision.create", json::serialize(request));
    if (result.status != CallResult::Status::ok) {
      for (const auto& e : result.response.at("errors").as_array())
        problem(row.line, std::string(e.at("field").as_string()), std::string(e.at("rule").as_string()));
      continue;
    }
    ++created;
  }
  if (!problems.empty()) return json::object{{"created", 0}, {"problems", std::move(problems)}};  // rolled back
  tx.commit();
  return json::object{{"created", created}, {"problems", json::array()}};
}

report::Table provision_table(const json::value& list) {
  using report::ColumnType;
  report::Table table;
  table.title = "Provision catalogue";
  auto columns = kCatalogueColumns;
  columns.push_back("cost_per_pupil");
  for (const auto& key : columns) {
    // Typed cells read back as numbers (xlsx_sheet gives a number cell's text as written).
    auto type = key.ends_with("cost") || key == "cost_per_pupil" ? ColumnType::money
                : key == "sessions_per_week"                     ? ColumnType::number  // 0.5: once a fortnight
                : std::find(kNumbers.begin(), kNumbers.end(), key) != kNumbers.end() ? ColumnType::count
                                                                                     : ColumnType::text;
    table.columns.push_back({key, type});
  }
  for (const auto& p : list.at("provisions").as_array()) {
    json::array row;
    for (const auto& key : columns) {
      const auto& v = p.at(key);
      if (key == "areas") {
        std::string areas;
        for (const auto& a : v.as_array()) areas += (areas.empty() ? "" : "; ") + std::string(a.as_string());
        row.emplace_back(areas);
      } else {
        row.push_back(v);
      }
    }
    report::add_row(table, row);
  }
  return table;
}

}  // namespace sm::ops
