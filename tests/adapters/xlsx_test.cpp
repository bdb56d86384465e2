// The XLSX reader (adapters/xlsx) on workbooks from two writers: libxlsxwriter, and parts written by
// hand the way Excel and other tools write them; and the provision catalogue imported from XLSX.
#include <xlsxwriter.h>
#include <zip.h>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "ops/operation.hpp"
#include "report/table_export.hpp"
#include "test_files.hpp"
#include "xlsx/xlsx_sheet.hpp"

using namespace sm;
using Cells = std::vector<std::string>;

namespace {

// A workbook from hand-written parts, zipped with libzip: what another writer (Excel, LibreOffice) produces.
void zip_parts(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::string>>& parts) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive);
  for (const auto& [name, text] : parts) {
    auto* source = zip_source_buffer(archive, text.data(), text.size(), 0);
    REQUIRE(source);
    REQUIRE(zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE) >= 0);
  }
  REQUIRE(zip_close(archive) == 0);  // reads the buffers: `parts` outlives it
}

const std::string kRootRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";

// Two sheets; the first in tab order lives in data.xml, and sheet1.xml (the second) is a trap.
const std::string kWorkbook = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Catalogue" sheetId="2" rel:id="rId7"/><sheet name="Notes" sheetId="1" rel:id="rId1"/></sheets>
</workbook>)";

const std::string kWorkbookRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>
</Relationships>)";

const std::string kSharedStrings = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
<si><t>name</t></si>
<si><t>wave</t></si>
<si><r><rPr><b/></rPr><t>Reading </t></r><r><t xml:space="preserve">Recovery</t></r><rPh sb="0" eb="1"><t>IGNORED</t></rPh></si>
<si><t xml:space="preserve">  </t></si>
<si><t>Siân &amp; Zoë's group</t></si>
</sst>)";

// Prefixed names (x:), a row without r, gaps, inline strings, booleans, numbers as Excel writes them.
const std::string kDataSheet = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3" t="s"><x:v>2</x:v></x:c><x:c r="C3"><x:v>2.0</x:v></x:c><x:c r="D3"><x:v>12.5</x:v></x:c></x:row>
<x:row r="4"><x:c r="A4" s="1"/><x:c r="B4" t="s"><x:v>3</x:v></x:c></x:row>
<x:row r="5"><x:c r="A5" t="s"><x:v>4</x:v></x:c><x:c r="B5" t="b"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>inline</x:t></x:is></x:c></x:row>
<x:row><x:c r="AA6" t="str"><x:f>A5</x:f><x:v>formula text</x:v></x:c><x:c r="A6" t="e"><x:v>#N/A</x:v></x:c></x:row>
</x:sheetData></x:worksheet>)";

const std::string kTrapSheet = R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>not the first sheet</t></is></c></row></sheetData></worksheet>)";

std::vector<std::pair<std::string, std::string>> hand_written_parts() {
  return {{"_rels/.rels", kRootRels},
          {"xl/workbook.xml", kWorkbook},
          {"xl/_rels/workbook.xml.rels", kWorkbookRels},
          {"xl/strings.xml", kSharedStrings},
          {"xl/worksheets/data.xml", kDataSheet},
          {"xl/worksheets/sheet1.xml", kTrapSheet}};
}

std::vector<std::pair<std::size_t, Cells>> rows_of(const xlsx::XlsxSheet& sheet) {
  std::vector<std::pair<std::size_t, Cells>> out;
  for (const auto& row : sheet.rows()) out.emplace_back(row.line, row.cells);
  return out;
}

}  // namespace

TEST_CASE("Cell references place cells in their columns", "[adapter]") {
  CHECK(xlsx::column_of("A1") == 0u);
  CHECK(xlsx::column_of("C7") == 2u);
  CHECK(xlsx::column_of("AA10") == 26u);
  CHECK(xlsx::column_of("XFD1048576") == 16383u);
  CHECK_FALSE(xlsx::column_of("XFE1"));
  CHECK_FALSE(xlsx::column_of("A0"));
  CHECK_FALSE(xlsx::column_of("7C"));
  CHECK_FALSE(xlsx::column_of("c7"));
  CHECK(xlsx::looks_like_zip(std::string_view("PK\x03\x04rest", 8)));
  CHECK_FALSE(xlsx::looks_like_zip("name,areas\n"));
}

