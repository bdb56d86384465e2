#include "ctf/ctf_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <pugixml.hpp>
#include <set>
#include <string>

#include "ctf/ctf_document.hpp"
#include "ctf/ctf_pupil.hpp"
#include "ctf/ctf_scan.hpp"
#include "model/content_hash.hpp"
#include "model/digits.hpp"
#include "model/utf8.hpp"

namespace sm::ctf {
namespace {

constexpr const char* kChangedWhileRead =
    "the file changed while senmap was reading it: nothing was imported; run the import again once the MIS has "
    "finished writing it";

// pugixml reports byte offsets; people want line numbers. Count newlines once, at the end,
// from the file as it is on disk (the parse buffer was changed in place).
void resolve_lines(const std::filesystem::path& file, std::vector<LocatedProblem>& located) {
  if (located.empty()) return;
  std::vector<std::size_t> order(located.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return located[a].offset < located[b].offset; });
  std::ifstream in(file, std::ios::binary);
  std::ptrdiff_t position = 0;
  std::size_t line = 1;
  char buffer[1 << 16];
  std::size_t next = 0;
  while (next < order.size() && located[order[next]].offset < 0) ++next;
  while (next < order.size() && in) {
    in.read(buffer, sizeof buffer);
    auto got = in.gcount();
    for (std::streamsize i = 0; i < got && next < order.size(); ++i, ++position) {
      while (next < order.size() && located[order[next]].offset == position) located[order[next++]].problem.line = line;
      if (buffer[i] == '\n') ++line;
    }
  }
  while (next < order.size()) located[order[next++]].problem.line = line;
}

// The element an offset falls in, and the UPN of the pupil around it, found from the raw bytes
// (the file was refused before any parse): for a message a technician can act on.
struct RawPlace {
  std::string element, upn;
};
RawPlace locate_in_ctf(std::string_view text, std::size_t offset) {
  RawPlace place;
  for (auto open = text.rfind('<', offset); open != std::string_view::npos && open > 0;
       open = text.rfind('<', open - 1)) {
    auto first = open + 1 < text.size() ? text[open + 1] : '\0';
    if (!std::isalpha(static_cast<unsigned char>(first))) continue;  // a closing tag, a comment, <?xml
    auto end = text.find_first_of(" \t\r\n/>", open + 1);
    place.element = std::string(text.substr(open + 1, end == std::string_view::npos ? 0 : end - open - 1));
    break;
  }
  auto pupil = text.rfind("<Pupil>", offset);
  auto closed = text.rfind("</Pupil>", offset);
  if (pupil != std::string_view::npos && (closed == std::string_view::npos || closed < pupil)) {
    auto upn = text.find("<UPN>", pupil);
    auto upn_end = upn == std::string_view::npos ? upn : text.find("</UPN>", upn);
    if (upn_end != std::string_view::npos && upn_end - upn - 5 <= 13) {
      auto value = text.substr(upn + 5, upn_end - upn - 5);
      if (!model::first_invalid_utf8(value)) place.upn = std::string(value);
    }
  }
  return place;
}

using model::all_digits;

model::SchoolRef read_school(pugi::xml_node node, ProblemList& problems, bool required) {
  model::SchoolRef school;
  if (!node) {
    if (required) problems.add_missing(node.parent(), "SourceSchool");
    return school;
  }
  school.la = std::string(child_text(node, "LEA"));
  school.estab = std::string(child_text(node, "Estab"));
  school.urn = std::string(child_text(node, "URN"));
  school.name = std::string(child_text(node, "SchoolName"));
  if (required && !all_digits(school.la, 3)) problems.add(node.child("LEA"), school.la, "LA code must be 3 digits");
  if (required && !all_digits(school.estab, 4))
    problems.add(node.child("Estab"), school.estab, "establishment number must be 4 digits");
  auto year = child_text(node, "AcademicYear");
  int value = 0;
  if (!year.empty() && std::from_chars(year.data(), year.data() + year.size(), value).ec == std::errc{})
    school.academic_year = value;
  return school;
}

std::optional<CtfHeader> read_header(pugi::xml_node root, ProblemList& problems) {
  auto header_node = root.child("Header");
  if (!header_node) {
    problems.add_missing(root, "Header", "not a CTF: <CTfile> has no <Header>");
    return std::nullopt;
  }
  auto before = problems.count();
  CtfHeader header;
  header.version = std::string(child_text(header_node, "CTFversion"));
  int major = 0;
  const std::string& v = header.version;
  auto parsed = std::from_chars(v.data(), v.data() + v.size(), major);
  bool well_formed = parsed.ec == std::errc{} &&
                     (parsed.ptr == v.data() + v.size() ||
                      (*parsed.ptr == '.' && parsed.ptr + 1 < v.data() + v.size() &&
                       std::all_of(parsed.ptr + 1, v.data() + v.size(), [](char c) { return c >= '0' && c <= '9'; })));
  if (v.empty() || !well_formed || major < kOldestCtfVersion || major > kNewestCtfVersion) {
    problems.add(header_node.child("CTFversion"), v,
                 "CTF version not accepted: this senmap reads CTF " + std::to_string(kOldestCtfVersion) + ".0 to " +
                     std::to_string(kNewestCtfVersion) + ".x");
  }
  header.datetime = std::string(child_text(header_node, "DateTime"));
  if (auto date = model::parse_datetime_date(header.datetime)) {
    header.date = *date;
    // Newer data wins, so a file from the future would lock its pupils against every real
    // file after it: a day's grace for clocks, no more.
    auto tomorrow =
        model::add_days(model::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())}, 1);
    if (*date > tomorrow)
      problems.add(header_node.child("DateTime"), header.datetime,
                   "the file is dated in the future: check the MIS's clock");
  } else {
    problems.add(header_node.child("DateTime"), header.datetime, "not a valid date and time (YYYY-MM-DDTHH:MM:SS)");
  }
  header.qualifier = std::string(child_text(header_node, "DocumentQualifier"));
  if (header.qualifier.empty()) header.qualifier = "full";
  if (header.qualifier != "full" && header.qualifier != "partial")
    problems.add(header_node.child("DocumentQualifier"), header.qualifier, "must be full or partial");
  header.supplier = std::string(child_text(header_node, "SupplierID"));
  header.source = read_school(header_node.child("SourceSchool"), problems, true);
  header.dest = read_school(header_node.child("DestSchool"), problems, false);
  if (problems.count() != before) return std::nullopt;
  return header;
}

