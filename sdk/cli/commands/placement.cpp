// senmap placement end | measure | show: a pupil's placement on a provision
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_placement_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* placement =
      app.add_subcommand("placement", "A pupil's placement on a provision: end it, record a measure, or show it");
  placement->require_subcommand(1);
  auto* end = placement->add_subcommand("end", "End a placement, with the exit measure and what came of it");
  auto e = verb(end, globals, exit_code, "placement.end", [](const json::value& p) { say_placement("Ended", p); });
  add_field(end, *e, "PLACEMENT_ID", "placement_id", Kind::number, "the placement (senmap place prints it)", true);
  add_date_field(end, *e, "--end", "end", "the last day");
  add_field(end, *e, "--exit", "exit", Kind::text, "the exit measure, when the MIS does not hold it");
  add_field(end, *e, "--outcome", "outcome", Kind::text, "what came of it, in a sentence");
  auto* measure = placement->add_subcommand("measure", "Record a baseline or exit measure taken later");
  auto m = verb(measure, globals, exit_code, "placement.measure",
                [](const json::value& p) { say_placement("Measured", p); });
  add_field(measure, *m, "PLACEMENT_ID", "placement_id", Kind::number, "the placement", true);
  add_date_field(measure, *m, "--date", "date", "the day the measure was taken");
  add_field(measure, *m, "--baseline", "baseline", Kind::text, "the baseline measure");
  add_field(measure, *m, "--exit", "exit", Kind::text, "the exit measure (the placement has ended)");
  auto* show = placement->add_subcommand("show", "A placement: baseline, exit, sessions delivered and attended");
  auto s =
      verb(show, globals, exit_code, "placement.get", [](const json::value& p) { say_placement("Placement:", p); });
  add_field(show, *s, "PLACEMENT_ID", "placement_id", Kind::number, "the placement", true);
}

}  // namespace senmap_cli