TEST_CASE("A workbook written by libxlsxwriter reads back cell for cell", "[adapter]") {
  bool constant_memory = GENERATE(false, true);  // shared strings, or inline strings
  auto path = test::scratch(constant_memory ? "inline.xlsx" : "shared.xlsx");
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  options.tmpdir = nullptr;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  REQUIRE(book);
  lxw_worksheet* first = workbook_add_worksheet(book, "Provisions");
  lxw_worksheet* second = workbook_add_worksheet(book, "Other");
  worksheet_write_string(second, 0, 0, "second sheet", nullptr);
  worksheet_write_string(first, 0, 0, "name", nullptr);
  worksheet_write_string(first, 0, 1, "wave", nullptr);
  worksheet_write_string(first, 0, 3, "staff_hourly_cost", nullptr);  // C1 left empty: a gap
  worksheet_write_string(first, 2, 0, "Lego therapy", nullptr);       // row 2 left empty
  worksheet_write_number(first, 2, 1, 2, nullptr);
  worksheet_write_number(first, 2, 3, 14.5, nullptr);
  worksheet_write_string(first, 3, 0, "Zoë's \"social\" group, Wave 3", nullptr);
  worksheet_write_number(first, 3, 1, 3.0, nullptr);
  worksheet_write_boolean(first, 3, 2, 1, nullptr);
  worksheet_write_number(first, 3, 3, -0.25, nullptr);
  worksheet_write_blank(first, 4, 0, workbook_add_format(book));  // formatted but empty: not a row
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);

  auto sheet = xlsx::XlsxSheet::read(path);
  INFO(sheet.error().value_or(""));
  REQUIRE_FALSE(sheet.error());
  CHECK(sheet.name() == "Provisions");
  CHECK(rows_of(sheet) ==
        std::vector<std::pair<std::size_t, Cells>>{{1, {"name", "wave", "", "staff_hourly_cost"}},
                                                   {3, {"Lego therapy", "2", "", "14.5"}},
                                                   {4, {"Zoë's \"social\" group, Wave 3", "3", "TRUE", "-0.25"}}});
}

TEST_CASE("A workbook from another writer: first sheet by the workbook, rich text, gaps, prefixes", "[adapter]") {
  auto path = test::scratch("hand.xlsx");
  zip_parts(path, hand_written_parts());
  auto sheet = xlsx::XlsxSheet::read(path);
  INFO(sheet.error().value_or(""));
  REQUIRE_FALSE(sheet.error());
  CHECK(sheet.name() == "Catalogue");
  Cells row6(27);
  row6[0] = "#N/A";
  row6[26] = "formula text";
  CHECK(rows_of(sheet) == std::vector<std::pair<std::size_t, Cells>>{{2, {"name", "", "wave"}},
                                                                     {3, {"Reading Recovery", "", "2", "12.5"}},
                                                                     {4, {"", "  "}},
                                                                     {5, {"Siân & Zoë's group", "TRUE", "inline"}},
                                                                     {6, row6}});
}

TEST_CASE("A file that is not a workbook is refused, saying why", "[adapter]") {
  SECTION("not a zip") {
    auto path = test::scratch("catalogue.xlsx");
    test::write_file(path, "name,areas\nLego,ASD\n");
    auto sheet = xlsx::XlsxSheet::read(path);
    REQUIRE(sheet.error());
    CHECK_THAT(*sheet.error(), Catch::Contains("not an XLSX workbook (not a zip archive)"));
  }
  SECTION("a zip without a workbook") {
    auto path = test::scratch("nobook.xlsx");
    zip_parts(path, {{"readme.txt", "hello"}});
    auto sheet = xlsx::XlsxSheet::read(path);
    REQUIRE(sheet.error());
    CHECK_THAT(*sheet.error(), Catch::Contains("the zip has no workbook (xl/workbook.xml)"));
  }
  SECTION("a DOCTYPE in any part (an XXE attempt)") {
    auto parts = hand_written_parts();
    auto& strings = parts[3].second;
    strings.replace(strings.find("<sst"), 0, "<!DOCTYPE sst [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n");
    strings.replace(strings.find("<t>name</t>"), 11, "<t>&xxe;</t>");
    auto path = test::scratch("xxe.xlsx");
    zip_parts(path, parts);
    auto sheet = xlsx::XlsxSheet::read(path);
    REQUIRE(sheet.error());
    CHECK_THAT(*sheet.error(), Catch::Contains("xl/strings.xml has a DOCTYPE: refused"));
    CHECK(sheet.rows().empty());
  }
  SECTION("a shared string the workbook does not have") {
    auto parts = hand_written_parts();
    auto& data = parts[4].second;
    data.replace(data.find("<x:v>4</x:v>"), 12, "<x:v>99</x:v>");
    auto path = test::scratch("dangling.xlsx");
    zip_parts(path, parts);
    auto sheet = xlsx::XlsxSheet::read(path);
    REQUIRE(sheet.error());
    CHECK_THAT(*sheet.error(), Catch::Contains("cell A5 points at shared string \"99\""));
  }
}

namespace {

struct Catalogue {
  store::Database db;
  ops::Context context;
  explicit Catalogue(const std::string& name)
      : db(test::scratch(name), true), context{db, "test", *model::parse_date("2025-03-20"), {}} {}
  boost::json::value call(const std::string& op, const std::string& request) {
    auto r = ops::call(context, op, request);
    INFO(boost::json::serialize(r.response));
    REQUIRE(r.status == ops::CallResult::Status::ok);
    return r.response;
  }
  // The catalogue without ids: what a school would compare.
  boost::json::array list() {
    auto provisions = call("provision.list", "{}").at("provisions").as_array();
    for (auto& p : provisions) p.as_object().erase("id");
    return provisions;
  }
};

}  // namespace

