// senmap writeback [--json]: send what waits in the outbox to the MIS
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

int run_writeback(const Globals& globals, bool as_json) {
  auto db = globals.open();
  auto text = db.call_operation("writeback.run", "{}");
  auto result = json::parse(text);
  const auto& targets = result.at("targets").as_object();
  // The exit status says whether anything failed, whichever way the result is printed: a
  // script that asks for JSON relies on it as much as a person reading the lines.
  bool dead = false;
  for (const auto& [name, r] : targets)
    dead = dead || r.at("dead").to_number<int>() > 0 || r.at("failed").to_number<int>() > 0;
  if (as_json) {
    std::cout << text << '\n';
    return dead ? kExitFailure : kExitOk;
  }
  if (targets.empty()) std::cout << "No writeback target is configured ([[writeback]] in the config).\n";
  for (const auto& [name, r] : targets) {
    std::cout << std::string(name) << ": " << r.at("delivered") << " delivered, " << r.at("already_there")
              << " already at the target, " << r.at("failed") << " failed (will retry), " << r.at("dead")
              << " gave up, " << r.at("waiting") << " waiting to retry";
    if (r.at("deferred").to_number<int>() > 0) std::cout << ", " << r.at("deferred") << " left for the next run";
    std::cout << '\n';
    if (!r.at("stopped_why").is_null()) std::cout << "  stopped early: " << value_text(r.at("stopped_why")) << '\n';
  }
  return dead ? kExitFailure : kExitOk;
}

}  // namespace

void add_writeback_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto wb_json = std::make_shared<bool>(false);
  auto* writeback =
      app.add_subcommand("writeback", "Send what waits in the outbox to the MIS (each [[writeback]] target)");
  writeback->add_flag("--json", *wb_json, "print the result as JSON");
  writeback->footer(
      "Exit status 1 when an item failed (it is retried later) or gave up (see senmap outbox --status dead).");
  writeback->callback([&globals, &exit_code, wb_json] { exit_code = run_writeback(globals, *wb_json); });
}

}  // namespace senmap_cli
