// senmap senco set: a school's SENCO as a trust sees the role (senco.set): hours a week, on the
// senior leadership team, a qualified teacher, the national award. `senmap report senco-time`
// sets them against each school's register.
#include <boost/json.hpp>
#include <iostream>

#include "cli.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_senco_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* senco = app.add_subcommand("senco", "The school's SENCO: time for the role and standing");
  senco->require_subcommand(1);
  auto* set = senco->add_subcommand("set", "Record the SENCO's hours a week, standing and national award");
  auto v = verb(set, globals, exit_code, "senco.set", [](const json::value& s) {
    std::cout << "SENCO of " << text_of(s.at("school")) << ": " << text_of(s.at("hours_per_week"))
              << " hours a week for " << text_of(s.at("on_register")) << " pupils on the register ("
              << text_of(s.at("register_pupils_per_hour")) << " a SENCO hour)\n";
  });
  add_field(set, *v, "--hours", "hours_per_week", Kind::number, "hours a week given to the SENCO role", true);
  add_field(set, *v, "--school", "school", Kind::text, "the school as LA-Estab (a trust's database)");
  add_field(set, *v, "--name", "name", Kind::text, "the SENCO's name");
  add_field(set, *v, "--slt", "on_slt", Kind::yes_no, "yes or no: on the senior leadership team");
  add_field(set, *v, "--qualified-teacher", "qualified_teacher", Kind::yes_no, "yes or no: a qualified teacher");
  add_field(set, *v, "--award", "award", Kind::text, "the national SENCO award: held, in_progress or not_started");
  add_field(set, *v, "--award-date", "award_date", Kind::date, "the day the award was gained");
  add_field(set, *v, "--appointed", "appointed_on", Kind::date, "the day the SENCO was appointed");
}

}  // namespace senmap_cli
