// senmap outbox [--status S] [--json]: what the MIS was sent, what waits, what failed
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

int show_outbox(const Globals& globals, const std::string& status, bool as_json) {
  auto db = globals.open();
  json::object request;
  if (!status.empty()) request["status"] = status;
  auto text = db.call_operation("outbox.list", json::serialize(request));
  if (as_json) {
    std::cout << text << '\n';
    return kExitOk;
  }
  std::vector<Row> rows;
  // Held by name: a range-for over parse(...).at(...) reads a temporary already destroyed.
  const auto listed = json::parse(text);
  for (const auto& i : listed.at("items").as_array())
    rows.push_back({value_text(i.at("id")), value_text(i.at("target")), value_text(i.at("kind")),
                    value_text(i.at("upn")), value_text(i.at("status")), value_text(i.at("attempts")),
                    i.at("status").as_string() == "delivered" ? value_text(i.at("delivered_at"))
                                                              : value_text(i.at("next_attempt_at")),
                    value_text(i.at("last_error"))});
  print_table(std::cout, {"Item", "Target", "Kind", "UPN", "Status", "Attempts", "Delivered / next try", "Last error"},
              rows);
  return kExitOk;
}

}  // namespace

void add_outbox_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto box = std::make_shared<std::pair<std::string, bool>>();
  auto* outbox = app.add_subcommand("outbox", "What the MIS was sent, what waits, and what failed with its last error");
  outbox->add_option("--status", box->first, "pending, delivered or dead")
      ->check(CLI::IsMember({"pending", "delivered", "dead"}));
  outbox->add_flag("--json", box->second, "print as JSON");
  outbox->callback([&globals, &exit_code, box] { exit_code = show_outbox(globals, box->first, box->second); });
}

}  // namespace senmap_cli
