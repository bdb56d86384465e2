// senmap provision list | import | export | add: the provision catalogue
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_provision_command(CLI::App& app, const Globals& globals, int& exit_code) {
  struct ProvisionArgs {
    std::string file, format = "csv", out;
  };
  auto prov = std::make_shared<ProvisionArgs>();
  auto* provision =
      app.add_subcommand("provision", "The provision catalogue: list, add, import from or export to a spreadsheet");
  provision->require_subcommand(1);
  provision->add_subcommand("list", "The catalogue with each provision's cost per pupil")
      ->callback([&globals, &exit_code] {
        auto db = globals.open();
        auto list = json::parse(db.call_operation("provision.list", "{}"));
        std::vector<Row> rows;
        for (const auto& p : list.at("provisions").as_array()) {
          rows.push_back({json::serialize(p.at("id")), std::string(p.at("name").as_string()),
                          json::serialize(p.at("wave")), std::string(p.at("delivered_by").as_string()),
                          money_text(p.at("cost_per_pupil"))});
        }
        print_table(std::cout, {"Id", "Provision", "Wave", "Delivered by", "Cost per pupil"}, rows);
        exit_code = kExitOk;
      });
  auto* import_cmd =
      provision->add_subcommand("import", "Add provisions from a spreadsheet: CSV or Excel .xlsx (all rows or none)");
  import_cmd
      ->add_option("FILE", prov->file, "a .csv or .xlsx (its first sheet) with the provision.create fields as columns")
      ->required()
      ->check(CLI::ExistingFile);
  import_cmd->footer(
      "The first row names the columns: name, areas (separated by ;), wave, delivered_by, group_size, "
      "sessions_per_week, minutes_per_session, weeks, staff_hourly_cost, and optionally description, resource_cost, "
      "entry_criteria, exit_criteria, measure, evidence_rating, measure_subject (\"Sessions per week\" reads too). "
      "senmap provision export writes such a file. Any problem is listed as FILE:ROW: field: rule and nothing "
      "is imported (exit status 2).");
  import_cmd->callback([&globals, &exit_code, prov] {
    auto db = globals.open(/*create=*/true);
    try {
      auto report = json::parse(db.import_provisions(prov->file));
      std::cout << "Imported " << report.at("created") << " provisions from " << prov->file << '\n';
      exit_code = kExitOk;
    } catch (const senmap_cpp::Error& e) {
      if (e.report().empty()) throw;
      print_sheet_problems(std::cerr, json::parse(e.report()).at("problems"));
      std::cerr << "senmap: nothing was imported\n";
      exit_code = kExitBadInput;
    }
  });
  auto* export_cmd = provision->add_subcommand("export", "Write the catalogue as CSV or XLSX (columns import back)");
  export_cmd->add_option("--format", prov->format, "csv or xlsx")->check(CLI::IsMember({"csv", "xlsx"}));
  export_cmd->add_option("--out", prov->out, "the file to write")->required();
  export_cmd->callback([&globals, &exit_code, prov] {
    auto db = globals.open();
    db.export_report("provision.list", "{}", prov->format, prov->out);
    std::cout << "Wrote " << prov->out << '\n';
    exit_code = kExitOk;
  });

  // add: provision.create from flags
  {
    auto* cmd = provision->add_subcommand("add", "Add an intervention or support to the provision catalogue");
    auto v = verb(cmd, globals, exit_code, "provision.create", [](const json::value& p) {
      std::cout << "Added \"" << text_of(p.at("name")) << "\" to the catalogue (provision " << p.at("id") << ", wave "
                << p.at("wave") << "): " << money_text(p.at("cost_per_pupil")) << " per pupil, "
                << text_of(p.at("staff_hours_per_pupil")) << " staff hours per pupil\n";
    });
    add_field(cmd, *v, "--name", "name", Kind::text,
              "what the school calls it, e.g. \"Lego therapy\" (required, unique)");
    add_field(
        cmd, *v, "--areas", "areas", Kind::list,
        "an area of need it serves: a broad area (\"Cognition and learning\") or a census code (SPLD); repeat for "
        "more (required)");
    add_field(cmd, *v, "--wave", "wave", Kind::number, "1 universal, 2 targeted, 3 specialist (required)");
    add_field(cmd, *v, "--delivered-by", "delivered_by", Kind::text, "teacher, ta, specialist or external (required)");
    add_field(cmd, *v, "--group-size", "group_size", Kind::number, "pupils in a group (required)");
    add_field(cmd, *v, "--sessions-per-week", "sessions_per_week", Kind::number,
              "sessions a week, e.g. 3 or 1.5 (required)");
    add_field(cmd, *v, "--minutes", "minutes_per_session", Kind::number, "minutes a session (required)");
    add_field(cmd, *v, "--weeks", "weeks", Kind::number, "how many weeks it runs (required)");
    add_field(cmd, *v, "--hourly-cost", "staff_hourly_cost", Kind::number,
              "pounds an hour for the staff who run it, e.g. 14.5 (required)");
    add_field(cmd, *v, "--resource-cost", "resource_cost", Kind::number,
              "pounds for resources, for the whole group and run");
    add_field(cmd, *v, "--description", "description", Kind::text, "what it is");
    add_field(cmd, *v, "--entry", "entry_criteria", Kind::text, "who starts it, e.g. \"reading age 2 years below\"");
    add_field(cmd, *v, "--exit", "exit_criteria", Kind::text, "when a pupil finishes it");
    add_field(cmd, *v, "--measure", "measure", Kind::text,
              "how progress is measured, e.g. \"standardised reading score\"");
    add_field(cmd, *v, "--evidence", "evidence_rating", Kind::text, "the evidence behind it, e.g. an EEF rating");
    add_field(cmd, *v, "--measure-subject", "measure_subject", Kind::text,
              "the MIS assessment subject that measures it (e.g. RDG): baselines and exits then come from the MIS");
    v->creates = true;
  }
}

}  // namespace senmap_cli
