// senmap flags [--run] [--json] [--all] [--state S] [--assigned-to STAFF] [--upn UPN] [--rule ID]
// [--rules]: the flags the rules raised, most severe first, each with its id (senmap flag acts on
// it), the evidence that raised it and what staff have done with it.
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

struct FlagArgs {
  bool run = false, as_json = false, all = false, rules = false;
  std::string upn, rule, state, assigned_to;
};

int show_flags(const Globals& globals, const FlagArgs& args) {
  auto db = globals.open();
  if (args.rules) {
    auto text = db.call_operation("flags.rules", "{}");
    if (args.as_json) {
      std::cout << text << '\n';
      return kExitOk;
    }
    auto rules = json::parse(text);
    std::vector<Row> rows;
    for (const auto& r : rules.at("rules").as_array())
      rows.push_back({value_text(r.at("id")), value_text(r.at("severity")), r.at("on").as_bool() ? "on" : "off",
                      value_text(r.at("title"))});
    print_table(std::cout, {"Rule", "Severity", "", "Flags"}, rows);
    std::cout << "\nThresholds ([rules] in the config):";
    // As the config writes them (90, 92.5), never 9E1.
    for (const auto& [key, value] : rules.at("thresholds").as_object())
      std::cout << " " << std::string(key) << "=" << plain_text(value);
    std::cout << '\n';
    return kExitOk;
  }
  json::object summary;
  if (args.run) summary = json::parse(db.call_operation("flags.run", "{}")).as_object();
  json::object request;
  if (args.all) request["include_cleared"] = true;
  if (!args.upn.empty()) request["upn"] = args.upn;
  if (!args.rule.empty()) request["rule"] = args.rule;
  if (!args.state.empty()) request["state"] = args.state;
  if (!args.assigned_to.empty()) request["assigned_to"] = args.assigned_to;
  auto text = db.call_operation("flags.list", json::serialize(request));
  if (args.as_json) {
    if (args.run)
      std::cout << json_text(json::object{{"run", summary}, {"flags", json::parse(text).at("flags")}}) << '\n';
    else
      std::cout << text << '\n';
    return kExitOk;
  }
  if (args.run)
    std::cout << "Rules run: " << summary.at("raised") << " raised, " << summary.at("still_active") << " still active, "
              << summary.at("cleared") << " cleared\n\n";
  auto flags = json::parse(text);
  std::vector<Row> rows;
  for (const auto& f : flags.at("flags").as_array()) {
    auto state = value_text(f.at("state"));
    if (state == "snoozed") state += " to " + value_text(f.at("snoozed_until"));
    if (state == "active" && !f.at("acknowledged_on").is_null()) state = "acknowledged";
    if (!f.at("assigned_to").is_null()) state += ", " + value_text(f.at("assigned_to").at("name"));
    rows.push_back({value_text(f.at("id")), value_text(f.at("severity")), value_text(f.at("rule")),
                    value_text(f.at("upn")), value_text(f.at("pupil")), value_text(f.at("raised_on")), state,
                    f.at("cleared_on").is_null()
                        ? value_text(f.at("explanation"))
                        : "cleared " + value_text(f.at("cleared_on")) + ": " + value_text(f.at("cleared_why"))});
  }
  print_table(std::cout, {"Id", "Severity", "Rule", "UPN", "Pupil", "Raised", "State", "Evidence"}, rows);
  std::cout << rows.size() << " flag(s)\n";
  return kExitOk;
}

}  // namespace

void add_flags_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto args = std::make_shared<FlagArgs>();
  auto* flags = app.add_subcommand("flags", "Flags raised by the rules, most severe first, with their evidence");
  flags->add_flag("--run", args->run, "run the rules now (every sync also runs them)");
  flags->add_flag("--json", args->as_json, "print as JSON");
  flags->add_flag("--all", args->all, "also cleared flags, with when and why");
  flags->add_option("--upn", args->upn, "one pupil's flags");
  flags->add_option("--rule", args->rule, "one rule's flags");
  flags->add_option("--state", args->state,
                    "active (the default), snoozed, resolved, open (all three) or all (with cleared flags)");
  flags->add_option("--assigned-to", args->assigned_to, "flags assigned to one member of staff (staff id)");
  flags->add_flag("--rules", args->rules, "list the rules, whether each is on, and the thresholds");
  flags->callback([&globals, &exit_code, args] { exit_code = show_flags(globals, *args); });
}

}  // namespace senmap_cli
