#include "xlsx/xlsx_sheet.hpp"

#include <zip.h>

#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <pugixml.hpp>

#include "model/utf8.hpp"

namespace sm::xlsx {
namespace {

// A provision catalogue is a few KB; these bounds refuse zip bombs and absurd sheets, not workbooks.
constexpr zip_uint64_t kMaxPartBytes = 64ull << 20;
constexpr std::size_t kMaxColumns = 16384;  // XFD, Excel's last column
constexpr std::size_t kMaxRows = 1048576;
constexpr std::size_t kMaxCells = 4'000'000;

using Zip = std::unique_ptr<zip_t, decltype(&zip_close)>;
using Error = std::optional<std::string>;

// Names in OOXML parts may carry a prefix (<x:row> from some writers): compare local names.
std::string_view local(const char* name) {
  std::string_view n(name);
  auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (auto c : node.children())
    if (c.type() == pugi::node_element && local(c.name()) == name) return c;
  return {};
}

template <class Fn>
void each_child(pugi::xml_node node, std::string_view name, Fn&& fn) {
  for (auto c : node.children())
    if (c.type() == pugi::node_element && local(c.name()) == name) fn(c);
}

// One part of the package, parsed. `found` is false when the zip has no such entry.
Error load_part(zip_t* zip, const std::string& name, pugi::xml_document& doc, bool& found) {
  found = false;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(zip, name.c_str(), 0, &stat) != 0) return std::nullopt;
  found = true;
  if (!(stat.valid & ZIP_STAT_SIZE) || stat.size > kMaxPartBytes) return name + " is larger than 64 MB: refused";
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(zip, name.c_str(), 0), zip_fclose);
  if (!file) return "cannot read " + name + " in the zip";
  std::string bytes(stat.size, '\0');
  auto got = zip_fread(file.get(), bytes.data(), stat.size);
  if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) return "cannot read " + name + " in the zip (damaged)";
  // parse_doctype keeps a DOCTYPE as a node so it can be refused; pugixml never expands or fetches entities.
  // parse_ws_pcdata_single keeps a cell whose text is only spaces (<t xml:space="preserve"> </t>).
  auto parsed = doc.load_buffer(bytes.data(), bytes.size(),
                                pugi::parse_default | pugi::parse_doctype | pugi::parse_ws_pcdata_single);
  if (!parsed) return name + " is not well-formed XML: " + parsed.description();
  for (auto node : doc.children())
    if (node.type() == pugi::node_doctype)
      return name + " has a DOCTYPE: refused (a workbook never needs one; no entities are expanded)";
  return std::nullopt;
}

