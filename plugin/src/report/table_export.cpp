#include "report/table_export.hpp"

#include <stdlib.h>
#include <xlsxwriter.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <variant>

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
  return "\xEF\xBB\xBF" + csv_rows(table);  // Excel reads UTF-8 names correctly only with a BOM
}

std::string csv_rows(const Table& table) {
  std::string out;
  for (std::size_t i = 0; i < table.columns.size(); ++i) out += (i ? "," : "") + csv_cell(table.columns[i].header);
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      const auto* text = std::get_if<std::string>(&row[i]);
      out += (i ? "," : "") + (text ? csv_cell(*text) : plain_text(row[i]));  // a number or date is never a formula
    }
    out += "\r\n";
  }
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
  auto shown_as = [&](const char* number_format) {
    lxw_format* f = workbook_add_format(book);
    format_set_num_format(f, number_format);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
  };
  lxw_format* date = shown_as("dd/mm/yyyy");  // UK order; Excel stores the day, so it sorts
  auto format_of = [&, count = shown_as("#,##0"), number = shown_as("General"), money = shown_as("\"£\"#,##0.00"),
                    percent = shown_as("0.0%")](ColumnType type) {
    switch (type) {
      case ColumnType::count:
        return count;
      case ColumnType::number:
        return number;
      case ColumnType::money:
        return money;
      case ColumnType::percent:
        return percent;
      case ColumnType::date:
        return date;
      case ColumnType::text:
        break;
    }
    return wrap;
  };
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const auto& column = table.columns[c];
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), column.header.c_str(), bold);
    double width = column.type != ColumnType::text ? 14 : c < 4 ? 16 : 36;
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      auto col = static_cast<lxw_col_t>(c);
      auto type = c < table.columns.size() ? table.columns[c].type : ColumnType::text;
      const auto& cell = table.rows[r][c];
      if (const auto* text = std::get_if<std::string>(&cell)) {
        // write_string, never write_formula: text is text, whatever it starts with.
        worksheet_write_string(sheet, row, col, text->c_str(), wrap);
      } else if (const auto* number = std::get_if<double>(&cell)) {
        // Excel's percentage is a fraction: 15.1% is 0.151 shown as 0.0%.
        worksheet_write_number(sheet, row, col, type == ColumnType::percent ? *number / 100.0 : *number,
                               format_of(type));
      } else if (const auto* day = std::get_if<model::Date>(&cell)) {
        lxw_datetime when{static_cast<int>(day->year()),
                          static_cast<int>(static_cast<unsigned>(day->month())),
                          static_cast<int>(static_cast<unsigned>(day->day())),
                          0,
                          0,
                          0.0};
        worksheet_write_datetime(sheet, row, col, &when, date);
      }
    }
  }
  worksheet_freeze_panes(sheet, 1, 0);
  worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                       static_cast<lxw_col_t>(table.columns.size() - 1));
  worksheet_set_landscape(sheet);
  worksheet_repeat_rows(sheet, 0, 0);
  if (workbook_close(book) != LXW_NO_ERROR) throw std::runtime_error("cannot write " + out.string());
}

}  // namespace sm::report
