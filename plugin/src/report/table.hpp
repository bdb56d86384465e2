// A report as a table: columns whose type the producer knows, so a spreadsheet gets numbers it can
// add up and dates it can sort, a host gets typed JSON, and a person gets £1,287.00 and 15.1%.
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_ref.hpp>
#include <initializer_list>
#include <string>
#include <variant>
#include <vector>

#include "model/dates.hpp"

namespace sm::report {

enum class ColumnType {
  text,
  count,    // whole numbers: pupils, sessions
  number,   // decimals: a mean gain, an effect size
  money,    // pounds
  percent,  // in percent, as the operations give it: 15.1 is 15.1%
  date,
};

// The type's name in the table's JSON: "text", "count", "number", "money", "percent", "date".
const char* type_name(ColumnType type);

struct Column {
  std::string header;
  ColumnType type = ColumnType::text;
};

// Empty, text, a number or a date. A cell under a number column may still be text (an interval
// "0.1 to 0.5", a label): it is then written as text.
using Cell = std::variant<std::monostate, std::string, double, model::Date>;

struct Table {
  std::string title;  // the sheet's name and heading
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
};

// An operation's JSON value as a cell of a column of `type`: null is empty; a number is a number;
// "YYYY-MM-DD" under a date column is a date; anything else is text (true and false: yes, no).
Cell cell_of(const boost::json::value& v, ColumnType type);

// Appends a row of JSON values, each made a cell by its column's type (one value per column).
void add_row(Table& table, const boost::json::array& values);
// The same from a braced list of mixed values: {"Total", nullptr, total.at("pupils"), "Year " + year}.
inline void add_row(Table& table, std::initializer_list<boost::json::value_ref> values) {
  add_row(table, boost::json::array(values));
}

// A cell as a program reads it (CSV, the table's JSON): a number as its shortest plain decimal, the
// one rule for programs (1287, 107.49, 15.1: no £ or separators), a date as YYYY-MM-DD, text as it is.
std::string plain_text(const Cell& cell);

// The table for a host: {"title", "headers": [...], "types": [type_name...], "rows": [[...]]}, cells
// typed: numbers as numbers (percentages in percent), dates as "YYYY-MM-DD", text, null when empty.
boost::json::value table_json(const Table& table);

// A table back from that form, as a host or the CLI holds it: {"headers": [...], "rows": [[...]]},
// "title" and "types" optional (text when absent or unknown). Each cell by cell_of as text (a string
// stays the string it is); rows may be shorter or longer than the headers. Throws
// std::invalid_argument naming what is not such a table.
Table table_from_json(const boost::json::value& json);

}  // namespace sm::report
