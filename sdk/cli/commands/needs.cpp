// senmap needs UPN --date DATE --need CODE...: the pupil's areas of need as agreed (needs.set)
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_needs_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* cmd =
      app.add_subcommand("needs", "Record the pupil's areas of need as agreed (at a review, after an assessment)");
  auto v = verb(cmd, globals, exit_code, "needs.set", [](const json::value& r) {
    std::string list;
    for (const auto& n : r.at("needs").as_array()) list += (list.empty() ? "" : ", ") + text_of(n.at("code"));
    std::cout << "Needs of " << text_of(r.at("upn")) << " from " << text_of(r.at("from")) << ": " << list
              << " (primary first)\n";
  });
  add_field(cmd, *v, "UPN", "upn", Kind::text, "the pupil's UPN", true);
  add_date_field(cmd, *v, "--date", "date", "the day the needs apply from");
  cmd->add_option("--need", v->needs,
                  "a census need code (SPLD, ASD, SEMH...), primary first; repeat for more (required)");
}

}  // namespace senmap_cli
