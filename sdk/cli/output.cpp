#include "output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <stdexcept>
#include <system_error>

#include "model/number_text.hpp"
#include "report/json_text.hpp"
#include "senmap/senmap.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

// Display width: count UTF-8 code points, not bytes, so accented names line up.
std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A count for people: 2,000.
std::string count(const json::value& v) {
  return v.is_int64() ? sm::model::count_text(v.as_int64()) : value_text(v);
}

// A cell of a report table for people, by its column's type (senmap.h, senmap_report_table_json).
std::string table_cell(const json::value& v, std::string_view type) {
  if (!v.is_number()) return people_text(v);
  double n = v.to_number<double>();
  if (type == "money") return sm::model::money_text(n);
  if (type == "percent") return sm::model::percent_text(n);
  if (type == "count" && std::trunc(n) == n) return sm::model::count_text(v.to_number<std::int64_t>());
  return people_text(v);
}

}  // namespace

std::string value_text(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "";
  return json::serialize(v);
}

std::string joined(const json::value& items, const char* key) {
  std::string out;
  for (const auto& i : items.as_array())
    out += (out.empty() ? "" : "; ") + std::string(key ? i.at(key).as_string() : i.as_string());
  return out;
}

std::string json_or_text(const json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : json::serialize(v);
}

std::string people_text(const json::value& v) {
  if (v.is_double()) return sm::model::decimal_text(v.as_double());
  return value_text(v);
}

std::string plain_text(const json::value& v) {
  if (v.is_double()) return sm::model::round_trip_decimal(v.as_double());
  return value_text(v);
}

std::string money_text(const json::value& pounds) {
  return pounds.is_number() ? sm::model::money_text(pounds.to_number<double>()) : "";
}

std::string percent_text(const json::value& percent) {
  return percent.is_number() ? sm::model::percent_text(percent.to_number<double>()) : "";
}

std::string json_text(const json::value& v) {
  return sm::report::json_text(v);
}

void print_table(std::ostream& out, const Row& headers, const std::vector<Row>& rows) {
  std::vector<std::size_t> widths(headers.size());
  for (std::size_t i = 0; i < headers.size(); ++i) widths[i] = display_width(headers[i]);
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
  auto line = [&](const Row& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out << row[i];
      if (i + 1 < row.size()) out << std::string(widths[i] - display_width(row[i]) + 2, ' ');
    }
    out << '\n';
  };
  line(headers);
  Row rule;
  for (auto w : widths) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& row : rows) line(row);
}

void write_csv(std::ostream& out, const Row& headers, const std::vector<Row>& rows) {
  json::array header_cells(headers.begin(), headers.end());
  json::array row_cells;
  for (const auto& row : rows) row_cells.emplace_back(json::array(row.begin(), row.end()));
  out << senmap_cpp::report_table_csv(
      json::serialize(json::object{{"headers", std::move(header_cells)}, {"rows", std::move(row_cells)}}));
}

Row register_headers() {
  return {"UPN", "Surname", "Forename", "Year", "Status", "Since", "Needs (by rank)"};
}

std::vector<Row> register_rows(const json::value& register_array) {
  std::vector<Row> rows;
  for (const auto& p : register_array.as_array()) {
    std::string needs;
    for (const auto& n : p.at("needs").as_array()) needs += (needs.empty() ? "" : " ") + value_text(n.at("code"));
    rows.push_back({value_text(p.at("upn")), value_text(p.at("surname")), value_text(p.at("forename")),
                    value_text(p.at("nc_year")), value_text(p.at("status")), value_text(p.at("status_since")), needs});
  }
  return rows;
}

void print_problems(std::ostream& out, const json::value& problems) {
  for (const auto& p : problems.as_array()) {
    out << value_text(p.at("file"));
    if (p.at("line").to_number<std::int64_t>() > 0) out << ':' << p.at("line").to_number<std::int64_t>();
    out << ": ";
    if (!value_text(p.at("path")).empty()) out << value_text(p.at("path")) << ' ';
    if (!value_text(p.at("upn")).empty()) out << "(UPN " << value_text(p.at("upn")) << ") ";
    out << value_text(p.at("rule"));
    if (!value_text(p.at("value")).empty()) out << " [found: " << value_text(p.at("value")) << "]";
    out << '\n';
  }
}

