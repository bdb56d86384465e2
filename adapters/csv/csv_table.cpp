#include "csv/csv_table.hpp"

#include <csv.h>

#include <algorithm>

#include "model/utf8.hpp"

namespace sm::csv {
namespace {

// libcsv hands us fields and row ends through callbacks; this collects them with lines.
struct Collector {
  std::vector<CsvRow> rows;
  CsvRow current;
  std::string_view bytes;
  std::size_t consumed = 0;  // bytes fed so far, to turn positions into lines
  std::size_t row_start_line = 1;
  std::size_t lines_seen = 1;
};

void on_field(void* data, size_t size, void* context) {
  auto* c = static_cast<Collector*>(context);
  c->current.fields.emplace_back(size ? static_cast<const char*>(data) : "", size);
}

void on_row(int, void* context) {
  auto* c = static_cast<Collector*>(context);
  c->current.line = c->row_start_line;
  c->rows.push_back(std::move(c->current));
  c->current = CsvRow{};
}

}  // namespace

CsvTable CsvTable::parse(std::string_view bytes) {
  CsvTable table;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);  // a BOM is allowed, and ignored
  if (auto bad = model::first_invalid_utf8(bytes)) {
    table.error_ = "not UTF-8 (byte " + std::to_string(*bad + 1) + ": " + model::invalid_bytes_at(bytes, *bad) +
                   "): save the file as UTF-8";
    table.error_line_ =
        static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(*bad), '\n')) +
        1;
    return table;
  }
  csv_parser parser;
  csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);  // an unclosed quote at the end is an error too
  Collector collector;
  // Feed line by line so each row knows the line it started on (quoted fields may span lines).
  std::size_t at = 0;
  bool failed = false;
  while (at < bytes.size() && !failed) {
    auto end = bytes.find('\n', at);
    end = end == std::string_view::npos ? bytes.size() : end + 1;
    if (collector.current.fields.empty()) collector.row_start_line = collector.lines_seen;
    if (csv_parse(&parser, bytes.data() + at, end - at, on_field, on_row, &collector) != end - at) failed = true;
    ++collector.lines_seen;
    at = end;
  }
  if (!failed && csv_fini(&parser, on_field, on_row, &collector) != 0) failed = true;
  if (failed) {
    table.error_ = std::string("not valid CSV: ") + csv_strerror(csv_error(&parser));
    table.error_line_ = collector.row_start_line;
    csv_free(&parser);
    return table;
  }
  csv_free(&parser);
  if (collector.rows.empty()) {
    table.error_ = "the file is empty: a header row is required";
    table.error_line_ = 1;
    return table;
  }
  table.header_ = std::move(collector.rows.front().fields);
  for (std::size_t i = 0; i < table.header_.size(); ++i) table.columns_.emplace(table.header_[i], i);
  collector.rows.erase(collector.rows.begin());
  // A blank line reads as one empty field: not a row.
  std::erase_if(collector.rows, [](const CsvRow& r) { return r.fields.size() == 1 && r.fields[0].empty(); });
  table.rows_ = std::move(collector.rows);
  return table;
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
  auto it = columns_.find(std::string(name));
  if (it == columns_.end()) return std::nullopt;
  return it->second;
}

}  // namespace sm::csv
