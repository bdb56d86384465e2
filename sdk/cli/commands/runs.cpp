// senmap runs [--json]: the import journal
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

}  // namespace

void add_runs_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto runs_json = std::make_shared<bool>(false);
  auto* runs = app.add_subcommand("runs", "Show the import journal: every file and bundle, what it changed");
  runs->add_flag("--json", *runs_json, "print the journal as JSON");
  runs->callback([&globals, &exit_code, runs_json] {
    auto db = globals.open();
    auto text = db.runs_json();
    if (*runs_json) {
      std::cout << text << '\n';
    } else {
      std::vector<Row> rows;
      auto runs_list = json::parse(text);
      for (const auto& r : runs_list.as_array()) {
        const auto& p = r.at("pupils");
        rows.push_back(
            {json_or_text(r.at("id")), json_or_text(r.at("finished_at")), json_or_text(r.at("source")),
             json_or_text(r.at("file")), json_or_text(r.at("status")),
             json_or_text(p.at("added")) + "/" + json_or_text(p.at("changed")) + "/" + json_or_text(p.at("left")),
             json_or_text(r.at("problems")), r.as_object().contains("reason") ? json_or_text(r.at("reason")) : ""});
      }
      // The reason, not only "refused": what to fix, in the journal's own words.
      print_table(std::cout,
                  {"Run", "Finished", "Source", "File", "Status", "Added/changed/left", "Problems", "Reason"}, rows);
    }
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