// One pupil: read, check, and hand on. Shared by the whole-document and the per-pupil paths.
struct PupilStep {
  const std::string& name;
  std::vector<LocatedProblem>& located;
  CtfReadResult& result;
  const CtfHeader& header;
  const ReadHooks& hooks;
  std::set<std::string, std::less<>> seen{};

  void read(pugi::xml_node pupil, const std::string& pupils_path, bool many, std::ptrdiff_t offset_base) {
    ++result.pupils_seen;
    ProblemList problems(name, located);
    problems.set_anchor(pupil, many ? pupils_path + "[" + std::to_string(result.pupils_seen) + "]" : pupils_path,
                        offset_base);
    auto record = read_pupil(pupil, header, problems);
    if (!record.upn.empty()) result.upns_seen.push_back(record.upn);
    if (!record.upn.empty() && !seen.insert(record.upn).second)
      problems.add(pupil.child("UPN"), record.upn, "this UPN appears more than once in the file");
    if (problems.count() == 0) {
      ++result.pupils_valid;
      if (hooks.on_pupil) hooks.on_pupil(std::move(record));
    }
  }
};

// The pupils read from the file by their spans, a batch at a time into one buffer used again
// and again, each parsed in place on its own.
template <typename Reject>
void read_pupils_by_span(const CtfFile& in, const std::vector<std::pair<std::uint64_t, std::uint64_t>>& spans,
                         unsigned flags, const std::string& pupils_path, PupilStep& step, Reject& reject_file) {
  constexpr std::uint64_t kBatchBytes = std::uint64_t{256} * 1024;
  const bool many = spans.size() > 1;
  std::string batch;
  pugi::xml_document one;
  for (std::size_t first = 0; first < spans.size();) {
    auto last = first + 1;  // one past the batch's last pupil; a pupil larger than a batch reads alone
    while (last < spans.size() && spans[last].second - spans[first].first <= kBatchBytes) ++last;
    const auto base = spans[first].first;
    const auto length = static_cast<std::size_t>(spans[last - 1].second - base);
    if (in.read_at(base, length, batch) != length) {
      reject_file("", kChangedWhileRead);
      return;
    }
    for (auto i = first; i < last; ++i) {
      auto [start, end] = spans[i];
      auto ok = one.load_buffer_inplace(batch.data() + (start - base), end - start, flags, pugi::encoding_utf8);
      if (!ok) {
        reject_file("", std::string("not well-formed XML: ") + ok.description(),
                    static_cast<std::ptrdiff_t>(start) + ok.offset);
        return;
      }
      step.read(one.document_element(), pupils_path, many, static_cast<std::ptrdiff_t>(start));
    }
    first = last;
  }
}

}  // namespace

