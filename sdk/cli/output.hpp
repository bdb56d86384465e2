// Turning the library's JSON into what a person reads: tables, CSV, problem lists.
#pragma once
#include <boost/json/value.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace senmap_cli {

using Row = std::vector<std::string>;

// A plain text table with aligned columns (UTF-8 aware).
void print_table(std::ostream& out, const Row& headers, const std::vector<Row>& rows);

// RFC 4180 CSV. Cells a spreadsheet would run as a formula (= + - @ at the start) are
// prefixed with an apostrophe so opening the file in Excel cannot execute anything.
void write_csv(std::ostream& out, const Row& headers, const std::vector<Row>& rows);

// A report's table form (senmap_report_table_json: {"title","headers","rows"}): its title and an
// aligned table, or CSV.
void print_report_table(std::ostream& out, const boost::json::value& table, bool csv);

// The register (JSON array from senmap_register_json) as table rows.
Row register_headers();
std::vector<Row> register_rows(const boost::json::value& register_array);

// "file:line: path (UPN X): rule [value]" one per line.
void print_problems(std::ostream& out, const boost::json::value& problems);

// The register summary (senmap_register_summary_json) as readable text.
void print_summary(std::ostream& out, const boost::json::value& summary);

// Writes a file of pupil data the CLI makes itself (not through the library) owner-only (0600),
// as the library's own exports are. Throws naming the file when it cannot.
void write_private_file(const std::string& path, const std::string& text);

}  // namespace senmap_cli
