// senmap classes [--json]: classes with their teachers and pupils (from OneRoster)
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_classes_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto classes_json = std::make_shared<bool>(false);
  auto* classes_cmd = app.add_subcommand("classes", "Show classes with their teachers and pupils (from OneRoster)");
  classes_cmd->add_flag("--json", *classes_json, "print a JSON array");
  classes_cmd->callback([&globals, &exit_code, classes_json] {
    auto db = globals.open();
    auto text_json = db.classes_json();
    if (*classes_json) {
      std::cout << text_json << '\n';
    } else {
      std::vector<Row> rows;
      auto classes = json::parse(text_json);
      for (const auto& c : classes.as_array()) {
        std::string teachers;
        for (const auto& t : c.at("teachers").as_array())
          teachers += (teachers.empty() ? "" : ", ") + std::string(t.at("name").as_string());
        rows.push_back({std::string(c.at("id").as_string()), std::string(c.at("title").as_string()),
                        std::string(c.at("code").as_string()), teachers,
                        std::to_string(c.at("pupils").as_array().size())});
      }
      print_table(std::cout, {"Id", "Class", "Code", "Teachers", "Pupils"}, rows);
    }
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
