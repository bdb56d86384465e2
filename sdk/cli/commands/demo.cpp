// senmap demo [--dir DIR]: a demo school generated, synced and shown
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "cli.hpp"
#include "demo_seed.hpp"
#include "demo_year.hpp"
#include "generate_options.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

std::string year_name(int year) {
  return std::to_string(year) + "/" + std::to_string((year + 1) % 100);
}

// The demo school: a 2,000-pupil secondary, the size the benchmarks use, set up as a school's
// nightly job is: its MIS exports in drop folders, a config with its term dates, and a sync.
// Its school year is the one holding today, so a term is running and reviews are coming up.
int run_demo(const std::string& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  auto config = (fs::path(dir) / "senmap.toml").string();
  auto db_path = (fs::path(dir) / "senmap.db").string();
  const DemoYear year = demo_year(utc_today());
  GenerateArgs school;
  school.seed = 2026;
  school.year = year.academic_year;
  auto started = std::chrono::steady_clock::now();
  // Exported today, as the school's nightly job would: nothing after today is in the files.
  const std::string as_of = text(year.today);
  auto options_for_today = to_options(school);
  options_for_today.as_of = as_of.c_str();
  senmap_cpp::generate_trust(dir, 1, options_for_today);
  // The MIS's bulk-import file: flags and notes are written back to it (senmap writeback).
  {
    std::ofstream toml(config, std::ios::app);
    toml << "\n# Flags and notes for the MIS's bulk import (senmap writeback).\n[[writeback]]\nkind = \"csv\"\npath = "
            "\"writeback/senmap-for-mis.csv\"\n";
  }
  fs::create_directories(fs::path(dir) / "writeback");
  std::cout
      << "Generated a synthetic 2,000-pupil secondary school (no real pupil data): its CTF and OneRoster exports, "
         "and a config with its term dates: "
      << config << "\nSchool year " << year_name(year.academic_year) << ", as of " << text(year.today) << "\n";
  bool fresh = !fs::exists(db_path);
  char* out = nullptr;
  senmap_sync_options options = SENMAP_SYNC_OPTIONS_INIT;
  int rc = senmap_sync(&out, config.c_str(), &options);
  std::string sync_text = out ? out : "";
  senmap_free(out);
  if (rc != SENMAP_OK) throw senmap_cpp::Error(rc, sync_text.empty() ? senmap_error_last() : sync_text);
  auto summary = json::parse(sync_text);
  // What the nightly job would warn about (e.g. no current term) is shown, not hidden.
  if (const auto* warnings = summary.as_object().if_contains("warnings"))
    for (const auto& w : warnings->as_array()) std::cout << "Sync warning: " << w.as_string().c_str() << "\n";
  auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& source : summary.at("sources").as_array())
    for (const auto& report : source.at("reports").as_array()) {
      if (report.at("source").as_string() != "ctf") continue;
      const auto& p = report.at("pupils");
      std::cout << "Synced into " << db_path << ": " << p.at("added") << " added, " << p.at("changed") << " changed, "
                << p.at("unchanged") << " unchanged"
                << (report.at("skipped_unchanged").as_bool() ? " (file already imported)" : "") << " in "
                << static_cast<int>(elapsed * 1000) << " ms (the nightly job: senmap sync --config " << config
                << ")\n\n";
    }
  senmap_cpp::Database db(db_path, "demo");

  print_summary(std::cout, json::parse(db.register_summary_json()));
  // The SENCO's year so far, recorded through the operations layer (only into a new database).
  std::string class_id = fresh ? "" : busiest_class(db);
  if (fresh) {
    auto seed = seed_demo_provision(db, year);
    class_id = seed.class_id;
    std::cout << "\nProvision map: " << seed.provisions << " provisions in the catalogue, " << seed.placements
              << " pupils placed, " << seed.sessions << " sessions recorded, " << seed.cycles
              << " assess-plan-do-review cycles (" << seed.reviews << " reviewed; " << seed.awaiting_assessment
              << " pupils new to the register await their first), " << seed.ehc_plans + seed.ehc_plans_held
              << " EHC plans on the statutory clock (" << seed.ehc_plans_held << " recorded as already held)\n";
    // The year so far: nothing after today has been delivered.
    json::object period{{"from", text(year.costs_from())}, {"to", text(year.today)}};
    auto costs = json::parse(db.call_operation("report.costs", json::serialize(period)));
    std::cout << "Provision costs " << year_name(year.academic_year) << " so far ("
              << period.at("from").as_string().c_str() << " to " << period.at("to").as_string().c_str()
              << "): " << money_text(costs.at("total").at("cost")) << " for " << costs.at("total").at("pupils")
              << " pupils (senmap --db " << db_path << " report costs; report provision-map; report analytics)\n";
    auto budget = json::parse(
        db.call_operation("report.budget", json::serialize(json::object{{"academic_year", year.academic_year}})));
    std::cout << "SEND budget " << year_name(year.academic_year) << ": " << money_text(budget.at("income").at("total"))
              << " entered (notional budget, " << seed.top_ups << " EHC plan top-ups, an inclusion fund) against "
              << money_text(budget.at("spend").at("total")) << " of provision for the year (senmap --db " << db_path
              << " report budget)\n";
    auto skills = json::parse(db.call_operation("report.staff_skills", "{}"));
    std::string most;
    for (const auto& m : skills.at("training_most_needed").as_array())
      most += (most.empty() ? "" : ", ") + std::string(m.at("area").as_string()) + " (" +
              json::serialize(m.at("staff")) + " staff)";
    std::cout << "Agencies: " << seed.team.agencies << " in the directory, " << seed.team.involvements
              << " involvements with pupils, " << seed.team.advice << " reports' advice kept with cycles (senmap --db "
              << db_path << " report agencies; agency team UPN)\n"
              << "Staff SEND skills: " << seed.team.courses << " courses, " << seed.team.ratings
              << " staff rated their confidence; training most needed in " << (most.empty() ? "no area" : most)
              << " (senmap --db " << db_path << " report staff-skills)\n";
    // The governors' report from the demo's own data, as the printable file a SENCO sends.
    const auto governors = (fs::path(dir) / "governors-report.html").string();
    db.export_report("report.governors", "{}", "html", governors);
    auto report = json::parse(db.call_operation("report.governors", "{}"));
    std::cout << "Governors' SEND report: " << governors << " (" << report.at("commentary").as_array().size()
              << " points on what moved; groups under 5 pupils hidden; senmap --db " << db_path
              << " report governors --format html --out FILE)\n";
    const auto information = (fs::path(dir) / "sen-information-report.html").string();
    db.export_report("report.sen_information", "{}", "html", information);
    std::cout << "SEN Information Report draft: " << information << " (15 sections from the school's figures, to "
              << "edit: senmap --db " << db_path << " sen-information edit SECTION --text ...)\n";
    const auto handover = (fs::path(dir) / "handover-pack.html").string();
    db.export_report("report.handover", "{}", "html", handover);
    std::cout << "SENCO handover pack: " << handover << " (EHC plans and next dates, reviews due, budget, flags, "
              << "agencies, training gaps; it names pupils)\n";
  }
  // The rules over the year just recorded (every sync runs them too): flags with their evidence.
  auto run = json::parse(db.call_operation("flags.run", "{}"));
  auto flags = json::parse(db.call_operation("flags.list", "{}")).at("flags").as_array();
  std::map<std::string, int> by_severity;
  for (const auto& f : flags) ++by_severity[std::string(f.at("severity").as_string())];
  std::cout << "\nFlags: " << flags.size() << " active (" << by_severity["high"] << " high, " << by_severity["medium"]
            << " medium, " << by_severity["low"] << " low; " << run.at("raised") << " new today), for example:\n";
  // One of each rule first (most severe first, as listed), so the demo shows the range.
  std::vector<Row> flag_rows;
  std::set<std::string> shown;
  for (const auto& f : flags) {
    std::string rule(f.at("rule").as_string());
    if (flag_rows.size() == 8 || shown.count(rule)) continue;
    shown.insert(rule);
    flag_rows.push_back({rule, std::string(f.at("severity").as_string()), std::string(f.at("pupil").as_string()),
                         std::string(f.at("explanation").as_string())});
  }
  print_table(std::cout, {"Rule", "Severity", "Pupil", "Evidence"}, flag_rows);
  std::cout << "All of them: senmap --db " << db_path << " flags\n";
  auto sent = json::parse(db.call_operation("writeback.run", "{}")).at("targets");
  for (const auto& [name, r] : sent.as_object())
    std::cout << "Written back for the MIS (" << std::string(name) << " target, "
              << (fs::path(dir) / "writeback" / "senmap-for-mis.csv").string() << "): " << r.at("delivered")
              << " items (senmap outbox shows them)\n";
  auto ctf_for_mis = (fs::path(dir) / "writeback" / "senmap-register-ctf.xml").string();
  auto exported = json::parse(db.export_ctf(ctf_for_mis));
  std::cout << "The register as a CTF 25 for the MIS: " << ctf_for_mis << " (" << exported.at("pupils") << " pupils)\n";
  auto rows = register_rows(json::parse(db.register_json()));
  std::cout << "\nThe register (first 15 of " << rows.size() << "; all: senmap --db " << db_path << " register)\n";
  if (rows.size() > 15) rows.resize(15);
  print_table(std::cout, register_headers(), rows);
  if (!class_id.empty()) {
    auto map =
        json::parse(db.call_operation("report.class_map", json::serialize(json::object{{"class_id", class_id}})));
    std::vector<Row> map_rows;
    for (const auto& p : map.at("pupils").as_array()) {
      map_rows.push_back({std::string(p.at("forename").as_string()) + " " + std::string(p.at("surname").as_string()),
                          std::string(p.at("status").as_string()), joined(p.at("needs"), "code"),
                          joined(p.at("provisions"), "name"), joined(p.at("strategies"), nullptr),
                          p.at("next_review").is_string() ? std::string(p.at("next_review").as_string()) : "-"});
    }
    std::cout << "\nClass provision map: " << map.at("class").at("title").as_string().c_str() << " (" << map_rows.size()
              << " pupils on the register)\n";
    print_table(std::cout, {"Pupil", "Status", "Needs", "Provisions", "Strategies", "Next review"}, map_rows);
    std::cout << "\nFor Excel: senmap --db " << db_path << " report class-map --class " << class_id
              << " --format xlsx --out class-map.xlsx\n";
  }
  if (!rows.empty())
    std::cout << "One pupil's record: senmap --db " << db_path << " pupil " << rows.front().front() << "\n";
  return kExitOk;
}

}  // namespace

void add_demo_command(CLI::App& app, const Globals& /*globals*/, int& exit_code) {
  auto dir = std::make_shared<std::string>("senmap-demo");
  auto* demo = app.add_subcommand("demo", "Generate a demo school, sync it into SQLite, show the register");
  demo->add_option("--dir", *dir, "folder for the demo's CTF and database")->capture_default_str();
  demo->callback([&exit_code, dir] { exit_code = run_demo(*dir); });
}

}  // namespace senmap_cli
