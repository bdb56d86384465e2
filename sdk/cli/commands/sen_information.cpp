// senmap sen-information edit: the SENCO's own text for a section of the year's SEN Information
// Report (sen_information.edit). `senmap report sen-information` shows or writes the whole report.
#include <boost/json.hpp>
#include <iostream>

#include "cli.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_sen_information_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* info = app.add_subcommand("sen-information", "The SEN Information Report's text, section by section");
  info->require_subcommand(1);
  auto* edit = info->add_subcommand(
      "edit", "Keep your text for one section of the year's report (without --text: back to senmap's draft)");
  auto e = verb(edit, globals, exit_code, "sen_information.edit", [](const json::value& s) {
    std::cout << text_of(s.at("heading")) << ": "
              << (s.at("edited").as_bool() ? "your text kept" : "back to senmap's draft") << '\n';
  });
  add_field(edit, *e, "SECTION", "section", Kind::text,
            "kinds_of_sen, identification, involving_parents, involving_pupils, graduated_approach, transition, "
            "teaching, adaptations, staff_expertise, evaluating_effectiveness, inclusion_in_activities, "
            "emotional_social, other_agencies, complaints or local_offer",
            true);
  add_field(edit, *e, "--text", "text", Kind::text, "the section as it will be published (omit: back to the draft)");
  add_field(edit, *e, "--academic-year", "academic_year", Kind::number, "e.g. 2026 for 2026/27 (default: this one)");
  add_field(edit, *e, "--school", "school", Kind::text, "the school as LA-Estab (a trust's database)");
}

}  // namespace senmap_cli
