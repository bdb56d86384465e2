// senmap placement end | show: a pupil's placement on a provision
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_placement_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* placement = app.add_subcommand("placement", "A pupil's placement on a provision: end it, or show it");
  placement->require_subcommand(1);
  auto* end = placement->add_subcommand("end", "End a placement, with the exit measure and what came of it");
  auto e = verb(end, globals, exit_code, "placement.end", [](const json::value& p) { say_placement("Ended", p); });
  add_field(end, *e, "PLACEMENT_ID", "placement_id", Kind::number, "the placement (senmap place prints it)", true);
  add_date_field(end, *e, "--end", "end", "the last day");
  add_field(end, *e, "--exit", "exit", Kind::text, "the exit measure, when the MIS does not hold it");
  add_field(end, *e, "--outcome", "outcome", Kind::text, "what came of it, in a sentence");
  auto* show = placement->add_subcommand("show", "A placement: baseline, exit, sessions delivered and attended");
  auto s =
      verb(show, globals, exit_code, "placement.get", [](const json::value& p) { say_placement("Placement:", p); });
  add_field(show, *s, "PLACEMENT_ID", "placement_id", Kind::number, "the placement", true);
}

}  // namespace senmap_cli
