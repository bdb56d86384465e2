#include "report/table_export.hpp"

#include <stdlib.h>
#include <xlsxwriter.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "store/private_file.hpp"

namespace sm::report {
namespace {

bool formula_like(const std::string& cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
}

}  // namespace

std::string csv_cell(const std::string& cell) {
  std::string value = formula_like(cell) ? "'" + cell : cell;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string csv_text(const Table& table) {
  std::string out = "\xEF\xBB\xBF";  // Excel reads UTF-8 names correctly only with a BOM
  auto line = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv_cell(row[i]);
    out += "\r\n";
  };
  line(table.headers);
  for (const auto& row : table.rows) line(row);
  return out;
}

void write_csv(const Table& table, const std::filesystem::path& out) {
  store::prepare_private_file(out);
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  if (!file) throw std::runtime_error("cannot write " + out.string());
  file << csv_text(table);
  if (!file.flush()) throw std::runtime_error("cannot write " + out.string());
}

std::string xlsx_bytes(const Table& table) {
  // A folder only this user can read (SEN data), named by mkdtemp, gone before we return.
  std::string pattern = (std::filesystem::temp_directory_path() / "senmap-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot make a private temporary folder");
  std::filesystem::path dir = pattern;
  std::string bytes;
  try {
    auto file = dir / "export.xlsx";
    write_xlsx(table, file);
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (...) {
    std::filesystem::remove_all(dir);
    throw;
  }
  std::filesystem::remove_all(dir);
  return bytes;
}

void write_xlsx(const Table& table, const std::filesystem::path& out) {
  store::prepare_private_file(out);  // libxlsxwriter truncates it, keeping the permissions
  lxw_workbook* book = workbook_new(out.c_str());
  if (!book) throw std::runtime_error("cannot create " + out.string());
  std::string sheet_name = table.title.substr(0, 31);  // Excel's limit
  for (char& c : sheet_name)
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = ' ';
  lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* wrap = workbook_add_format(book);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  for (std::size_t c = 0; c < table.headers.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.headers[c].c_str(), bold);
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c < 4 ? 16 : 36, nullptr);
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    for (std::size_t c = 0; c < table.rows[r].size(); ++c)
      // write_string, never write_formula: every cell is text, whatever it starts with.
      worksheet_write_string(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), table.rows[r][c].c_str(), wrap);
  worksheet_freeze_panes(sheet, 1, 0);
  worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()), static_cast<lxw_col_t>(table.headers.size() - 1));
  worksheet_set_landscape(sheet);
  worksheet_repeat_rows(sheet, 0, 0);
  if (workbook_close(book) != LXW_NO_ERROR) throw std::runtime_error("cannot write " + out.string());
}

}  // namespace sm::report