// "xl/workbook.xml" + "worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml"; "/xl/x.xml" is from the root.
std::string resolve(const std::string& from_part, const std::string& target) {
  std::vector<std::string> parts;
  std::string base = target.starts_with('/') ? "" : from_part.substr(0, from_part.find_last_of('/') + 1);
  std::string path = base + target;
  std::size_t at = 0;
  while (at <= path.size()) {
    auto slash = path.find('/', at);
    if (slash == std::string::npos) slash = path.size();
    auto piece = path.substr(at, slash - at);
    if (piece == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(piece);
    }
    at = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

struct Relationship {
  std::string type, target;  // target already resolved to a part name
};

// A part's relationships (Id -> type and target), from its _rels/NAME.rels; empty when it has none.
Error load_relationships(zip_t* zip, const std::string& part, std::map<std::string, Relationship>& out) {
  auto slash = part.find_last_of('/');
  std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? part : part.substr(slash + 1);
  std::string rels = dir + "_rels/" + name + ".rels";
  pugi::xml_document doc;
  bool found = false;
  if (auto error = load_part(zip, rels, doc, found)) return error;
  each_child(child(doc, "Relationships"), "Relationship", [&](pugi::xml_node r) {
    if (std::string_view(r.attribute("TargetMode").value()) == "External") return;
    out[r.attribute("Id").value()] = {r.attribute("Type").value(), resolve(part, r.attribute("Target").value())};
  });
  return std::nullopt;
}

bool type_is(const Relationship& r, std::string_view kind) {
  return r.type.size() > kind.size() && r.type.ends_with(kind) && r.type[r.type.size() - kind.size() - 1] == '/';
}

// A shared or inline string: its <t>, or the <t> of each rich-text run <r> (phonetic <rPh> is not text).
std::string string_item(pugi::xml_node item) {
  std::string text;
  for (auto c : item.children()) {
    if (c.type() != pugi::node_element) continue;
    if (local(c.name()) == "t")
      text += c.text().get();
    else if (local(c.name()) == "r")
      each_child(c, "t", [&](pugi::xml_node t) { text += t.text().get(); });
  }
  return text;
}

// A number as the file wrote it; an integral value without decimals ("4.0", "4E0" -> "4").
std::string number_text(std::string_view written) {
  double value = 0;
  auto [end, ec] = std::from_chars(written.data(), written.data() + written.size(), value);
  if (ec != std::errc() || end != written.data() + written.size()) return std::string(written);
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15)
    return std::to_string(static_cast<long long>(value));
  return std::string(written);
}

std::optional<std::size_t> whole_number(std::string_view text) {
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// The first sheet's part name and tab name, through the package's and the workbook's relationships.
Error find_first_sheet(zip_t* zip, std::string& sheet_part, std::string& sheet_name, std::string& strings_part) {
  std::map<std::string, Relationship> root;
  if (auto error = load_relationships(zip, "", root)) return error;
  std::string workbook_part = "xl/workbook.xml";
  for (const auto& [id, r] : root)
    if (type_is(r, "officeDocument")) workbook_part = r.target;
  pugi::xml_document workbook;
  bool found = false;
  if (auto error = load_part(zip, workbook_part, workbook, found)) return error;
  if (!found) return "the zip has no workbook (" + workbook_part + "): not an XLSX file";
  auto first = child(child(child(workbook, "workbook"), "sheets"), "sheet");
  if (!first) return workbook_part + " lists no sheets";
  sheet_name = first.attribute("name").value();
  std::string id;  // r:id, whatever the relationships namespace's prefix is
  for (auto a : first.attributes())
    if (std::string_view(a.name()).find(':') != std::string_view::npos && local(a.name()) == "id") id = a.value();
  std::map<std::string, Relationship> rels;
  if (auto error = load_relationships(zip, workbook_part, rels)) return error;
  auto sheet = rels.find(id);
  if (id.empty() || sheet == rels.end())
    return "the workbook's first sheet \"" + sheet_name + "\" has no part in the zip";
  sheet_part = sheet->second.target;
  for (const auto& [rid, r] : rels)
    if (type_is(r, "sharedStrings")) strings_part = r.target;
  return std::nullopt;
}

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.starts_with(std::string_view("PK\x03\x04", 4));
}

std::optional<std::size_t> column_of(std::string_view reference) {
  std::size_t column = 0, letters = 0;
  while (letters < reference.size() && reference[letters] >= 'A' && reference[letters] <= 'Z' && letters < 3)
    column = column * 26 + static_cast<std::size_t>(reference[letters++] - 'A' + 1);
  if (letters == 0 || column > kMaxColumns) return std::nullopt;
  auto row = whole_number(reference.substr(letters));
  if (!row || *row == 0 || *row > kMaxRows) return std::nullopt;
  return column - 1;
}

XlsxSheet XlsxSheet::read(const std::filesystem::path& path) {
  XlsxSheet sheet;
  int code = 0;
  Zip zip(zip_open(path.c_str(), ZIP_RDONLY, &code), zip_close);
  if (!zip) {
    if (code == ZIP_ER_NOZIP) {
      sheet.error_ = "not an XLSX workbook (not a zip archive): save it from the spreadsheet as .xlsx or as CSV";
    } else {
      zip_error_t error;
      zip_error_init_with_code(&error, code);
      sheet.error_ = std::string("cannot open the workbook: ") + zip_error_strerror(&error);
      zip_error_fini(&error);
    }
    return sheet;
  }
  std::string sheet_part, strings_part;
  if (auto error = find_first_sheet(zip.get(), sheet_part, sheet.name_, strings_part)) {
    sheet.error_ = std::move(error);
    return sheet;
  }

  std::vector<std::string> shared;
  bool found = false;
  if (!strings_part.empty()) {
    pugi::xml_document strings;
    if (auto error = load_part(zip.get(), strings_part, strings, found)) {
      sheet.error_ = std::move(error);
      return sheet;
    }
    each_child(child(strings, "sst"), "si", [&](pugi::xml_node si) { shared.push_back(string_item(si)); });
  }

  pugi::xml_document doc;
  if (auto error = load_part(zip.get(), sheet_part, doc, found); error || !found) {
    sheet.error_ = error ? *error : "the first sheet's part " + sheet_part + " is missing from the zip";
    return sheet;
  }
  std::size_t line = 0, cells = 0;
  for (auto row : child(child(doc, "worksheet"), "sheetData").children()) {
    if (row.type() != pugi::node_element || local(row.name()) != "row") continue;
    if (auto r = row.attribute("r")) {
      auto number = whole_number(r.value());
      if (!number || *number == 0 || *number > kMaxRows) {
        sheet.error_ = sheet_part + ": row number \"" + std::string(r.value()) + "\" is not valid";
        return sheet;
      }
      line = *number;
    } else {
      ++line;  // rows may leave out r="": each follows the one before
    }
    SheetRow out{line, {}};
    std::size_t column = 0;
    bool any = false;
    for (auto c : row.children()) {
      if (c.type() != pugi::node_element || local(c.name()) != "c") continue;
      if (auto r = c.attribute("r")) {
        auto at = column_of(r.value());
        if (!at) {
          sheet.error_ = sheet_part + ": cell reference \"" + std::string(r.value()) + "\" in row " +
                         std::to_string(line) + " is not valid";
          return sheet;
        }
        column = *at;
      }
      std::string_view type = c.attribute("t").value();
      std::string_view v = child(c, "v").text().get();
      std::string value;
      if (type == "s") {
        auto index = whole_number(v);
        if (!index || *index >= shared.size()) {
          sheet.error_ = sheet_part + ": cell " + std::string(c.attribute("r").value()) +
                         " points at shared string \"" + std::string(v) + "\", which the workbook does not have";
          return sheet;
        }
        value = shared[*index];
      } else if (type == "inlineStr") {
        value = string_item(child(c, "is"));
      } else if (type == "b") {
        value = v == "1" ? "TRUE" : v.empty() ? "" : "FALSE";
      } else if (type == "n" || type.empty()) {
        value = number_text(v);
      } else {
        value = std::string(v);  // str (a formula's text), e (an error such as #N/A), d (an ISO date)
      }
      // XML inside the zip may say it is UTF-8 and not be: refused, naming the cell.
      if (auto bad = model::first_invalid_utf8(value)) {
        sheet.error_ = sheet_part + ": cell " + std::string(c.attribute("r").value()) + " in row " +
                       std::to_string(line) + " is not valid UTF-8 (found " + model::invalid_bytes_at(value, *bad) +
                       "): save the workbook again from the spreadsheet";
        return sheet;
      }
      if (!value.empty()) {
        if (column >= out.cells.size()) {
          cells += column + 1 - out.cells.size();
          if (cells > kMaxCells) {
            sheet.error_ = sheet_part + ": more than 4 million cells: refused";
            return sheet;
          }
          out.cells.resize(column + 1);
        }
        out.cells[column] = std::move(value);
        any = true;
      }
      ++column;
    }
    if (any) sheet.rows_.push_back(std::move(out));
  }
  return sheet;
}

}  // namespace sm::xlsx
