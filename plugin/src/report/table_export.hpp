// A report as a file a person opens: CSV (any spreadsheet) or XLSX (Excel, via libxlsxwriter).
#pragma once
#include <filesystem>
#include <string>

#include "report/table.hpp"

namespace sm::report {

// CSV holds plain values a spreadsheet or a program reads back (1287.5, not £1,287.50; dates
// YYYY-MM-DD). Text cells a spreadsheet would run as a formula (= + - @ first) are neutralised:
// a pupil's name or a note can never become a command in the teacher's Excel.
void write_csv(const Table& table, const std::filesystem::path& out);
// One CSV cell: formula-like text neutralised with a leading apostrophe, quoted when needed.
std::string csv_cell(const std::string& cell);
// XLSX holds typed cells: numbers as numbers (money as "£"#,##0.00, percentages as fractions shown
// 0.0%), dates as Excel dates shown dd/mm/yyyy, text as text (never a formula).
void write_xlsx(const Table& table, const std::filesystem::path& out);

// The same files as bytes, for a download (the XLSX goes through a private temporary folder,
// removed before returning: libxlsxwriter writes only files).
std::string csv_text(const Table& table);
// csv_text without the BOM: what a program reads from a pipe (the CLI's --format csv on stdout).
std::string csv_rows(const Table& table);
std::string xlsx_bytes(const Table& table);

}  // namespace sm::report
