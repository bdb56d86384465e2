// senmap call OP [JSON | -]: any operation, generically
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
  auto db = globals.open(/*create=*/true);  // operations may record the school's first data
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

void add_call_command(CLI::App& app, const Globals& globals, int& exit_code) {
  struct CallArgs {
    std::string operation, request;
  };
  auto args = std::make_shared<CallArgs>();
  auto* call = app.add_subcommand("call", "Run any operation with a JSON request (see senmap ops)");
  call->add_option("OP", args->operation, "the operation, e.g. ehcp.get")->required();
  call->add_option("JSON", args->request, "the request as a JSON object, or - to read it from stdin");
  call->footer("Prints the response as JSON. Exit status 2 with {\"errors\":[...]} when the request is refused.");
  call->callback([&globals, &exit_code, args] { exit_code = run_call(globals, args->operation, args->request); });
}

}  // namespace senmap_cli
