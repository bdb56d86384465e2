// senmap access list | approve | centre: exam access arrangements, each with the evidence it rests
// on and its approval (access.list, access.approve), and the exams officer's centre-wide list
// (access.centre_list). Recording one: senmap call access.add '{...}' or the pupil's page.
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

void say_arrangement(const json::value& a, const std::string& who) {
  std::cout << who << a.at("id") << "  " << text_of(a.at("kind")) << " from " << text_of(a.at("valid_from"))
            << (a.at("valid_to").is_null() ? "" : " to " + text_of(a.at("valid_to"))) << ": ";
  if (a.at("approved_on").is_null())
    std::cout << "not approved yet";
  else
    std::cout << "approved " << text_of(a.at("approved_on")) << ", "
              << (a.at("approval_lapsed").as_bool() ? "LAPSED " : "lapses ") << text_of(a.at("approval_expires"));
  std::cout << '\n';
}

void say_pupil(const json::value& r) {
  for (const auto& a : r.at("arrangements").as_array()) say_arrangement(a, "");
  const auto& history = r.at("history_of_need");
  std::cout << "History of need: " << history.at("cycles") << " cycles of SEN support since "
            << text_of(history.at("since")) << ", " << history.at("provisions").as_array().size() << " provisions\n";
}

}  // namespace

void add_access_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* access =
      app.add_subcommand("access", "Exam access arrangements: evidence, approvals, the exams officer's list");
  access->require_subcommand(1);
  auto upn = [](CLI::App* cmd, Verb& v) { add_field(cmd, v, "UPN", "upn", Kind::text, "the pupil's UPN", true); };
  auto* list = access->add_subcommand("list", "A pupil's arrangements with their evidence and approval");
  auto l = verb(list, globals, exit_code, "access.list", say_pupil);
  upn(list, *l);
  auto* approve = access->add_subcommand("approve", "Record the day an arrangement's application was approved");
  auto a = verb(approve, globals, exit_code, "access.approve", say_pupil);
  upn(approve, *a);
  add_field(approve, *a, "--arrangement", "arrangement_id", Kind::number, "the arrangement (access list) (required)");
  add_date_field(approve, *a, "--date", "date", "the day it was approved");
  auto* centre =
      access->add_subcommand("centre", "Every candidate's arrangements: approvals to apply for or renew first");
  auto c = verb(centre, globals, exit_code, "access.centre_list", [](const json::value& r) {
    const auto& all = r.at("arrangements").as_array();
    std::cout << all.size() << " arrangements in force or to come (an approval lasts "
              << text_of(r.at("approval_lasts")) << ")\n";
    if (const auto* by = r.as_object().if_contains("applications_by"); by && !by->is_null())
      std::cout << "Applications for the summer series by " << text_of(by->at("date")) << " ("
                << text_of(by->at("source")) << ")\n";
    for (const auto& x : all) {
      auto action = text_of(x.at("action"));
      say_arrangement(x, text_of(x.at("forename")) + " " + text_of(x.at("surname")) + " (Year " +
                             text_of(x.at("nc_year")) + ")" + (action.empty() ? "" : " [" + action + "]") + " #");
    }
  });
  add_field(centre, *c, "--school", "school", Kind::text, "one school of a trust's database (LA-Estab)");
}

}  // namespace senmap_cli