CtfReadResult read_ctf(const std::filesystem::path& file, const ReadHooks& hooks) {
  CtfReadResult result;
  std::vector<LocatedProblem> located;
  const std::string name = file.string();
  ProblemList file_problems(name, located);
  auto reject_file = [&](std::string value, std::string rule, std::ptrdiff_t offset = -1) {
    result.file_rejected = true;
    located.push_back({{name, 0, "", "", std::move(value), std::move(rule), {}}, offset});
  };

  CtfFile in(file);
  if (!in.is_open()) {
    reject_file("", "cannot open the file for reading");
    result.problems.push_back(located.back().problem);
    return result;
  }
  const auto stamp = in.stamp();
  auto sum = checksum_ctf(in);
  result.file_bytes = sum.file_bytes;
  result.checksum = sum.hex;
  if (hooks.on_checksum && !hooks.on_checksum(result.checksum)) return result;
  auto scan = scan_ctf(in);
  const auto size = scan.file_bytes;

  // pugixml passes bytes through as they are: a file that is not UTF-8 (a Windows-1252 export)
  // would be stored, then served as UTF-8. Refused whole, naming where, before anything is parsed.
  if (auto bad = scan.first_invalid_utf8) {
    const auto text = in.read_all();
    auto where = locate_in_ctf(text, *bad);
    reject_file(model::invalid_bytes_at(text, *bad),
                "not valid UTF-8 in <" + where.element +
                    ">: a CTF must be UTF-8; export it again from the MIS as UTF-8 "
                    "(nothing in this file was imported)",
                static_cast<std::ptrdiff_t>(*bad));
    located.back().problem.path = where.element;
    located.back().problem.upn = where.upn;
    resolve_lines(file, located);
    for (auto& p : located) result.problems.push_back(std::move(p.problem));
    return result;
  }
  constexpr unsigned kFlags = pugi::parse_default | pugi::parse_doctype | pugi::parse_embed_pcdata;

  // Fast path: the header and the skeleton parsed on their own, then each <Pupil> as it comes,
  // so the writer starts at once. Anything unusual falls back to the whole document, read into
  // memory (the buffer outlives the document parsed in place inside it).
  pugi::xml_document doc;
  pugi::xml_parse_result parsed;
  auto& spans = scan.spans;
  if (spans) {
    parsed = doc.load_buffer(spans->skeleton.data(), spans->skeleton.size(), kFlags, pugi::encoding_utf8);
    if (!parsed) spans.reset();
  }
  std::string whole;
  if (!spans) {
    whole = in.read_all();
    parsed = doc.load_buffer_inplace(whole.data(), whole.size(), kFlags, pugi::encoding_auto);
  }

  if (size == 0) {
    reject_file("", "the file is empty: not a CTF");
  } else if (!parsed) {
    reject_file("",
                std::string("not well-formed XML: ") + parsed.description() +
                    (parsed.offset >= static_cast<std::ptrdiff_t>(size) - 2 ? " (the file looks truncated)" : ""),
                parsed.offset);
  } else {
    for (auto node : doc.children())
      if (node.type() == pugi::node_doctype)
        reject_file("<!DOCTYPE",
                    "a CTF never carries a DOCTYPE: refused (no entities are expanded, nothing is fetched)",
                    node.offset_debug());
    auto root = doc.document_element();
    if (!result.file_rejected && std::string_view(root.name()) != "CTfile")
      reject_file(root.name(), "not a CTF: the root element must be <CTfile>", root.offset_debug());
    if (!result.file_rejected) {
      result.header = read_header(root, file_problems);
      if (!result.header) result.file_rejected = true;
    }
    if (result.header && !root.child("CTFpupilData")) {
      reject_file("", "not a CTF: <CTfile> has no <CTFpupilData> (element names are case sensitive)",
                  root.offset_debug());
      result.header.reset();
    }
    if (result.header && (!hooks.on_header || hooks.on_header(*result.header))) {
      auto pupils = root.child("CTFpupilData");
      PupilStep step{name, located, result, *result.header, hooks};
      const std::string pupils_path = element_path(pupils) + "/Pupil";
      if (!spans) {
        const bool many = pupils.child("Pupil").next_sibling("Pupil");
        for (auto pupil : pupils.children("Pupil")) step.read(pupil, pupils_path, many, 0);
      } else {
        read_pupils_by_span(in, spans->pupils, kFlags & ~pugi::parse_doctype, pupils_path, step, reject_file);
      }
    }
  }
  // A file the MIS rewrote in place while it was read may mix two exports: refused, not guessed at.
  if (!result.file_rejected && in.stamp() != stamp) reject_file("", kChangedWhileRead);

  resolve_lines(file, located);
  for (auto& p : located) result.problems.push_back(std::move(p.problem));
  return result;
}

}  // namespace sm::ctf
