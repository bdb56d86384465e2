#include "generator/trust_generator.hpp"

#include <fstream>
#include <set>
#include <stdexcept>
#include <vector>

#include "generator/school_calendar.hpp"
#include "store/private_file.hpp"

namespace sm::generator {
namespace fs = std::filesystem;
namespace {

void write_file(const fs::path& path, const std::string& text) {
  store::prepare_private_file(path);  // synthetic, but shaped like pupil data: kept as the real thing is
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out.write(text.data(), static_cast<std::streamsize>(text.size())) || !out.flush())
    throw std::runtime_error("cannot write " + path.string());
}

// Every <UPN> of a CTF, to prove the trust's schools never share a pupil by accident.
std::vector<std::string> upns_of(const std::string& ctf) {
  std::vector<std::string> out;
  for (std::size_t at = ctf.find("<UPN>"); at != std::string::npos; at = ctf.find("<UPN>", at + 5))
    out.push_back(ctf.substr(at + 5, 13));
  return out;
}

// A TOML basic string (our values are digits, names and relative paths: escape \\ and " only).
std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

void write_bundle(const std::map<std::string, std::string>& files, const fs::path& dir) {
  fs::create_directories(dir);
  for (const auto& [name, text] : files) write_file(dir / name, text);
}

void write_trust(const TrustSpec& spec, const fs::path& dir) {
  if (spec.schools < 1 || spec.schools > 200) throw std::invalid_argument("a trust has 1 to 200 schools");
  fs::create_directories(dir);
  // The year's terms; exported after its summer term (in August), next year's too, as a school
  // has them by then: a sync always has a term running or to come.
  std::vector<SchoolTerm> terms;
  for (const auto& term : school_calendar_for(spec.school.academic_year).terms) terms.push_back(term);
  const auto& as_of = spec.school.as_of;
  if (as_of && std::chrono::sys_days{terms.back().last_day} < std::chrono::sys_days{*as_of})
    for (const auto& term : school_calendar_for(spec.school.academic_year + 1).terms) terms.push_back(term);
  std::string config =
      "# senmap configuration for a synthetic trust, written by `senmap generate --schools`.\n"
      "# No real pupil data. Run: senmap sync --config " +
      (dir / "senmap.toml").string() +
      "\n\n"
      "database = \"senmap.db\"\n";
  std::set<std::string> all_upns;
  for (int i = 0; i < spec.schools; ++i) {
    SchoolSpec school = spec.school;
    school.la = std::to_string(701 + i);  // 701..900
    school.estab = school.phase == Phase::primary ? std::to_string(2001 + i) : std::to_string(4001 + i);
    school.seed = spec.school.seed * 1000 + static_cast<std::uint64_t>(i);
    std::string ctf;
    for (int attempt = 0;; ++attempt) {
      ctf = generate_ctf(school);
      auto upns = upns_of(ctf);
      bool clash = false;
      for (const auto& u : upns) clash = clash || all_upns.count(u);
      if (!clash) {
        all_upns.insert(upns.begin(), upns.end());
        break;
      }
      if (attempt == 20) throw std::logic_error("could not generate a school whose UPNs are unique in the trust");
      school.seed += 1000003;  // deterministic retry
    }
    auto folder = dir / (school.la + "-" + school.estab);
    fs::create_directories(folder / "ctf");
    write_file(folder / "ctf" / (school.la + school.estab + "_CTF_export.xml"), ctf);
    write_bundle(generate_oneroster(school), folder / "oneroster");

    config += "\n[[schools]]\nla = " + toml_string(school.la) + "\nestab = " + toml_string(school.estab) + "\n";
    for (const auto& term : terms)
      config += "[[schools.terms]]\nname = " + toml_string(std::string(term.name)) +
                "\nstart = " + model::format_date(term.first_day) + "\nend = " + model::format_date(term.last_day) +
                "\n";
    config +=
        "[[schools.sources]]\nkind = \"ctf-folder\"\npath = " + toml_string(school.la + "-" + school.estab + "/ctf") +
        "\n";
    config += "[[schools.sources]]\nkind = \"oneroster\"\npath = " +
              toml_string(school.la + "-" + school.estab + "/oneroster") + "\n";
  }
  write_file(dir / "senmap.toml", config);
}

}  // namespace sm::generator
