// senmap call OP [JSON | -], senmap ops [--json]: the operations layer, generically.
#include <boost/json.hpp>

#include <iostream>
#include <iterator>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

int run_call(const Globals& globals, const std::string& operation, std::string request) {
  if (request == "-") request.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  auto db = globals.open();
  try {
    std::cout << db.call_operation(operation, request) << '\n';
    return kExitOk;
  } catch (const senmap_cpp::Error& e) {
    if (e.report().empty()) throw;
    // Refused or not found: the errors as JSON on stdout for scripts, the reason on stderr.
    std::cout << e.report() << '\n';
    std::cerr << "senmap: " << e.what() << '\n';
    return e.code() == SENMAP_EBADINPUT ? kExitBadInput : kExitFailure;
  }
}

}  // namespace

void add_ops_commands(CLI::App& app, const Globals& globals, int& exit_code) {
  struct CallArgs {
    std::string operation, request;
  };
  auto args = std::make_shared<CallArgs>();
  auto* call = app.add_subcommand("call", "Run any operation with a JSON request (see senmap ops)");
  call->add_option("OP", args->operation, "the operation, e.g. ehcp.get")->required();
  call->add_option("JSON", args->request, "the request as a JSON object, or - to read it from stdin");
  call->footer("Prints the response as JSON. Exit status 2 with {\"errors\":[...]} when the request is refused.");
  call->callback([&globals, &exit_code, args] { exit_code = run_call(globals, args->operation, args->request); });

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
                    << (f.at("required").as_bool() ? ", required" : "") << ")  " << f.at("description").as_string().c_str()
                    << '\n';
      }
    }
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