void print_sheet_problems(std::ostream& out, const json::value& problems) {
  for (const auto& p : problems.as_array()) {
    out << value_text(p.at("file"));
    if (p.at("line").to_number<std::int64_t>() > 0) out << ':' << p.at("line").to_number<std::int64_t>();
    for (const char* part : {"upn", "field"})
      if (const auto* v = p.as_object().if_contains(part); v && !value_text(*v).empty()) out << ": " << value_text(*v);
    out << ": " << value_text(p.at("rule")) << '\n';
  }
}

void print_summary(std::ostream& out, const json::value& summary) {
  const auto& status = summary.at("status");
  const auto& national = summary.at("national");
  out << "SEN register: " << count(status.at("on_register").at("pupils")) << " of " << count(status.at("roll"))
      << " pupils on roll\n\n";
  std::vector<Row> rows;
  for (const char* key : {"sen_support", "ehc_plan", "on_register"}) {
    const auto& s = status.at(key);
    std::string label = std::string(key) == "sen_support" ? "SEN support (K)"
                        : std::string(key) == "ehc_plan"  ? "EHC plan (E)"
                                                          : "All SEN";
    rows.push_back({label, value_text(s.at("pupils")), percent_text(s.at("percent_of_roll")),
                    percent_text(s.at("national_percent"))});
  }
  print_table(out, {"Status", "Pupils", "% of roll", "England"}, rows);
  out << "England: " << value_text(national.at("source")) << ", " << value_text(national.at("publication")) << " ("
      << value_text(national.at("census")) << " census)\n\n";

  rows.clear();
  for (const auto& n : summary.at("primary_need").as_array())
    rows.push_back({value_text(n.at("code")), value_text(n.at("area")), value_text(n.at("sen_support")),
                    value_text(n.at("ehc_plan")), percent_text(n.at("percent_of_register"))});
  out << "Primary need (most common in England: " << value_text(national.at("most_common_need_sen_support"))
      << " for SEN support, " << value_text(national.at("most_common_need_ehc_plan")) << " for EHC plans)\n";
  print_table(out, {"Need", "Area", "SEN support", "EHC plan", "% of register"}, rows);
  out << '\n';

  rows.clear();
  for (const auto& y : summary.at("year_groups").as_array())
    rows.push_back({value_text(y.at("nc_year")), count(y.at("roll")), value_text(y.at("sen_support")),
                    value_text(y.at("ehc_plan")), percent_text(y.at("percent_on_register"))});
  out << "By year group\n";
  print_table(out, {"Year", "Roll", "SEN support", "EHC plan", "% on register"}, rows);
}

void print_report_table(std::ostream& out, const std::string& table_json, bool csv) {
  if (csv) {
    out << senmap_cpp::report_table_csv(table_json);
    return;
  }
  const auto table = json::parse(table_json);
  Row headers;
  for (const auto& h : table.at("headers").as_array()) headers.emplace_back(h.as_string());
  std::vector<std::string> types(headers.size(), "text");
  if (const auto* listed = table.as_object().if_contains("types"))
    for (std::size_t i = 0; i < listed->as_array().size() && i < types.size(); ++i)
      types[i] = std::string(listed->as_array()[i].as_string());
  std::vector<Row> rows;
  for (const auto& r : table.at("rows").as_array()) {
    Row row;
    const auto& cells = r.as_array();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      auto type = i < types.size() ? std::string_view(types[i]) : std::string_view("text");
      row.push_back(table_cell(cells[i], type));
    }
    rows.push_back(std::move(row));
  }
  out << table.at("title").as_string().c_str() << "\n\n";
  print_table(out, headers, rows);
}

void write_private_file(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
  bool ok = fd >= 0 && ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
  for (std::size_t done = 0; ok && done < text.size();) {
    auto n = ::write(fd, text.data() + done, text.size() - done);
    ok = n > 0;
    done += ok ? static_cast<std::size_t>(n) : 0;
  }
  int error = errno;
  if (fd >= 0 && ::close(fd) != 0 && ok) ok = false, error = errno;
  if (!ok) throw std::runtime_error("cannot write " + path + ": " + std::generic_category().message(error));
}

}  // namespace senmap_cli
