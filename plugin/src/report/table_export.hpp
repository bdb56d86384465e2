// A report as a file a person opens: CSV (any spreadsheet) or XLSX (Excel, via libxlsxwriter).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace sm::report {

struct Table {
  std::string title;                 // the sheet's name and heading
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

// Cells a spreadsheet would run as a formula (= + - @ first) are written as text: a pupil's
// name or a note can never become a command in the teacher's Excel.
void write_csv(const Table& table, const std::filesystem::path& out);
// One CSV cell: formula-like text neutralised with a leading apostrophe, quoted when needed.
std::string csv_cell(const std::string& cell);
void write_xlsx(const Table& table, const std::filesystem::path& out);

// The same files as bytes, for a download (the XLSX goes through a private temporary folder,
// removed before returning: libxlsxwriter writes only files).
std::string csv_text(const Table& table);
std::string xlsx_bytes(const Table& table);

}  // namespace sm::report
