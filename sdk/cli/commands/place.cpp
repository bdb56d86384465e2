// senmap place UPN --provision ID --start DATE: a pupil placed on a provision (placement.start)
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_place_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* place = app.add_subcommand("place", "Place a pupil on a provision from the catalogue (senmap provision list)");
  auto v = verb(place, globals, exit_code, "placement.start", [](const json::value& p) { say_placement("Placed", p); });
  add_field(place, *v, "UPN", "upn", Kind::text, "the pupil's UPN", true);
  add_field(place, *v, "--provision", "provision_id", Kind::number, "the provision's id in the catalogue (required)");
  add_date_field(place, *v, "--start", "start", "the first day");
  add_field(place, *v, "--planned", "planned_sessions", Kind::number,
            "sessions planned (default: sessions a week x weeks)");
  add_field(place, *v, "--baseline", "baseline", Kind::text, "the baseline measure, when the MIS does not hold it");
}

}  // namespace senmap_cli
