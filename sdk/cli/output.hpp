// Turning the library's JSON into what a person reads: tables, CSV, problem lists.
#pragma once
#include <boost/json/value.hpp>
#include <iosfwd>
#include <string>
#include <vector>

namespace senmap_cli {

using Row = std::vector<std::string>;

// A value in a listing: a string as it is, null empty, anything else as JSON (42, true).
std::string value_text(const boost::json::value& v);
// The same, but null as JSON writes it ("null"): the import journal's and sync summary's columns.
std::string json_or_text(const boost::json::value& v);
// A list in one cell, "; " between items: each item's `key` (a need's "code"), or the items themselves
// when key is null (strategies, which are text).
std::string joined(const boost::json::value& items, const char* key);

// Numbers as a person reads them, by the engine's one rule (model/number_text.hpp): a decimal to at
// most two places (3.75, never 3.75E0), a whole number as it is, text as it is, null empty.
std::string people_text(const boost::json::value& v);
// A value as a program or a config file writes it: a double as its shortest plain decimal (92.5, 90).
std::string plain_text(const boost::json::value& v);
// Money and percentages for people: £5,072.36, 15.1% ("" when the value is not a number).
std::string money_text(const boost::json::value& pounds);
std::string percent_text(const boost::json::value& percent);
// JSON the CLI prints itself (--json after reading a response): doubles as plain decimals, as the
// library writes them (report/json_text.hpp), not Boost.JSON's 1.51E1.
std::string json_text(const boost::json::value& v);

// A plain text table with aligned columns (UTF-8 aware).
void print_table(std::ostream& out, const Row& headers, const std::vector<Row>& rows);

// RFC 4180 CSV by the library's one writer (senmap_report_table_csv): cells a spreadsheet would run
// as a formula (= + - @, tab or CR at the start) get an apostrophe, so Excel cannot execute anything.
void write_csv(std::ostream& out, const Row& headers, const std::vector<Row>& rows);

// A report's table form (senmap_report_table_json: {"title","headers","types","rows"}): its title and
// an aligned table (money as £1,287.00, percentages as 15.1%, counts as 1,234), or CSV (plain values,
// senmap_report_table_csv).
void print_report_table(std::ostream& out, const std::string& table_json, bool csv);

// The register (JSON array from senmap_register_json) as table rows.
Row register_headers();
std::vector<Row> register_rows(const boost::json::value& register_array);

// "file:line: path (UPN X): rule [value]" one per line.
void print_problems(std::ostream& out, const boost::json::value& problems);
// A spreadsheet import's problems, "FILE:ROW: UPN: field: rule" one per line (line 0: the file as a
// whole, not a workbook or no sheet, so no row).
void print_sheet_problems(std::ostream& out, const boost::json::value& problems);

// The register summary (senmap_register_summary_json) as readable text.
void print_summary(std::ostream& out, const boost::json::value& summary);

// Writes a file of pupil data the CLI makes itself (not through the library) owner-only (0600),
// as the library's own exports are. Throws naming the file when it cannot.
void write_private_file(const std::string& path, const std::string& text);

}  // namespace senmap_cli
