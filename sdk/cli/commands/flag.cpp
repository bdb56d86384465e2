// senmap flag acknowledge | snooze | assign | resolve FLAG_ID: what a member of staff does with
// one flag (senmap flags lists them with their ids). Each is the flag.* operation of the same name.
#include <boost/json.hpp>
#include <iostream>

#include "cli.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;
namespace {

void say_flag(const json::value& f) {
  std::cout << "Flag " << text_of(f.at("id")) << " (" << text_of(f.at("rule")) << ", " << text_of(f.at("upn"))
            << "): " << text_of(f.at("state"));
  if (!f.at("snoozed_until").is_null() && text_of(f.at("state")) == "snoozed")
    std::cout << " until " << text_of(f.at("snoozed_until"));
  if (!f.at("assigned_to").is_null()) std::cout << ", assigned to " << text_of(f.at("assigned_to").at("name"));
  if (!f.at("acknowledged_on").is_null()) std::cout << ", acknowledged " << text_of(f.at("acknowledged_on"));
  if (!f.at("resolved_on").is_null()) std::cout << ", resolved " << text_of(f.at("resolved_on"));
  std::cout << '\n';
}

}  // namespace

void add_flag_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* flag = app.add_subcommand("flag", "Act on one flag: acknowledge, snooze, assign or resolve it");
  flag->require_subcommand(1);
  const char* id_help = "the flag (senmap flags --json gives each its id)";

  auto* ack = flag->add_subcommand("acknowledge", "Mark a flag as seen, saying what is being done");
  auto a = verb(ack, globals, exit_code, "flag.acknowledge", say_flag);
  add_field(ack, *a, "FLAG_ID", "flag_id", Kind::number, id_help, true);
  add_field(ack, *a, "--note", "note", Kind::text, "what is being done about it", true);

  auto* snooze = flag->add_subcommand("snooze", "Leave a flag off the active list until a day");
  auto s = verb(snooze, globals, exit_code, "flag.snooze", say_flag);
  add_field(snooze, *s, "FLAG_ID", "flag_id", Kind::number, id_help, true);
  add_date_field(snooze, *s, "--until", "until", "the day it returns, if it still holds");
  add_field(snooze, *s, "--note", "note", Kind::text, "why it can wait");

  auto* assign = flag->add_subcommand("assign", "Give a flag to a member of staff");
  auto g = verb(assign, globals, exit_code, "flag.assign", say_flag);
  add_field(assign, *g, "FLAG_ID", "flag_id", Kind::number, id_help, true);
  add_field(assign, *g, "--staff", "staff_id", Kind::text, "the member of staff (senmap staff list)", true);
  add_field(assign, *g, "--note", "note", Kind::text, "what they are asked to do");

  auto* resolve = flag->add_subcommand("resolve", "Close a flag with a reason; the MIS hears it is cleared");
  auto r = verb(resolve, globals, exit_code, "flag.resolve", say_flag);
  add_field(resolve, *r, "FLAG_ID", "flag_id", Kind::number, id_help, true);
  add_field(resolve, *r, "--reason", "reason", Kind::text, "why no more is needed", true);
}

}  // namespace senmap_cli
