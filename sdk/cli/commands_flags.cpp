// senmap flags [--run] [--json] [--all] [--upn UPN] [--rule ID] [--rules]: the flags the rules
// raised, most severe first, each with the evidence that raised it. senmap writeback and senmap
// outbox: what the MIS is sent, what waits and what failed.
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
  std::string upn, rule;
};

std::string str(const json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : v.is_null() ? "" : json::serialize(v);
}

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
      rows.push_back({str(r.at("id")), str(r.at("severity")), r.at("on").as_bool() ? "on" : "off", str(r.at("title"))});
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
  for (const auto& f : flags.at("flags").as_array())
    rows.push_back(
        {str(f.at("severity")), str(f.at("rule")), str(f.at("upn")), str(f.at("pupil")), str(f.at("raised_on")),
         f.at("cleared_on").is_null() ? str(f.at("explanation"))
                                      : "cleared " + str(f.at("cleared_on")) + ": " + str(f.at("cleared_why"))});
  print_table(std::cout, {"Severity", "Rule", "UPN", "Pupil", "Raised", "Evidence"}, rows);
  std::cout << rows.size() << " flag(s)\n";
  return kExitOk;
}

int run_writeback(const Globals& globals, bool as_json) {
  auto db = globals.open();
  auto text = db.call_operation("writeback.run", "{}");
  auto result = json::parse(text);
  const auto& targets = result.at("targets").as_object();
  // The exit status says whether anything failed, whichever way the result is printed: a
  // script that asks for JSON relies on it as much as a person reading the lines.
  bool dead = false;
  for (const auto& [name, r] : targets)
    dead = dead || r.at("dead").to_number<int>() > 0 || r.at("failed").to_number<int>() > 0;
  if (as_json) {
    std::cout << text << '\n';
    return dead ? kExitFailure : kExitOk;
  }
  if (targets.empty()) std::cout << "No writeback target is configured ([[writeback]] in the config).\n";
  for (const auto& [name, r] : targets) {
    std::cout << std::string(name) << ": " << r.at("delivered") << " delivered, " << r.at("already_there")
              << " already at the target, " << r.at("failed") << " failed (will retry), " << r.at("dead")
              << " gave up, " << r.at("waiting") << " waiting to retry";
    if (r.at("deferred").to_number<int>() > 0) std::cout << ", " << r.at("deferred") << " left for the next run";
    std::cout << '\n';
    if (!r.at("stopped_why").is_null()) std::cout << "  stopped early: " << str(r.at("stopped_why")) << '\n';
  }
  return dead ? kExitFailure : kExitOk;
}

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
    rows.push_back(
        {str(i.at("id")), str(i.at("target")), str(i.at("kind")), str(i.at("upn")), str(i.at("status")),
         str(i.at("attempts")),
         i.at("status").as_string() == "delivered" ? str(i.at("delivered_at")) : str(i.at("next_attempt_at")),
         str(i.at("last_error"))});
  print_table(std::cout, {"Item", "Target", "Kind", "UPN", "Status", "Attempts", "Delivered / next try", "Last error"},
              rows);
  return kExitOk;
}

}  // namespace

void add_flag_commands(CLI::App& app, const Globals& globals, int& exit_code) {
  auto args = std::make_shared<FlagArgs>();
  auto* flags = app.add_subcommand("flags", "Flags raised by the rules, most severe first, with their evidence");
  flags->add_flag("--run", args->run, "run the rules now (every sync also runs them)");
  flags->add_flag("--json", args->as_json, "print as JSON");
  flags->add_flag("--all", args->all, "also cleared flags, with when and why");
  flags->add_option("--upn", args->upn, "one pupil's flags");
  flags->add_option("--rule", args->rule, "one rule's flags");
  flags->add_flag("--rules", args->rules, "list the rules, whether each is on, and the thresholds");
  flags->callback([&globals, &exit_code, args] { exit_code = show_flags(globals, *args); });

  auto ctf = std::make_shared<std::pair<std::string, std::string>>();
  auto* exporter = app.add_subcommand("export", "Write what senmap knows for the MIS to import");
  exporter->require_subcommand(1);
  auto* export_ctf = exporter->add_subcommand(
      "ctf", "The SEN register as a CTF 25: status history and ranked needs of every pupil on roll");
  export_ctf->add_option("--out", ctf->first, "the CTF file to write")->required();
  export_ctf->add_option("--school", ctf->second, "LA-ESTAB, when the database holds more than one school");
  export_ctf->callback([&globals, &exit_code, ctf] {
    auto db = globals.open();
    auto summary = json::parse(db.export_ctf(ctf->first, ctf->second));
    std::cout << "Wrote " << str(summary.at("file")) << ": " << str(summary.at("pupils"))
              << " pupils with their SEN status and needs\n";
    exit_code = kExitOk;
  });

  auto wb_json = std::make_shared<bool>(false);
  auto* writeback =
      app.add_subcommand("writeback", "Send what waits in the outbox to the MIS (each [[writeback]] target)");
  writeback->add_flag("--json", *wb_json, "print the result as JSON");
  writeback->footer(
      "Exit status 1 when an item failed (it is retried later) or gave up (see senmap outbox --status dead).");
  writeback->callback([&globals, &exit_code, wb_json] { exit_code = run_writeback(globals, *wb_json); });

  auto box = std::make_shared<std::pair<std::string, bool>>();
  auto* outbox = app.add_subcommand("outbox", "What the MIS was sent, what waits, and what failed with its last error");
  outbox->add_option("--status", box->first, "pending, delivered or dead")
      ->check(CLI::IsMember({"pending", "delivered", "dead"}));
  outbox->add_flag("--json", box->second, "print as JSON");
  outbox->callback([&globals, &exit_code, box] { exit_code = show_outbox(globals, box->first, box->second); });
}

}  // namespace senmap_cli