TEST_CASE("The provision catalogue imports from XLSX through the same checks as CSV", "[adapter]") {
  Catalogue from("xlsx_from.db");
  from.call(
      "provision.create",
      R"({"name":"Reading Recovery","areas":["Cognition and learning","SPLD"],"wave":3,"delivered_by":"specialist",
      "group_size":1,"sessions_per_week":5,"minutes_per_session":30,"weeks":20,"staff_hourly_cost":28.5,"resource_cost":40,
      "description":"=1+1 is text","entry_criteria":"reading age 2 years below","measure":"reading age","measure_subject":"RDG"})");
  from.call("provision.create", R"({"name":"Lego therapy","areas":["ASD"],"wave":2,"delivered_by":"ta","group_size":3,
      "sessions_per_week":1.5,"minutes_per_session":45,"weeks":10,"staff_hourly_cost":14.5})");
  auto xlsx = test::scratch("catalogue.xlsx");
  report::write_xlsx(ops::provision_table(from.call("provision.list", "{}")), xlsx);

  Catalogue to("xlsx_to.db");
  auto report = ops::import_provisions(to.context, xlsx.string());
  INFO(boost::json::serialize(report));
  CHECK(report.at("created").to_number<std::int64_t>() == 2);
  CHECK(to.list() == from.list());

  SECTION("a bad row refuses the whole workbook, by its row number") {
    auto bad = test::scratch("bad.xlsx");
    lxw_workbook* book = workbook_new(bad.c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
    const char* headers[] = {"Name",
                             "Areas",
                             "Wave",
                             "Delivered by",
                             "Group size",
                             "Sessions per week",
                             "Minutes per session",
                             "Weeks",
                             "Staff hourly cost"};
    for (int c = 0; c < 9; ++c) worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), headers[c], nullptr);
    auto row = [&](lxw_row_t r, const char* name, double wave, const char* group_size) {
      worksheet_write_string(sheet, r, 0, name, nullptr);
      worksheet_write_string(sheet, r, 1, "SEMH; Social, emotional and mental health", nullptr);
      worksheet_write_number(sheet, r, 2, wave, nullptr);
      worksheet_write_string(sheet, r, 3, "ta", nullptr);
      worksheet_write_string(sheet, r, 4, group_size, nullptr);
      for (lxw_col_t c : {5, 6, 7, 8}) worksheet_write_number(sheet, r, c, c == 8 ? 15.5 : 4, nullptr);
    };
    row(1, "Nurture group", 2, "6");
    row(4, "Zones of regulation", 7, "6");  // spreadsheet row 5, after two empty rows
    row(5, "Draw and talk", 2, "six");
    REQUIRE(workbook_close(book) == LXW_NO_ERROR);
    Catalogue third("xlsx_bad.db");
    auto refused = ops::import_provisions(third.context, bad.string());
    CHECK(refused.at("created").to_number<std::int64_t>() == 0);
    auto problem = [&](int line, const char* field, const char* rule) {
      return boost::json::value{{"file", bad.string()}, {"line", line}, {"field", field}, {"rule", rule}};
    };
    CHECK(refused.at("problems") ==
          boost::json::array{problem(5, "wave", "must be 1 (universal), 2 (targeted) or 3 (specialist)"),
                             problem(6, "group_size", "must be a whole number")});
    CHECK(third.list().empty());
  }
  SECTION("a workbook saved under another name is still read as one, and a broken one is refused") {
    auto renamed = test::scratch("catalogue.csv");
    std::filesystem::copy_file(xlsx, renamed);
    Catalogue fourth("xlsx_renamed.db");
    CHECK(ops::import_provisions(fourth.context, renamed.string()).at("created").to_number<std::int64_t>() == 2);
    auto csv = test::scratch("trailing.csv");  // as Excel saves a sheet with formatted empty rows below the data
    test::write_file(
        csv,
        "Name,Areas,Wave,Delivered by,Group size,Sessions per week,Minutes per session,Weeks,Staff hourly cost\r\n"
        "Handwriting club,Sensory and/or physical,2,ta,6,2,30,10,14.5\r\n,,,,,,,,\r\n,,,,,,,,\r\n");
    Catalogue fifth("csv_trailing.db");
    CHECK(ops::import_provisions(fifth.context, csv.string()).at("problems").as_array().empty());
    CHECK(fifth.list().size() == 1);
    auto broken = test::scratch("broken.xlsx");
    test::write_file(broken, "name,areas\n");
    auto refused = ops::import_provisions(fourth.context, broken.string());
    CHECK(refused.at("problems").at(0).at("line").to_number<std::int64_t>() == 0);
    CHECK_THAT(std::string(refused.at("problems").at(0).at("rule").as_string()), Catch::Contains("not a zip archive"));
  }
}
