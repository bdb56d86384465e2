// senmap ta assign | unassign | list: which pupils a TA supports (a TA sees only those)
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_ta_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* ta = app.add_subcommand("ta", "Which pupils a TA supports (a TA sees only those)");
  ta->require_subcommand(1);
  struct TaArgs {
    std::string staff, upn;
  };
  auto ta_args = std::make_shared<TaArgs>();
  for (const char* verb : {"assign", "unassign"}) {
    auto* cmd = ta->add_subcommand(
        verb, std::string(verb) == std::string("assign") ? "Assign a pupil to a TA" : "End an assignment");
    cmd->add_option("STAFF_ID", ta_args->staff, "the TA")->required();
    cmd->add_option("UPN", ta_args->upn, "the pupil")->required();
    cmd->callback([&globals, &exit_code, ta_args, op = std::string("ta.") + verb] {
      auto r = call(globals, op, {{"staff_id", ta_args->staff}, {"upn", ta_args->upn}});
      std::cout << value_text(r.at("staff_id")) << (r.at("assigned").as_bool() ? " supports " : " no longer supports ")
                << value_text(r.at("upn")) << "\n";
      exit_code = kExitOk;
    });
  }

  auto ta_staff = std::make_shared<std::string>();
  auto* ta_list = ta->add_subcommand("list", "Every assignment");
  ta_list->add_option("--staff", *ta_staff, "one TA");
  ta_list->callback([&globals, &exit_code, ta_staff] {
    json::object request;
    if (!ta_staff->empty()) request["staff_id"] = *ta_staff;
    std::vector<Row> rows;
    auto response = call(globals, "ta.list", request);
    for (const auto& a : response.at("assignments").as_array())
      rows.push_back({value_text(a.at("staff_id")), value_text(a.at("upn")), value_text(a.at("assigned_on")),
                      value_text(a.at("assigned_by"))});
    print_table(std::cout, {"TA", "UPN", "Since", "By"}, rows);
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
