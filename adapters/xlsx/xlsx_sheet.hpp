// The first worksheet of an XLSX workbook (Excel, LibreOffice, Google Sheets, libxlsxwriter...) as rows
// of cell text, each with its spreadsheet row number, for imports that also take CSV.
// libzip opens the package and pugixml reads its parts; nothing is extracted to disk.
#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sm::xlsx {

struct SheetRow {
  std::size_t line = 0;            // the spreadsheet's row number (1-based, as Excel shows it)
  std::vector<std::string> cells;  // column A first; a missing cell is ""
};

class XlsxSheet {
 public:
  // Reads the workbook's first sheet (in tab order, found through the workbook and its
  // relationships). Cells: shared and inline strings (rich-text runs joined), numbers as
  // written (an integral value without decimals: "4", "12.5"), booleans TRUE/FALSE, a
  // formula's cached value. Rows with no text in any cell are left out.
  // On failure (not a zip, no workbook, a DOCTYPE in a part) `error()` says why.
  static XlsxSheet read(const std::filesystem::path& path);

  const std::optional<std::string>& error() const { return error_; }
  const std::string& name() const { return name_; }  // the sheet's tab name
  const std::vector<SheetRow>& rows() const { return rows_; }

 private:
  std::string name_;
  std::vector<SheetRow> rows_;
  std::optional<std::string> error_;
};

// True when `bytes` start like a zip archive (every .xlsx is one): "PK\3\4".
bool looks_like_zip(std::string_view bytes);

// "C7" -> column 2 (0-based), or empty when `reference` is not a cell reference.
std::optional<std::size_t> column_of(std::string_view reference);

}  // namespace sm::xlsx
