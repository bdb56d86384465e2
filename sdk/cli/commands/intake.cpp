// senmap intake FILE: the pupils a previous school's CTF says are coming, most urgent first (EHC
// plans, then SEN support, then the previous school's other flags), read and never stored.
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

void say_intake(const json::value& intake) {
  const auto& from = intake.at("from_school");
  const auto& counts = intake.at("counts");
  std::cout << "Intake from " << text_of(from.at("name")) << " (" << text_of(from.at("la")) << "-"
            << text_of(from.at("estab")) << "), file of " << text_of(intake.at("file_date")) << ": "
            << counts.at("ehc_plan") << " with an EHC plan, " << counts.at("sen_support") << " on SEN support, "
            << counts.at("flags_sent") << " with other flags, " << counts.at("nothing_sent") << " with none\n";
  for (const auto& p : intake.at("pupils").as_array()) {
    if (p.at("urgency").to_number<int>() == 4) continue;  // counted above; --json lists them all
    std::cout << "  " << p.at("urgency") << "  " << text_of(p.at("upn")) << "  " << text_of(p.at("forename")) << ' '
              << text_of(p.at("surname")) << " (Year " << text_of(p.at("nc_year")) << "): " << text_of(p.at("why"));
    const auto& needs = p.at("needs").as_array();
    for (std::size_t i = 0; i < needs.size(); ++i)
      std::cout << (i == 0 ? "; needs " : ", ") << text_of(needs[i].at("code"));
    for (const auto& f : p.at("flags").as_array()) std::cout << "; " << text_of(f.at("text"));
    if (p.at("on_roll_here").as_bool()) std::cout << "; already on roll here";
    std::cout << '\n';
  }
}

}  // namespace

void add_intake_command(CLI::App& app, const Globals& globals, int& exit_code) {
  struct Args {
    std::string file;
    bool as_json = false;
  };
  auto args = std::make_shared<Args>();
  auto* intake = app.add_subcommand(
      "intake", "Read a previous school's CTF (not stored): its pupils, EHC plans first, then SEN support, then flags");
  intake->add_option("FILE", args->file, "the CTF the previous school sent (CTF 23 to 26)")
      ->required()
      ->check(CLI::ExistingFile);
  intake->add_flag("--json", args->as_json, "print the whole intake as JSON (every pupil, with their flags)");
  intake->footer(
      "A pupil the file gets wrong is listed as FILE:LINE: path (UPN X): rule and left out; the others are "
      "still shown. A file that is not a CTF is refused (exit status 2).");
  intake->callback([&globals, &exit_code, args] {
    auto db = globals.open();
    try {
      auto intake = json::parse(db.intake_ctf(args->file));
      if (args->as_json)
        std::cout << json_text(intake) << '\n';
      else
        say_intake(intake);
      print_problems(std::cerr, intake.at("problems"));
      exit_code = kExitOk;
    } catch (const senmap_cpp::Error& e) {
      if (e.report().empty()) throw;
      print_problems(std::cerr, json::parse(e.report()).at("problems"));
      std::cerr << "senmap: " << args->file << " is not a CTF senmap can read\n";
      exit_code = kExitBadInput;
    }
  });
}

}  // namespace senmap_cli
