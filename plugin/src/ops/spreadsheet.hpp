// A spreadsheet a SENCO imports (the provision catalogue, the EHC plans the school holds): a CSV
// file or an XLSX workbook's first sheet, as one table with the line or row number of each row.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sm::ops {

struct SheetRow {
  std::size_t line = 0;  // the CSV line or the sheet's row number: where the SENCO finds it
  std::vector<std::string> cells;
};

struct Sheet {
  std::size_t header_line = 1;
  std::vector<std::string> header;
  std::vector<SheetRow> rows;
  std::optional<std::string> error;  // the file is not a table at all
  std::size_t error_line = 0;        // 0: the file as a whole
};

// An .xlsx by its name, or any file that is a zip (a workbook saved under another name); CSV
// otherwise. A file that cannot be opened is refused (InvalidRequest on "path").
Sheet read_sheet(const std::string& path);

// A heading as a field name: "Sessions per week" -> sessions_per_week.
std::string column_key(const std::string& header);

// Every cell of the row empty: what a spreadsheet saves as CSV below the data.
bool blank_row(const SheetRow& row);

}  // namespace sm::ops
