// senmap ops [--json]: the operations and their input fields
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_ops_command(CLI::App& app, const Globals& /*globals*/, int& exit_code) {
  auto as_json = std::make_shared<bool>(false);
  auto* ops = app.add_subcommand("ops", "List the operations and their input fields");
  ops->add_flag("--json", *as_json, "print them as JSON");
  ops->callback([&exit_code, as_json] {
    auto text = senmap_cpp::operations_json();
    if (*as_json) {
      std::cout << text << '\n';
    } else {
      auto list = json::parse(text);
      for (const auto& op : list.as_array()) {
        std::cout << op.at("name").as_string().c_str() << "  " << op.at("summary").as_string().c_str() << '\n';
        for (const auto& f : op.at("fields").as_array())
          std::cout << "    " << f.at("name").as_string().c_str() << " (" << f.at("type").as_string().c_str()
                    << (f.at("required").as_bool() ? ", required" : "") << ")  "
                    << f.at("description").as_string().c_str() << '\n';
      }
    }
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
