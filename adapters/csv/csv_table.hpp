// One CSV file (a OneRoster file, a provision catalogue...), read with libcsv (RFC 4180) into rows that remember
// their line, with the header mapped to column positions.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sm::csv {

struct CsvRow {
  std::size_t line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

class CsvTable {
 public:
  // Parses `bytes`. On failure (not UTF-8, unbalanced quotes) `error()` says why and where.
  static CsvTable parse(std::string_view bytes);

  const std::optional<std::string>& error() const { return error_; }
  std::size_t error_line() const { return error_line_; }
  const std::vector<std::string>& header() const { return header_; }
  const std::vector<CsvRow>& rows() const { return rows_; }

  // Position of a header column, if present.
  std::optional<std::size_t> column(std::string_view name) const;

 private:
  std::vector<std::string> header_;
  std::vector<CsvRow> rows_;
  std::unordered_map<std::string, std::size_t> columns_;
  std::optional<std::string> error_;
  std::size_t error_line_ = 0;
};

}  // namespace sm::csv
