// senmap launch secret | link: MIS launch links
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_launch_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* launch =
      app.add_subcommand("launch", "MIS launch links: the secret the MIS signs them with, and a signed link");
  launch->require_subcommand(1);
  auto rotate = std::make_shared<bool>(false);
  auto* secret =
      launch->add_subcommand("secret", "Print the launch secret (made on first use) for the MIS's configuration");
  secret->add_flag("--rotate", *rotate, "make a new secret: links signed with the old one stop working");
  secret->callback([&globals, &exit_code, rotate] {
    json::object request;
    if (*rotate) request["rotate"] = true;
    std::cout << value_text(call(globals, "launch.secret", request).at("secret")) << "\n";
    exit_code = kExitOk;
  });
  struct LinkArgs {
    std::string staff, class_id, base, page;
    int seconds = 120;
  };
  auto link_args = std::make_shared<LinkArgs>();
  auto* link = launch->add_subcommand(
      "link", "A signed link opening a class provision map, as the MIS makes them (for testing)");
  link->add_option("STAFF_ID", link_args->staff, "the member of staff")->required();
  auto* by_class =
      link->add_option("--class", link_args->class_id, "the class's MIS id: the link opens its provision map");
  auto* by_page = link->add_option("--page", link_args->page, "dashboard: the link opens the SENCO's dashboard")
                      ->check(CLI::IsMember({"dashboard"}));
  by_class->excludes(by_page);
  link->add_option("--seconds", link_args->seconds, "how long it may be used")
      ->check(CLI::Range(1, 300))
      ->capture_default_str();
  link->add_option("--base", link_args->base, "the server's URL, e.g. https://senmap.school.example:8443");
  link->callback([&globals, &exit_code, link_args] {
    json::object request{{"staff_id", link_args->staff}, {"seconds", link_args->seconds}};
    if (!link_args->class_id.empty()) request["class_id"] = link_args->class_id;
    if (!link_args->page.empty()) request["page"] = link_args->page;
    auto r = call(globals, "launch.link", request);
    std::cout << link_args->base << value_text(r.at("path")) << "\n";
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
