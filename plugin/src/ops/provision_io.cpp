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

#include "csv/csv_table.hpp"
#include "ops/operation.hpp"
#include "xlsx/xlsx_sheet.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

const std::vector<std::string> kColumns{"name",
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

// "Sessions per week" -> sessions_per_week.
std::string column_key(const std::string& header) {
  std::string key;
  for (char c : header)
    key += c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

// A spreadsheet as the import reads it: a header and the rows under it, each with the line
// (CSV) or row number (XLSX) the SENCO finds it at. `error` when the file is not a table at all.
struct SheetRow {
  std::size_t line = 0;
  std::vector<std::string> cells;
};
struct Sheet {
  std::size_t header_line = 1;
  std::vector<std::string> header;
  std::vector<SheetRow> rows;
  std::optional<std::string> error;
  std::size_t error_line = 0;  // 0: the file as a whole
};

Sheet read_csv(const std::string& bytes) {
  auto csv = csv::CsvTable::parse(bytes);
  Sheet table;
  if (csv.error()) {
    table.error = csv.error();
    table.error_line = csv.error_line();
    return table;
  }
  table.header = csv.header();
  for (const auto& row : csv.rows()) table.rows.push_back({row.line, row.fields});
  return table;
}

Sheet read_xlsx(const std::string& path) {
  auto sheet = xlsx::XlsxSheet::read(path);
  Sheet table;
  if (sheet.error()) {
    table.error = sheet.error();
    return table;
  }
  if (sheet.rows().empty()) {
    table.error = "the first sheet (\"" + sheet.name() + "\") is empty: a header row is required";
    table.error_line = 1;
    return table;
  }
  table.header_line = sheet.rows().front().line;
  table.header = sheet.rows().front().cells;
  for (auto row = sheet.rows().begin() + 1; row != sheet.rows().end(); ++row)
    table.rows.push_back({row->line, row->cells});
  return table;
}

// An .xlsx by its name, or any file that is a zip (a workbook saved under another name).
Sheet read_table(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidRequest("path", "cannot open " + path);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (extension == ".xlsx" || xlsx::looks_like_zip(bytes.view())) return read_xlsx(path);
  return read_csv(bytes.str());
}

}  // namespace

json::value import_provisions(Context& context, const std::string& path) {
  auto table = read_table(path);
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
    if (std::find(kColumns.begin(), kColumns.end(), key) == kColumns.end()) {
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
    if (std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) { return c.empty(); })) continue;
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
  auto columns = kColumns;
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
