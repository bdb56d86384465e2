#include <catch2/catch.hpp>

#include "report/register_report.hpp"
#include "sync/ctf_import.hpp"
#include "test_files.hpp"

using namespace sm;
using sm::test::fixture;

namespace {
const auto kSmall = fixture("ctf/ctf25_small.xml");

// A database holding the small school, to prove a refused file changes nothing.
struct Loaded {
  std::filesystem::path path;
  store::Database db;
  explicit Loaded(const std::string& name) : path(test::scratch(name)), db(path, true) {
    REQUIRE(sync::import_ctf(db, kSmall, {}).applied);
  }
  // Every row of every table, so "untouched" means untouched.
  std::string snapshot() {
    std::string out;
    for (auto table : {"school", "pupil", "sen_status_period", "sen_need", "attendance_year", "assessment_result",
                       "fsm_period", "import_run"}) {
      auto all = db.prepare(std::string("SELECT * FROM ") + table);
      out += table;
      while (all.step())
        for (int c = 0; c < all.column_count(); ++c) out += "|" + all.text(c);
      out += ";";
    }
    return out;
  }
};

sync::ImportReport import(store::Database& db, const std::filesystem::path& file, bool lenient = false) {
  sync::ImportOptions options;
  options.lenient = lenient;
  return sync::import_ctf(db, file, options);
}

const model::Problem* problem_for(const sync::ImportReport& r, const std::string& upn) {
  for (const auto& p : r.problems)
    if (p.upn == upn) return &p;
  return nullptr;
}
}  // namespace

TEST_CASE("A file with problems is refused whole with every problem listed and the store untouched", "[adapter]") {
  Loaded school("strict.db");
  auto before = school.snapshot();
  // Three different pupils broken three different ways, plus a change to a good pupil.
  auto bad = test::variant(kSmall, "three_problems.xml",
                           {{"<DateTime>2025-03-14T10:00:00", "<DateTime>2025-05-01T10:00:00"},
                            {"<Surname>O'Brien</Surname>", "<Surname>O'Brien-Walsh</Surname>"},
                            {"<SENtype>SEMH</SENtype>", "<SENtype>DYSL</SENtype>"},
                            {"<DOB>2012-10-15</DOB>", "<DOB>2012-02-30</DOB>"},
                            {"<UPN>D938412323003</UPN>", "<UPN>B938412323003</UPN>"}});
  auto r = import(school.db, bad);
  CHECK_FALSE(r.applied);
  CHECK(r.refused({}));
  REQUIRE(r.problems.size() == 3);
  CHECK(school.snapshot() == before);

  auto* type = problem_for(r, "A938412323001");
  REQUIRE(type);
  CHECK(type->file == bad.string());
  CHECK(type->value == "DYSL");
  CHECK_THAT(type->rule, Catch::Contains("unknown SEN type"));
  CHECK(type->path == "CTfile/CTFpupilData/Pupil[1]/SENhistory/SENneeds/SENneed[1]/SENtype");
  CHECK(type->line == 42);  // the line of the SEMH need in the fixture

  auto* date = problem_for(r, "P938412323002");
  REQUIRE(date);
  CHECK(date->value == "2012-02-30");
  CHECK_THAT(date->rule, Catch::Contains("not a valid date"));
  CHECK(date->path == "CTfile/CTFpupilData/Pupil[2]/DOB");

  auto* upn = problem_for(r, "B938412323003");
  REQUIRE(upn);
  CHECK_THAT(upn->rule, Catch::Contains("check letter") && Catch::Contains("'D'"));
  CHECK(upn->path == "CTfile/CTFpupilData/Pupil[3]/UPN");
}

TEST_CASE("Lenient import takes the valid pupils and reports the rest", "[adapter]") {
  store::Database db(test::scratch("lenient.db"), true);
  auto bad = test::variant(kSmall, "lenient.xml", {{"<SENtype>SEMH</SENtype>", "<SENtype>DYSL</SENtype>"}});
  auto r = import(db, bad, true);
  CHECK(r.applied);
  CHECK(r.added == 4);
  CHECK(r.rejected == 1);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].upn == "A938412323001");
  auto entries = report::load_register(db, *model::parse_date("2025-03-14"));
  CHECK(entries.size() == 2);
}

