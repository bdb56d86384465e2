#include "ctf/ctf_reader.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>

#include "ctf/ctf_document.hpp"
#include "ctf/ctf_pupil.hpp"
#include "model/content_hash.hpp"

namespace sm::ctf {
namespace {

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

bool digits(std::string_view s, std::size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

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
  if (required && !digits(school.la, 3)) problems.add(node.child("LEA"), school.la, "LA code must be 3 digits");
  if (required && !digits(school.estab, 4)) problems.add(node.child("Estab"), school.estab, "establishment number must be 4 digits");
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
    auto tomorrow = model::add_days(model::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())}, 1);
    if (*date > tomorrow)
      problems.add(header_node.child("DateTime"), header.datetime, "the file is dated in the future: check the MIS's clock");
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

  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) {
    reject_file("", "cannot open the file for reading");
    result.problems.push_back(located.back().problem);
    return result;
  }
  auto size = static_cast<std::size_t>(in.tellg());
  result.file_bytes = size;
  in.seekg(0);
  // pugixml parses this buffer in place and frees it with the document.
  auto* buffer = static_cast<char*>(pugi::get_memory_allocation_function()(size ? size : 1));
  if (!buffer) throw std::bad_alloc();
  in.read(buffer, static_cast<std::streamsize>(size));
  result.checksum = model::ContentHash::of(std::string_view(buffer, size));
  if (hooks.on_checksum && !hooks.on_checksum(result.checksum)) {
    pugi::get_memory_deallocation_function()(buffer);
    return result;
  }

  pugi::xml_document doc;
  auto parsed = doc.load_buffer_inplace_own(buffer, size,
                                            pugi::parse_default | pugi::parse_doctype | pugi::parse_embed_pcdata,
                                            pugi::encoding_auto);
  if (size == 0) {
    reject_file("", "the file is empty: not a CTF");
  } else if (!parsed) {
    reject_file("", std::string("not well-formed XML: ") + parsed.description() +
                        (parsed.offset >= static_cast<std::ptrdiff_t>(size) - 2 ? " (the file looks truncated)" : ""),
                parsed.offset);
  } else {
    for (auto node : doc.children())
      if (node.type() == pugi::node_doctype)
        reject_file("<!DOCTYPE", "a CTF never carries a DOCTYPE: refused (no entities are expanded, nothing is fetched)",
                    node.offset_debug());
    auto root = doc.document_element();
    if (!result.file_rejected && std::string_view(root.name()) != "CTfile")
      reject_file(root.name(), "not a CTF: the root element must be <CTfile>", root.offset_debug());
    if (!result.file_rejected) {
      result.header = read_header(root, file_problems);
      if (!result.header) result.file_rejected = true;
    }
    if (result.header && !root.child("CTFpupilData")) {
      reject_file("", "not a CTF: <CTfile> has no <CTFpupilData> (element names are case sensitive)", root.offset_debug());
      result.header.reset();
    }
    if (result.header && (!hooks.on_header || hooks.on_header(*result.header))) {
      auto pupils = root.child("CTFpupilData");
      std::set<std::string, std::less<>> seen;
      const std::string pupils_path = element_path(pupils) + "/Pupil";
      const bool many = pupils.child("Pupil").next_sibling("Pupil");
      for (auto pupil : pupils.children("Pupil")) {
        ++result.pupils_seen;
        ProblemList problems(name, located);
        problems.set_anchor(pupil, many ? pupils_path + "[" + std::to_string(result.pupils_seen) + "]" : pupils_path);
        auto record = read_pupil(pupil, *result.header, problems);
        if (!record.upn.empty()) result.upns_seen.push_back(record.upn);
        if (!record.upn.empty() && !seen.insert(record.upn).second)
          problems.add(pupil.child("UPN"), record.upn, "this UPN appears more than once in the file");
        if (problems.count() == 0) {
          ++result.pupils_valid;
          if (hooks.on_pupil) hooks.on_pupil(std::move(record));
        }
      }
    }
  }

  resolve_lines(file, located);
  for (auto& p : located) result.problems.push_back(std::move(p.problem));
  return result;
}

}  // namespace sm::ctf
