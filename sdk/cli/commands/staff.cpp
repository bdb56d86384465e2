// senmap staff list | role: staff from the MIS and their senmap roles; staff training |
// confidence | skills: their SEND training and confidence (`senmap report staff-skills` audits them)
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

  auto staff_id = [](CLI::App* cmd, Verb& v) {
    add_field(cmd, v, "STAFF_ID", "staff_id", Kind::text, "their MIS id (LA-ESTAB/id where schools share ids)", true);
  };
  auto say_skills = [](const json::value& x) {
    std::cout << text_of(x.at("name")) << " (" << text_of(x.at("staff_id"))
              << "): " << x.at("training").as_array().size() << " courses recorded, "
              << text_of(x.at("register_pupils")) << " register pupils taught or supported\n";
    for (const auto& a : x.at("areas").as_array())
      std::cout << "  " << text_of(a.at("area")) << ": " << text_of(a.at("pupils")) << " pupils, trained "
                << text_of(a.at("trained_recently")) << ", confidence " << text_of(a.at("confidence"))
                << (a.at("training_need").as_bool() ? "  TRAINING NEEDED" : "") << '\n';
  };
  auto* training = staff->add_subcommand("training", "Record a SEND course a member of staff has completed");
  auto t = verb(training, globals, exit_code, "staff.training", say_skills);
  staff_id(training, *t);
  add_field(training, *t, "--course", "course", Kind::text, "the course's title", true);
  add_date_field(training, *t, "--completed", "completed_on", "the day it was completed");
  add_field(training, *t, "--area", "area", Kind::text,
            "the broad area of need (e.g. \"Cognition and learning\"), a need code (e.g. ASD) or General", true);
  add_field(training, *t, "--provider", "provider", Kind::text, "who ran it");
  add_field(training, *t, "--hours", "hours", Kind::number, "its length in hours");

  auto* confidence =
      staff->add_subcommand("confidence", "A member of staff's confidence in each broad area of need, 1 to 5");
  auto c = verb(confidence, globals, exit_code, "staff.confidence", say_skills);
  staff_id(confidence, *c);
  add_field(confidence, *c, "--communication", "communication_and_interaction", Kind::number,
            "Communication and interaction");
  add_field(confidence, *c, "--cognition", "cognition_and_learning", Kind::number, "Cognition and learning");
  add_field(confidence, *c, "--semh", "social_emotional_mental_health", Kind::number,
            "Social, emotional and mental health");
  add_field(confidence, *c, "--sensory", "sensory_and_physical", Kind::number, "Sensory and/or physical");

  auto* skills =
      staff->add_subcommand("skills", "A member of staff's SEND training and confidence against their pupils");
  auto k = verb(skills, globals, exit_code, "staff.skills", say_skills);
  staff_id(skills, *k);
}

}  // namespace senmap_cli
