#include "report/table.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <stdexcept>

#include "model/number_text.hpp"

namespace sm::report {

const char* type_name(ColumnType type) {
  switch (type) {
    case ColumnType::text:
      return "text";
    case ColumnType::count:
      return "count";
    case ColumnType::number:
      return "number";
    case ColumnType::money:
      return "money";
    case ColumnType::percent:
      return "percent";
    case ColumnType::date:
      return "date";
  }
  return "text";
}

Cell cell_of(const boost::json::value& v, ColumnType type) {
  if (v.is_null()) return {};
  if (v.is_number()) return v.to_number<double>();
  if (v.is_bool()) return std::string(v.get_bool() ? "yes" : "no");
  if (v.is_string()) {
    std::string text(v.get_string());
    if (type == ColumnType::date)
      if (auto date = model::parse_date(text)) return *date;
    return text;
  }
  return boost::json::serialize(v);  // an array or object: the producer meant text
}

void add_row(Table& table, const boost::json::array& values) {
  if (values.size() != table.columns.size())
    throw std::logic_error("report table " + table.title + ": a row of " + std::to_string(values.size()) +
                           " cells under " + std::to_string(table.columns.size()) + " columns");
  std::vector<Cell> row;
  row.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) row.push_back(cell_of(values[i], table.columns[i].type));
  table.rows.push_back(std::move(row));
}

std::string plain_text(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* date = std::get_if<model::Date>(&cell)) return model::format_date(*date);
  if (const auto* number = std::get_if<double>(&cell)) return model::round_trip_decimal(*number);
  return {};
}

boost::json::value table_json(const Table& table) {
  boost::json::array headers, types, rows;
  for (const auto& c : table.columns) {
    headers.emplace_back(c.header);
    types.emplace_back(type_name(c.type));
  }
  for (const auto& row : table.rows) {
    boost::json::array cells;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const auto& cell = row[i];
      auto type = i < table.columns.size() ? table.columns[i].type : ColumnType::text;
      if (std::holds_alternative<std::monostate>(cell)) {
        cells.emplace_back(nullptr);
      } else if (const auto* number = std::get_if<double>(&cell)) {
        // A whole count as an integer, for hosts whose JSON reader types numbers.
        if (type == ColumnType::count && std::trunc(*number) == *number && std::abs(*number) < 9e15)
          cells.emplace_back(static_cast<std::int64_t>(*number));
        else
          cells.emplace_back(*number);
      } else {
        cells.emplace_back(plain_text(cell));
      }
    }
    rows.push_back(std::move(cells));
  }
  return boost::json::object{
      {"title", table.title}, {"headers", std::move(headers)}, {"types", std::move(types)}, {"rows", std::move(rows)}};
}

Table table_from_json(const boost::json::value& json) {
  const auto* object = json.if_object();
  const auto* headers = object ? object->if_contains("headers") : nullptr;
  const auto* rows = object ? object->if_contains("rows") : nullptr;
  if (!headers || !headers->is_array() || !rows || !rows->is_array())
    throw std::invalid_argument("a table is an object with a \"headers\" array and a \"rows\" array");
  Table table;
  if (const auto* title = object->if_contains("title"); title && title->is_string()) table.title = title->get_string();
  const auto* types = object->if_contains("types");
  for (std::size_t i = 0; i < headers->get_array().size(); ++i) {
    const auto& header = headers->get_array()[i];
    if (!header.is_string()) throw std::invalid_argument("headers[" + std::to_string(i) + "] is not a string");
    Column column{std::string(header.get_string()), ColumnType::text};
    if (types && types->is_array() && i < types->get_array().size() && types->get_array()[i].is_string())
      for (auto type :
           {ColumnType::count, ColumnType::number, ColumnType::money, ColumnType::percent, ColumnType::date})
        if (types->get_array()[i].get_string() == type_name(type)) column.type = type;
    table.columns.push_back(std::move(column));
  }
  for (std::size_t r = 0; r < rows->get_array().size(); ++r) {
    const auto& row = rows->get_array()[r];
    if (!row.is_array()) throw std::invalid_argument("rows[" + std::to_string(r) + "] is not an array");
    std::vector<Cell> cells;
    cells.reserve(row.get_array().size());
    for (const auto& value : row.get_array()) cells.push_back(cell_of(value, ColumnType::text));
    table.rows.push_back(std::move(cells));
  }
  return table;
}

}  // namespace sm::report
