// senmap export ctf --out FILE: the SEN register as a CTF for the MIS to import
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_export_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto ctf = std::make_shared<std::pair<std::string, std::string>>();
  auto* exporter = app.add_subcommand("export", "Write what senmap knows for the MIS to import");
  exporter->require_subcommand(1);
  auto* export_ctf = exporter->add_subcommand(
      "ctf", "The SEN register as a CTF 25: status history and ranked needs of every pupil on roll");
  export_ctf->add_option("--out", ctf->first, "the CTF file to write")->required();
  export_ctf->add_option("--school", ctf->second, "LA-ESTAB, when the database holds more than one school");
  export_ctf->callback([&globals, &exit_code, ctf] {
    auto db = globals.open();
    auto summary = json::parse(db.export_ctf(ctf->first, ctf->second));
    std::cout << "Wrote " << value_text(summary.at("file")) << ": " << value_text(summary.at("pupils"))
              << " pupils with their SEN status and needs\n";
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