TEST_CASE("Files that are not usable CTFs are refused even when lenient", "[adapter]") {
  Loaded school("unusable.db");
  auto before = school.snapshot();
  auto text = test::read_file(kSmall);

  SECTION("truncated") {
    auto path = test::scratch("truncated.xml");
    test::write_file(path, text.substr(0, text.size() / 2));
    auto r = import(school.db, path, true);
    CHECK(r.file_rejected);
    REQUIRE_FALSE(r.problems.empty());
    CHECK_THAT(r.problems[0].rule, Catch::Contains("not well-formed XML") && Catch::Contains("truncated"));
    CHECK(r.problems[0].line > 1);
  }
  SECTION("a DOCTYPE with an entity (XXE) is refused, nothing expanded or fetched") {
    auto path =
        test::variant(kSmall, "xxe.xml",
                      {{"<CTfile>", "<!DOCTYPE CTfile [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<CTfile>"},
                       {"<Surname>O'Brien</Surname>", "<Surname>&xxe;</Surname>"}});
    auto r = import(school.db, path, true);
    CHECK(r.file_rejected);
    REQUIRE(r.problems.size() == 1);
    CHECK_THAT(r.problems[0].rule, Catch::Contains("DOCTYPE"));
    CHECK(r.problems[0].line == 3);
  }
  SECTION("a billion-laughs entity bomb is refused the same way") {
    auto path = test::variant(
        kSmall, "laughs.xml",
        {{"<CTfile>", "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<CTfile>"}});
    auto r = import(school.db, path, true);
    CHECK(r.file_rejected);
    CHECK_THAT(r.problems[0].rule, Catch::Contains("DOCTYPE"));
  }
  SECTION("XML that is not a CTF") {
    auto path = test::scratch("not_ctf.xml");
    test::write_file(path, "<?xml version=\"1.0\"?>\n<OneRoster><users/></OneRoster>\n");
    auto r = import(school.db, path, true);
    CHECK(r.file_rejected);
    CHECK_THAT(r.problems[0].rule, Catch::Contains("not a CTF"));
    CHECK(r.problems[0].value == "OneRoster");
  }
  SECTION("not XML at all") {
    auto path = test::scratch("not_xml.xml");
    test::write_file(path, "UPN,Surname,Forename\nA938412323001,O'Brien,Zoe\n");
    auto r = import(school.db, path, true);
    CHECK(r.file_rejected);
    CHECK_THAT(r.problems[0].rule, Catch::Contains("not well-formed XML"));
  }
  SECTION("an empty file") {
    auto path = test::scratch("empty.xml");
    test::write_file(path, "");
    auto r = import(school.db, path, true);
    CHECK(r.file_rejected);
    CHECK_THAT(r.problems[0].rule, Catch::Contains("empty"));
  }
  SECTION("a pupil's surname that is not UTF-8 (Windows-1252) is refused whole, naming the element and UPN") {
    auto path =
        test::variant(kSmall, "latin1_surname.xml", {{"<Surname>O'Brien</Surname>", "<Surname>O'Bri\xE9n</Surname>"}});
    auto r = import(school.db, path, true);
    CHECK(r.file_rejected);
    REQUIRE(r.problems.size() == 1);
    CHECK_THAT(r.problems[0].rule, Catch::Contains("UTF-8") && Catch::Contains("<Surname>"));
    CHECK(r.problems[0].path == "Surname");
    CHECK(r.problems[0].upn.size() == 13);
    CHECK(r.problems[0].value == "0xE9");
    CHECK(r.problems[0].line > 1);
  }
  SECTION("a header that is not UTF-8 is refused, with no pupil named") {
    auto path = test::variant(kSmall, "latin1_header.xml", {{"<SchoolName>", "<SchoolName>\xC0\x80 "}});
    auto r = import(school.db, path, false);
    CHECK(r.file_rejected);
    REQUIRE(r.problems.size() == 1);
    CHECK_THAT(r.problems[0].rule, Catch::Contains("UTF-8") && Catch::Contains("<SchoolName>"));
    CHECK(r.problems[0].upn.empty());
  }
  SECTION("a header without a valid source school") {
    auto path = test::variant(kSmall, "bad_header.xml",
                              {{"<LEA>938</LEA>\n      <Estab>4123</Estab>\n      <URN>",
                                "<LEA>93</LEA>\n      <Estab>4123</Estab>\n      <URN>"}});
    auto r = import(school.db, path, true);
    CHECK(r.file_rejected);
    CHECK(r.problems[0].path == "CTfile/Header/SourceSchool/LEA");
  }
  CHECK(school.snapshot() == before);
}

TEST_CASE("Each pupil-level rule is enforced with a clear message", "[adapter]") {
  store::Database db(test::scratch("rules.db"), true);
  struct Case {
    const char* name;
    std::string find, replace;
    std::string rule_fragment;
  };
  const std::vector<Case> cases{
      {"NSA on an EHC plan",
       "<SENneed><NeedStartDate>2022-09-05</NeedStartDate><SENtypeRank>1</SENtypeRank><SENtype>ASD",
       "<SENneed><NeedStartDate>2022-09-05</NeedStartDate><SENtypeRank>1</SENtypeRank><SENtype>NSA",
       "only valid with SEN support"},
      {"unknown provision code", "<SENprovision>E</SENprovision>", "<SENprovision>X</SENprovision>",
       "unknown SEN provision"},
      {"legacy statement after 2018", "<SENprovision>E</SENprovision>", "<SENprovision>S</SENprovision>",
       "was not in use"},
      {"unknown attendance code", "/\\/\\/\\/\\/\\IIII", "/\\/\\/\\/\\/\\II!I",
       "unknown attendance code at session 13"},
      {"duplicate rank", "<SENtypeRank>2</SENtypeRank><SENtype>SEMH", "<SENtypeRank>1</SENtypeRank><SENtype>SEMH",
       "same rank"},
      {"date after the file",
       "<StartDate>2024-09-04</StartDate><SENprovision>K</SENprovision></SEN>\n        <SENneeds>\n          "
       "<SENneed><NeedStartDate>2024-09-04</NeedStartDate><SENtypeRank>2",
       "<StartDate>2025-09-04</StartDate><SENprovision>K</SENprovision></SEN>\n        <SENneeds>\n          "
       "<SENneed><NeedStartDate>2024-09-04</NeedStartDate><SENtypeRank>2",
       "after the file was written"},
      {"missing surname", "<Surname>Nowak</Surname>", "", "<Surname> is missing"},
      {"bad sex", "<Sex>M</Sex>\n      <BasicDetails><NCyearActual>7",
       "<Sex>Q</Sex>\n      <BasicDetails><NCyearActual>7", "must be M or F"},
      {"duplicate UPN", "<UPN>T938412323004</UPN>", "<UPN>A938412323001</UPN>", "more than once"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      auto path = test::variant(kSmall, "rule.xml", {{c.find, c.replace}});
      auto r = import(db, path);
      CHECK_FALSE(r.applied);
      REQUIRE(r.problems.size() == 1);
      CHECK_THAT(r.problems[0].rule, Catch::Contains(c.rule_fragment));
      CHECK_FALSE(r.problems[0].upn.empty());
      CHECK(r.problems[0].line > 0);
    }
  }
}
