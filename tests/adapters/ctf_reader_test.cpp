#include "ctf/ctf_reader.hpp"

#include <catch2/catch.hpp>
#include <map>

#include "test_files.hpp"

using namespace sm;
using sm::test::fixture;

namespace {
struct Read {
  ctf::CtfReadResult result;
  std::map<std::string, model::PupilRecord> pupils;
};

Read read(const std::filesystem::path& file) {
  Read out;
  ctf::ReadHooks hooks;
  hooks.on_pupil = [&](model::PupilRecord&& r) { out.pupils[r.upn] = std::move(r); };
  out.result = ctf::read_ctf(file, hooks);
  return out;
}
}  // namespace

TEST_CASE("A CTF 25 file is read into pupil records", "[adapter]") {
  auto r = read(fixture("ctf/ctf25_small.xml"));
  REQUIRE(r.result.problems.empty());
  REQUIRE(r.result.header);
  CHECK(r.result.header->version == "25.0");
  CHECK(r.result.header->source.la == "938");
  CHECK(r.result.header->source.estab == "4123");
  CHECK(r.result.checksum.size() == 32);
  REQUIRE(r.pupils.size() == 5);

  const auto& zoe = r.pupils.at("A938412323001");
  CHECK(zoe.forename == "Zoë");  // UTF-8 preserved
  CHECK(zoe.surname == "O'Brien");
  CHECK(zoe.sex == "F");
  CHECK(zoe.nc_year == "6");
  CHECK(zoe.first_language == "ENG");
  REQUIRE(zoe.sen_status.size() == 1);
  CHECK(zoe.sen_status[0].provision == "K");
  REQUIRE(zoe.needs.size() == 2);
  REQUIRE(zoe.attendance.size() == 1);
  CHECK(zoe.attendance[0].marks == "/\\/\\/\\/\\/\\IIII/\\/\\/\\");
  CHECK(model::format_date(*zoe.attendance[0].marks_start) == "2024-09-02");
  CHECK(zoe.assessments.size() == 2);
  CHECK(zoe.fsm.size() == 1);

  const auto& sian = r.pupils.at("P938412323002");
  CHECK(sian.forename == "Siân");
  CHECK(sian.looked_after);
  REQUIRE(sian.sen_status.size() == 2);
  CHECK(sian.sen_status.back().provision == "E");

  CHECK_FALSE(r.pupils.at("D938412323003").has_sen_history);
}

TEST_CASE("Older CTF shapes: Gender and SENneeds inside SEN and marks straight in YearData", "[adapter]") {
  auto r = read(fixture("ctf/ctf24_variants.xml"));
  REQUIRE(r.result.problems.empty());
  REQUIRE(r.pupils.size() == 2);
  const auto& yusuf = r.pupils.at("G938412324006");
  CHECK(yusuf.sex == "M");
  REQUIRE(yusuf.needs.size() == 1);
  CHECK(yusuf.needs[0].type == "SPLD");
  REQUIRE(yusuf.attendance.size() == 1);
  CHECK(yusuf.attendance[0].marks == "/\\/\\/\\/\\/N");
  // SEN periods are put in date order whatever order the file lists them in.
  const auto& zofia = r.pupils.at("W938412324007");
  REQUIRE(zofia.sen_status.size() == 2);
  CHECK(zofia.sen_status.front().provision == "K");
  CHECK(zofia.sen_status.back().provision == "E");
  CHECK(zofia.needs.size() == 2);
}

TEST_CASE("A BOM and CRLF line ends read the same as plain UTF-8 with LF", "[adapter]") {
  auto text = test::read_file(fixture("ctf/ctf25_small.xml"));
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  auto path = test::scratch("bom_crlf.xml");
  test::write_file(path, crlf);
  auto plain = read(fixture("ctf/ctf25_small.xml"));
  auto windows = read(path);
  REQUIRE(windows.result.problems.empty());
  REQUIRE(windows.pupils.size() == plain.pupils.size());
  CHECK(windows.pupils.at("A938412323001").forename == "Zoë");
  CHECK(windows.pupils.at("A938412323001").attendance[0].marks == plain.pupils.at("A938412323001").attendance[0].marks);
}

TEST_CASE("CTF 23 and 26 are accepted; 22 and 27 are not", "[adapter]") {
  auto base = fixture("ctf/ctf25_small.xml");
  for (auto version : {"23.0", "26.0"}) {
    auto path = test::variant(base, std::string("v") + version + ".xml",
                              {{"<CTFversion>25.0", std::string("<CTFversion>") + version}});
    CHECK(read(path).result.problems.empty());
  }
  for (auto version : {"22.0", "27.0"}) {
    auto path = test::variant(base, std::string("v") + version + ".xml",
                              {{"<CTFversion>25.0", std::string("<CTFversion>") + version}});
    auto r = read(path);
    CHECK(r.result.file_rejected);
    REQUIRE(r.result.problems.size() == 1);
    CHECK_THAT(r.result.problems[0].rule, Catch::Contains("CTF 23.0 to 26.x"));
    CHECK(r.result.problems[0].value == version);
    CHECK(r.pupils.empty());
  }
}

TEST_CASE("Pupil by pupil and whole-document reading agree, problems and lines included", "[adapter]") {
  // A comment inside CTFpupilData sends the file down the whole-document path; the same lines
  // (the comment takes one) keep the same problems apart from that offset.
  auto broken = test::variant(
      fixture("ctf/ctf25_small.xml"), "fast.xml",
      {{"<SENtype>SEMH</SENtype>", "<SENtype>DYSL</SENtype>"}, {"<DOB>2012-10-15</DOB>", "<DOB>2012-02-30</DOB>"}});
  auto text = test::read_file(broken);
  text.replace(text.find("  <CTFpupilData>\n"), 17, "  <CTFpupilData><!-- whole-document path -->\n");
  auto slow = test::scratch("slow.xml");
  test::write_file(slow, text);
  auto a = read(broken), b = read(slow);
  REQUIRE(a.result.problems.size() == 2);
  REQUIRE(b.result.problems.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(a.result.problems[i].path == b.result.problems[i].path);
    CHECK(a.result.problems[i].line == b.result.problems[i].line);
    CHECK(a.result.problems[i].upn == b.result.problems[i].upn);
  }
  CHECK(a.result.problems[0].line == 42);
  REQUIRE(a.pupils.size() == b.pupils.size());
  for (const auto& [upn, record] : a.pupils) {
    CHECK(b.pupils.at(upn).surname == record.surname);
    CHECK(b.pupils.at(upn).assessments.size() == record.assessments.size());
    CHECK(b.pupils.at(upn).needs.size() == record.needs.size());
  }
}
