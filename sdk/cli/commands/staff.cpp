// senmap staff list | role: staff from the MIS and their senmap roles
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_staff_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* staff = app.add_subcommand("staff", "Staff from the MIS and their senmap roles");
  staff->require_subcommand(1);
  auto list_school = std::make_shared<std::string>();
  auto* list = staff->add_subcommand("list", "Staff with their roles");
  list->add_option("--school", *list_school, "one school (LA-ESTAB)");
  list->callback([&globals, &exit_code, list_school] {
    json::object request;
    if (!list_school->empty()) request["school"] = *list_school;
    std::vector<Row> rows;
    auto response = call(globals, "staff.list", request);  // (kept alive for the loop)
    for (const auto& s : response.at("staff").as_array())
      rows.push_back({value_text(s.at("staff_id")), value_text(s.at("name")), value_text(s.at("role")),
                      s.at("left").as_bool() ? "left" : ""});
    print_table(std::cout, {"Staff", "Name", "Role", ""}, rows);
    exit_code = kExitOk;
  });
  struct RoleArgs {
    std::string staff, role;
    std::vector<std::string> schools;
  };
  auto role_args = std::make_shared<RoleArgs>();
  auto* role = staff->add_subcommand("role",
                                     "Give a member of staff a role: senco, teacher, ta, senior_leader, governor, "
                                     "trust_officer, admin (none takes it away, and their tokens stop working)");
  role->add_option("STAFF_ID", role_args->staff, "their MIS id (LA-ESTAB/id where schools share ids)")->required();
  role->add_option("ROLE", role_args->role, "the role")->required();
  role->add_option("--school", role_args->schools, "a trust officer's other schools (LA-ESTAB), repeatable");
  role->callback([&globals, &exit_code, role_args] {
    json::object request{{"staff_id", role_args->staff}, {"role", role_args->role}};
    if (!role_args->schools.empty()) request["schools"] = json::value_from(role_args->schools);
    auto r = call(globals, "staff.role", request);
    std::cout << value_text(r.at("staff_id")) << " (" << value_text(r.at("name"))
              << "): " << (r.at("role").is_null() ? "no role" : value_text(r.at("role"))) << "\n";
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
