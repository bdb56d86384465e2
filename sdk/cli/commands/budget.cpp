// senmap budget set|top-up: the SEND money a school has in a year (budget.set, budget.top_up).
// `senmap report budget` sets it against what the costed provision map spends.
#include <boost/json.hpp>
#include <iostream>

#include "cli.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_budget_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* budget = app.add_subcommand("budget", "The school's SEND income for a year: notional budget, top-ups, other");
  budget->require_subcommand(1);

  auto* set = budget->add_subcommand(
      "set", "Enter the year's notional SEN budget and other SEND income (replacing what was entered for that year)");
  auto s = verb(set, globals, exit_code, "budget.set", [](const json::value& b) {
    std::cout << "SEND budget " << text_of(b.at("academic_year")) << ": notional SEN budget £"
              << text_of(b.at("notional_sen_budget")) << ", " << b.at("other_income").as_array().size()
              << " other income lines\n";
  });
  add_field(set, *s, "--academic-year", "academic_year", Kind::number, "the school year, e.g. 2026 for 2026/27", true);
  add_field(set, *s, "--notional", "notional_sen_budget", Kind::number, "the notional SEN budget, in pounds", true);
  add_field(set, *s, "--school", "school", Kind::text, "the school as LA-Estab (a trust's database)");
  s->amounts_field = "other_income";
  set->add_option("--other", s->amounts, "other SEND income as DESCRIPTION=POUNDS (repeat for each)");

  auto* top_up = budget->add_subcommand("top-up", "Record the LA's top-up funding for a pupil's EHC plan in a year");
  auto t = verb(top_up, globals, exit_code, "budget.top_up", [](const json::value& b) {
    std::cout << "Top-up for " << text_of(b.at("upn")) << " in " << text_of(b.at("academic_year")) << ": £"
              << text_of(b.at("amount")) << '\n';
  });
  add_field(top_up, *t, "UPN", "upn", Kind::text, "the pupil's UPN", true);
  add_field(top_up, *t, "--academic-year", "academic_year", Kind::number, "the school year, e.g. 2026 for 2026/27",
            true);
  add_field(top_up, *t, "--amount", "amount", Kind::number, "the top-up for the year, in pounds", true);
  add_field(top_up, *t, "--description", "description", Kind::text, "e.g. the LA's band");
}

}  // namespace senmap_cli
