// senmap register [--json|--csv|--summary]: the SEN register
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_register_command(CLI::App& app, const Globals& globals, int& exit_code) {
  struct RegisterArgs {
    bool as_json = false, as_csv = false, summary = false;
  };
  auto reg = std::make_shared<RegisterArgs>();
  auto* register_cmd = app.add_subcommand("register", "Show the SEN register (pupils with status K or E)");
  auto* json_flag = register_cmd->add_flag("--json", reg->as_json, "print a JSON array");
  register_cmd->add_flag("--csv", reg->as_csv, "print CSV for a spreadsheet")->excludes(json_flag);
  register_cmd->add_flag("--summary", reg->summary, "counts and % of roll by status, need and year, against England");
  register_cmd->callback([&globals, &exit_code, reg] {
    auto db = globals.open();
    if (reg->summary) {
      auto summary = json::parse(db.register_summary_json());
      if (reg->as_json)
        std::cout << json_text(summary) << '\n';
      else
        print_summary(std::cout, summary);
      exit_code = kExitOk;
      return;
    }
    auto text_json = db.register_json();
    if (reg->as_json) {
      std::cout << text_json << '\n';
    } else if (reg->as_csv) {
      write_csv(std::cout, register_headers(), register_rows(json::parse(text_json)));
    } else {
      print_table(std::cout, register_headers(), register_rows(json::parse(text_json)));
    }
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
