// senmap transfer record | list: pupils on the register moving phase next September, the setting
// named for each and the steps of the move (transfer.record, transfer.list).
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

void say_move(const json::value& m) {
  std::cout << text_of(m.at("upn")) << ": next setting " << text_of(m.at("next_setting")) << "; visited "
            << text_of(m.at("visited_on")) << ", records shared " << text_of(m.at("information_shared_on"))
            << ", receiving SENCO met " << text_of(m.at("senco_met_on")) << '\n';
}

}  // namespace

void add_transfer_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* transfer = app.add_subcommand("transfer", "Pupils on the register moving phase next September");
  transfer->require_subcommand(1);
  auto* record = transfer->add_subcommand("record", "Record the setting named and a step of a pupil's move");
  auto r = verb(record, globals, exit_code, "transfer.record", say_move);
  add_field(record, *r, "UPN", "upn", Kind::text, "the pupil's UPN", true);
  add_field(record, *r, "--setting", "next_setting", Kind::text, "the school or college named for next September");
  add_field(record, *r, "--visited", "visited_on", Kind::date, "the day the pupil visited it");
  add_field(record, *r, "--shared", "information_shared_on", Kind::date, "the day the records were sent to it");
  add_field(record, *r, "--senco-met", "senco_met_on", Kind::date, "the day the receiving SENCO met this school's");
  auto* list = transfer->add_subcommand("list", "Every pupil moving phase: EHC plans first, then by steps still to do");
  auto l = verb(list, globals, exit_code, "transfer.list", [](const json::value& r) {
    const auto& pupils = r.at("pupils").as_array();
    std::cout << pupils.size() << " pupils on the register move phase next September\n";
    for (const auto& p : pupils) {
      std::cout << text_of(p.at("status")) << "  " << text_of(p.at("forename")) << ' ' << text_of(p.at("surname"))
                << " (Year " << text_of(p.at("nc_year")) << "): " << p.at("steps_to_do") << " of 4 steps to do";
      if (!p.at("review_deadline").is_null())
        std::cout << "; EHC transfer review by " << text_of(p.at("review_deadline"));
      std::cout << '\n';
    }
  });
  add_field(list, *l, "--school", "school", Kind::text, "one school of a trust's database (LA-Estab)");
}

}  // namespace senmap_cli
