// senmap exclusion record|list|import: the suspensions and permanent exclusions a school records
// (exclusion.record, exclusion.list), one at a time or from its exclusion log as a spreadsheet.
// `senmap report exclusions` counts them.
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_exclusion_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* exclusion = app.add_subcommand("exclusion", "Suspensions and permanent exclusions the school has recorded");
  exclusion->require_subcommand(1);
  auto upn = [](CLI::App* cmd, Verb& v) { add_field(cmd, v, "UPN", "upn", Kind::text, "the pupil's UPN", true); };

  auto* record = exclusion->add_subcommand(
      "record", "Record a suspension or a permanent exclusion (the same pupil, kind and first day again corrects it)");
  auto r = verb(record, globals, exit_code, "exclusion.record", [](const json::value& x) {
    std::cout << (text_of(x.at("recorded")) == "new" ? "Recorded " : "Corrected ") << text_of(x.at("kind")) << " of "
              << text_of(x.at("upn")) << " from " << text_of(x.at("start_date"));
    if (x.at("sessions").is_int64()) std::cout << ", " << text_of(x.at("sessions")) << " sessions";
    std::cout << '\n';
  });
  upn(record, *r);
  add_field(record, *r, "--kind", "kind", Kind::text, "suspension (fixed-term) or permanent", true);
  add_date_field(record, *r, "--start", "start_date", "the first day");
  add_field(record, *r, "--end", "end_date", Kind::date, "a suspension's last day");
  add_field(record, *r, "--sessions", "sessions", Kind::number,
            "sessions lost, two a school day (required for a suspension)");
  add_field(record, *r, "--reason", "reason", Kind::text, "the DfE reason code, e.g. PD");

  auto* list = exclusion->add_subcommand("list", "A pupil's recorded suspensions and permanent exclusions");
  auto l = verb(list, globals, exit_code, "exclusion.list", [](const json::value& x) {
    const auto& rows = x.at("exclusions").as_array();
    if (rows.empty()) std::cout << "No suspension or exclusion is recorded for " << text_of(x.at("upn")) << '\n';
    for (const auto& e : rows)
      std::cout << text_of(e.at("start_date")) << "  " << text_of(e.at("kind")) << "  "
                << (e.at("sessions").is_null() ? std::string() : text_of(e.at("sessions")) + " sessions  ")
                << text_of(e.at("reason")) << '\n';
  });
  upn(list, *l);

  add_sheet_import(
      exclusion, globals, exit_code,
      {"Record the school's exclusion log from a spreadsheet: CSV or Excel .xlsx (all rows or none)",
       "one row an exclusion",
       "Columns: upn, kind (suspension or fixed-term, or permanent), start_date, and optionally end_date, "
       "sessions (required for a suspension) and reason (the DfE code); \"Type\", \"Start date\", \"Sessions "
       "lost\" and \"Reason code\" read too. Dates as YYYY-MM-DD, DD/MM/YYYY or spreadsheet dates. Importing "
       "the same log again corrects, never doubles.",
       "suspensions and exclusions",
       [](senmap_cpp::Database& db, const std::string& file) { return db.import_exclusions(file); }});
}

}  // namespace senmap_cli
