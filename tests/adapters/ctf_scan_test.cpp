#include "ctf/ctf_scan.hpp"

#include <catch2/catch.hpp>

#include "model/content_hash.hpp"
#include "test_files.hpp"

using namespace sm;
using sm::test::fixture;

namespace {

ctf::CtfScan scan(const std::filesystem::path& file, std::size_t piece) {
  ctf::CtfFile in(file);
  REQUIRE(in.is_open());
  return ctf::scan_ctf(in, piece);
}

// The scan read a few bytes at a time must find exactly what it finds reading the file whole:
// every tag and every UTF-8 sequence is cut somewhere by one of these piece sizes.
void same_at_every_piece_size(const std::filesystem::path& file) {
  const auto text = test::read_file(file);
  const auto whole = scan(file, text.size() + 1);
  CHECK(whole.file_bytes == text.size());
  for (std::size_t piece : {1, 2, 3, 5, 7, 8, 13, 16, 17, 31, 64, 4096}) {
    INFO("piece of " << piece << " bytes in " << file.filename());
    auto cut = scan(file, piece);
    ctf::CtfFile in(file);
    auto sum = ctf::checksum_ctf(in, piece);
    CHECK(sum.hex == model::ContentHash::of(text));
    CHECK(sum.file_bytes == text.size());
    CHECK(cut.file_bytes == whole.file_bytes);
    CHECK(cut.first_invalid_utf8 == whole.first_invalid_utf8);
    REQUIRE(cut.spans.has_value() == whole.spans.has_value());
    if (cut.spans) {
      CHECK(cut.spans->skeleton == whole.spans->skeleton);
      CHECK(cut.spans->pupils == whole.spans->pupils);
    }
  }
}

}  // namespace

TEST_CASE("The scan finds every pupil's span and the file without its pupils", "[adapter]") {
  auto file = fixture("ctf/ctf25_small.xml");
  auto text = test::read_file(file);
  auto s = scan(file, ctf::kScanPieceBytes);
  REQUIRE(s.spans);
  CHECK_FALSE(s.first_invalid_utf8);
  REQUIRE(s.spans->pupils.size() == 5);
  for (auto [start, end] : s.spans->pupils) {
    auto pupil = text.substr(start, end - start);
    CHECK(pupil.rfind("<Pupil>", 0) == 0);
    CHECK(pupil.size() >= 8);
    CHECK(pupil.substr(pupil.size() - 8) == "</Pupil>");
  }
  CHECK(s.spans->skeleton.find("<Pupil>") == std::string::npos);
  CHECK(s.spans->skeleton.find("<CTFpupilData></CTFpupilData>") != std::string::npos);
  CHECK(s.spans->skeleton.find("<Header>") != std::string::npos);
  same_at_every_piece_size(file);
  same_at_every_piece_size(fixture("ctf/ctf24_variants.xml"));
}

TEST_CASE("The scan finds the first byte that is not UTF-8, wherever the pieces are cut", "[adapter]") {
  auto file = fixture("ctf/ctf25_small.xml");
  // "Zoë" has a two-byte sequence; a lone 0xE9 (Windows-1252 é) and a cut three-byte sequence are not UTF-8.
  auto bad_surname = test::variant(file, "scan_bad_surname.xml", {{"O'Brien", "O'Bri\xE9n"}});
  auto s = scan(bad_surname, ctf::kScanPieceBytes);
  auto text = test::read_file(bad_surname);
  REQUIRE(s.first_invalid_utf8);
  CHECK(*s.first_invalid_utf8 == text.find('\xE9'));
  same_at_every_piece_size(bad_surname);

  auto cut_at_end = test::variant(file, "scan_cut_at_end.xml", {{"</CTfile>", "</CTfile>\xE2\x82"}});
  s = scan(cut_at_end, ctf::kScanPieceBytes);
  REQUIRE(s.first_invalid_utf8);
  CHECK(*s.first_invalid_utf8 == test::read_file(cut_at_end).find("\xE2\x82"));
  same_at_every_piece_size(cut_at_end);

  auto euro = test::variant(file, "scan_euro.xml", {{"O'Brien", "O'Bri\xE2\x82\xACn"}});
  CHECK_FALSE(scan(euro, ctf::kScanPieceBytes).first_invalid_utf8);
  same_at_every_piece_size(euro);
}

TEST_CASE("The scan leaves anything unusual among the pupils to the whole-document parse", "[adapter]") {
  auto file = fixture("ctf/ctf25_small.xml");
  const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> unusual = {
      {"comment", {"</Pupil>", "</Pupil><!-- a comment -->"}},
      {"cdata", {"<Surname>O'Brien", "<Surname><![CDATA[O'Brien]]>"}},
      {"instruction", {"</Pupil>", "</Pupil><?mis note?>"}},
      {"attribute", {"<Pupil>", "<Pupil id=\"1\">"}},
      {"text", {"</Pupil>", "</Pupil>stray"}},
      {"second_data", {"</CTfile>", "<CTFpupilData></CTFpupilData></CTfile>"}},
      {"no_close", {"</CTFpupilData>", ""}},
  };
  for (const auto& [name, edit] : unusual) {
    INFO(name);
    auto v = test::variant(file, "scan_" + name + ".xml", {edit});
    CHECK_FALSE(scan(v, ctf::kScanPieceBytes).spans);
    same_at_every_piece_size(v);
  }
  // A UTF-8 byte order mark is plain UTF-8 still.
  auto bom = sm::test::scratch("scan_bom.xml");
  test::write_file(bom, "\xEF\xBB\xBF" + test::read_file(file));
  auto s = scan(bom, ctf::kScanPieceBytes);
  REQUIRE(s.spans);
  CHECK(s.spans->pupils.size() == 5);
  same_at_every_piece_size(bom);
}
