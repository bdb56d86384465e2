// senmap leavers [erase] and senmap subject-access: the school's retention schedule for pupils who have
// left (leavers.list, leavers.erase) and a subject access request's answer for one pupil (pupil.export),
// written as JSON and as a page a parent can read.
#include <boost/json.hpp>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "model/html_text.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;
namespace {

std::string escaped(const std::string& text) {
  return sm::model::html_escape(text);
}

// The export as a plain page: one table per kind of record, every column, nothing left out.
std::string readable(const json::value& record) {
  const std::string upn = value_text(record.at("upn"));
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>What senmap holds about " +
      escaped(upn) +
      "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:"
      "1.5em}td,th{border:1px solid #999;padding:2px 6px;text-align:left;vertical-align:top}</style>"
      "</head><body>\n<h1>What senmap holds about the pupil with UPN " +
      escaped(upn) + "</h1>\n<p>Exported " + escaped(value_text(record.at("exported_at"))) +
      " for a subject access request. Each table below is one kind of record, with every column.</p>\n";
  auto section = [&](const std::string& title, const json::array& rows) {
    html += "<h2>" + escaped(title) + " (" + std::to_string(rows.size()) + ")</h2>\n<table><tr>";
    if (rows.empty()) {
      html += "<td>none</td></tr></table>\n";
      return;
    }
    for (const auto& [column, _] : rows[0].as_object()) html += "<th>" + escaped(std::string(column)) + "</th>";
    html += "</tr>\n";
    for (const auto& row : rows) {
      html += "<tr>";
      for (const auto& [_, value] : row.as_object()) html += "<td>" + escaped(value_text(value)) + "</td>";
      html += "</tr>\n";
    }
    html += "</table>\n";
  };
  for (const auto& [table, rows] : record.at("tables").as_object()) section(std::string(table), rows.as_array());
  const auto& trail = record.at("audit_trail");
  section("Who read or changed the record", trail.at("reads_and_changes").as_array());
  section("Requests to senmap's API about the pupil", trail.at("api_requests").as_array());
  return html + "</body></html>\n";
}

}  // namespace

void add_leavers_command(CLI::App& app, const Globals& globals, int& exit_code) {
  struct LeaverArgs {
    std::string before, born_before, school, out, upn;
    std::vector<std::string> upns;
    bool as_json = false, yes = false;
  };
  auto args = std::make_shared<LeaverArgs>();
  auto* leavers = app.add_subcommand("leavers",
                                     "Pupils who left before a date, whose records the school's "
                                     "retention schedule may now erase");
  leavers->add_option("--before", args->before, "pupils who left before this day (YYYY-MM-DD)")->required();
  leavers->add_option("--born-before", args->born_before,
                      "and were born before this day: a schedule keeping SEN files to date of birth + 31 years "
                      "gives today less 31 years");
  leavers->add_option("--school", args->school, "one school (LA-ESTAB)");
  leavers->add_flag("--json", args->as_json, "print the result as JSON");
  auto request = [args] {
    json::object r{{"left_before", args->before}};
    if (!args->born_before.empty()) r["born_before"] = args->born_before;
    if (!args->school.empty()) r["school"] = args->school;
    return r;
  };
  auto* erase = leavers->add_subcommand("erase",
                                        "Erase their records (every row about them), with a report of "
                                        "what was erased; cannot be undone: take a backup first");
  erase->add_option("--upn", args->upns, "only these leavers (each must be due)");
  erase->add_flag("--yes", args->yes, "yes, erase them: this cannot be undone")->required();
  erase->add_flag("--json", args->as_json, "print the report as JSON");
  erase->callback([&globals, &exit_code, args, request] {
    auto r = request();
    r["confirm"] = args->yes;
    if (!args->upns.empty()) {
      json::array upns;
      for (const auto& u : args->upns) upns.push_back(json::value(u));
      r["upns"] = std::move(upns);
    }
    auto result = call(globals, "leavers.erase", r);
    if (args->as_json) {
      std::cout << json::serialize(result) << "\n";
    } else {
      std::vector<Row> rows;
      for (const auto& e : result.at("erased").as_array()) {
        long long total = 0;
        for (const auto& [_, count] : e.at("rows").as_object()) total += count.as_int64();
        rows.push_back(
            {value_text(e.at("upn")), value_text(e.at("left_on")), value_text(e.at("school")), std::to_string(total)});
      }
      print_table(std::cout, {"UPN", "Left", "School", "Rows erased"}, rows);
      std::cout << value_text(result.at("note")) << "\n";
    }
    exit_code = kExitOk;
  });

  // After `erase`, the list is not printed as well (CLI11 runs the parent's callback too).
  leavers->callback([&globals, &exit_code, args, request, erase] {
    if (erase->parsed()) return;
    auto r = call(globals, "leavers.list", request());
    if (args->as_json) {
      std::cout << json::serialize(r) << "\n";
    } else {
      std::vector<Row> rows;
      for (const auto& l : r.at("leavers").as_array())
        rows.push_back({value_text(l.at("upn")), value_text(l.at("surname")), value_text(l.at("forename")),
                        value_text(l.at("left_on")), value_text(l.at("school"))});
      print_table(std::cout, {"UPN", "Surname", "Forename", "Left", "School"}, rows);
    }
    exit_code = kExitOk;
  });

  auto* sar = app.add_subcommand("subject-access",
                                 "Everything senmap holds about one pupil, for a subject access "
                                 "request: OUT/UPN.json and a readable OUT/UPN.html");
  sar->add_option("UPN", args->upn, "the pupil's UPN")->required();
  sar->add_option("--out", args->out, "the folder to write into (files are owner-only)")->required();
  sar->callback([&globals, &exit_code, args] {
    auto record = call(globals, "pupil.export", {{"upn", args->upn}});
    std::filesystem::create_directories(args->out);
    auto base = std::filesystem::path(args->out) / args->upn;
    write_private_file(base.string() + ".json", json::serialize(record) + "\n");
    write_private_file(base.string() + ".html", readable(record));
    std::cout << "wrote " << base.string() << ".json and " << base.string() << ".html ("
              << record.at("tables").as_object().size() << " kinds of record)\n";
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
