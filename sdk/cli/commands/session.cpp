// senmap session --provision ID --date DATE --status S: one session of a provision (session.record)
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_session_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* session =
      app.add_subcommand("session", "Record one session of a provision: delivered or cancelled, and who came");
  auto r = verb(session, globals, exit_code, "session.record", [](const json::value& x) {
    std::size_t present = 0;
    const auto& marks = x.at("register").as_array();
    for (const auto& m : marks) present += m.at("present").as_bool() ? 1 : 0;
    std::cout << "Recorded a " << text_of(x.at("status")) << " session of provision " << x.at("provision_id") << " on "
              << text_of(x.at("date")) << " (session " << x.at("id") << "): " << present << " of " << marks.size()
              << " placed pupils present\n";
  });
  add_field(session, *r, "--provision", "provision_id", Kind::number, "the provision's id (required)");
  add_date_field(session, *r, "--date", "date", "the day of the session");
  add_field(session, *r, "--status", "status", Kind::text, "delivered or cancelled (required)");
  add_field(session, *r, "--time", "time", Kind::text,
            "start time HH:MM, when the provision meets more than once that day");
  add_field(
      session, *r, "--present", "present", Kind::list,
      "UPNs of the pupils who came (the others placed that day are marked absent); several may follow, or repeat it");
  add_field(session, *r, "--staff", "staff", Kind::text, "who ran it");
  add_field(session, *r, "--run-by", "run_by", Kind::text, "who ran it, as their MIS staff id (their TA hours count)");
  add_field(session, *r, "--notes", "notes", Kind::text, "running record");
}

}  // namespace senmap_cli
