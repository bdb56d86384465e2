#include "ops/spreadsheet.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "csv/csv_table.hpp"
#include "ops/operation.hpp"
#include "xlsx/xlsx_sheet.hpp"

namespace sm::ops {

// "Sessions per week" -> sessions_per_week.
std::string column_key(const std::string& header) {
  std::string key;
  for (char c : header)
    key += c == ' ' || c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

bool blank_row(const SheetRow& row) {
  return std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) { return c.empty(); });
}

namespace {

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

}  // namespace

Sheet read_sheet(const std::string& path) {
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

}  // namespace sm::ops
