// senmap report class-map | calendar | provision-map | costs | analytics | exclusions | impact | evidence-pack:
// what a teacher opens, the whole-school reports a SENCO takes to senior leaders and governors, and
// the pack that goes with an EHC request. Each prints a table, or --json (the operation's response),
// or writes CSV / XLSX.
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

struct ReportOutput {
  bool as_json = false;
  std::string format = "table", out;
};

struct Filters {
  std::string year, area, status, pupil_premium, eal, looked_after, from, to;
  int wave = 0;
};

void add_output_options(CLI::App* cmd, ReportOutput& o) {
  cmd->add_flag("--json", o.as_json, "print the report as JSON (the operation's response)");
  cmd->add_option("--format", o.format,
                  "table (default), csv, xlsx, or html for a document (governors' report, handover pack)")
      ->check(CLI::IsMember({"table", "csv", "xlsx", "html"}));
  cmd->add_option("--out", o.out, "the file to write (xlsx, html; csv without --out prints)");
}

// The filters every whole-school report takes, as the operation's fields.
void add_pupil_filters(CLI::App* cmd, Filters& f, bool status_and_area) {
  cmd->add_option("--year", f.year, "only this NC year, e.g. 7");
  if (status_and_area) {
    cmd->add_option("--area", f.area,
                    "only pupils with this area of need (e.g. \"Cognition and learning\") or need code (e.g. SPLD)");
    cmd->add_option("--status", f.status, "K (SEN support) or E (EHC plan) only")->check(CLI::IsMember({"K", "E"}));
  }
  const auto yes_no = CLI::IsMember({"yes", "no"});
  cmd->add_option("--pupil-premium", f.pupil_premium,
                  "yes or no: pupil premium (FSM in the last six years, or looked after)")
      ->check(yes_no);
  cmd->add_option("--eal", f.eal, "yes or no: English as an additional language")->check(yes_no);
  cmd->add_option("--looked-after", f.looked_after, "yes or no: looked after")->check(yes_no);
}

json::object filter_request(const Filters& f) {
  json::object r;
  auto text = [&](const char* key, const std::string& v) {
    if (!v.empty()) r[key] = v;
  };
  auto flag = [&](const char* key, const std::string& v) {
    if (!v.empty()) r[key] = v == "yes";
  };
  text("year", f.year);
  text("area", f.area);
  text("status", f.status);
  flag("pupil_premium", f.pupil_premium);
  flag("eal", f.eal);
  flag("looked_after", f.looked_after);
  text("from", f.from);
  text("to", f.to);
  if (f.wave) r["wave"] = f.wave;
  return r;
}

// One way to show any report: JSON, a file, CSV on stdout, or a table on the terminal.
int show(const Globals& globals, const std::string& op, const json::object& request, const ReportOutput& o) {
  auto db = globals.open();
  auto text = json::serialize(request);
  try {
    if (o.as_json) {
      std::cout << db.call_operation(op, text) << '\n';
      return kExitOk;
    }
    if (o.format == "xlsx" || o.format == "html" || (o.format == "csv" && !o.out.empty())) {
      if (o.out.empty()) throw CLI::RequiredError("--out (the file to write)");
      db.export_report(op, text, o.format, o.out);
      std::cout << "Wrote " << o.out << '\n';
      return kExitOk;
    }
    print_report_table(std::cout, db.report_table_json(op, text), o.format == "csv");
    return kExitOk;
  } catch (const senmap_cpp::Error& e) {
    if (e.report().empty()) throw;
    const auto report = json::parse(e.report());  // held: see show_outbox
    for (const auto& err : report.at("errors").as_array()) {
      std::string field(err.at("field").as_string());
      std::cerr << "senmap: " << (field.empty() ? "" : field + ": ") << err.at("rule").as_string().c_str() << '\n';
    }
    return e.code() == SENMAP_EBADINPUT ? kExitBadInput : kExitFailure;
  }
}

}  // namespace

void add_report_command(CLI::App& app, const Globals& globals, int& exit_code) {
  struct ReportArgs {
    std::string class_id, teacher_id, format = "table", out;
    bool as_json = false;
  };
  auto report_args = std::make_shared<ReportArgs>();
  auto* report = app.add_subcommand("report", "Reports a teacher or SENCO opens: the class provision map, ...");
  report->require_subcommand(1);
  auto* class_map = report->add_subcommand("class-map", "The class provision map: pupils on the register in a class");
  auto* by_class = class_map->add_option("--class", report_args->class_id, "the class id (senmap classes lists them)");
  auto* by_teacher = class_map->add_option("--teacher", report_args->teacher_id,
                                           "a teacher's id: the maps of all their classes (all: every running class)");
  by_class->excludes(by_teacher);
  class_map->add_flag("--json", report_args->as_json, "print the map as JSON");
  class_map->add_option("--format", report_args->format, "table (default), csv or xlsx")
      ->check(CLI::IsMember({"table", "csv", "xlsx"}));
  class_map->add_option("--out", report_args->out, "the file to write (csv, xlsx; csv without --out prints)");
  class_map->callback([&globals, &exit_code, report_args] {
    if (report_args->class_id.empty() && report_args->teacher_id.empty())
      throw CLI::RequiredError("--class ID or --teacher ID (or --teacher all)");
    auto db = globals.open();
    bool teacher = !report_args->teacher_id.empty();
    std::string op = teacher ? "report.teacher_maps" : "report.class_map";
    json::object request;
    if (teacher && report_args->teacher_id != "all") request["teacher_id"] = report_args->teacher_id;
    if (!teacher) request["class_id"] = report_args->class_id;
    auto request_text = json::serialize(request);
    const auto& format = report_args->format;
    if ((format == "xlsx" || (format == "csv" && !report_args->out.empty()))) {
      if (report_args->out.empty()) throw CLI::RequiredError("--out (the file to write)");
      db.export_report(op, request_text, format, report_args->out);
      std::cout << "Wrote " << report_args->out << '\n';
      exit_code = kExitOk;
      return;
    }
    auto text = db.call_operation(op, request_text);
    if (report_args->as_json) {
      std::cout << text << '\n';
    } else if (teacher) {
      print_report_table(std::cout, db.report_table_json(op, request_text), format == "csv");
    } else {
      auto map = json::parse(text);
      std::vector<Row> rows;
      for (const auto& p : map.at("pupils").as_array()) {
        rows.push_back({std::string(p.at("upn").as_string()),
                        std::string(p.at("forename").as_string()) + " " + std::string(p.at("surname").as_string()),
                        std::string(p.at("status").as_string()), joined(p.at("needs"), "code"),
                        joined(p.at("provisions"), "name"),
                        p.at("next_review").is_string() ? std::string(p.at("next_review").as_string()) : "-"});
      }
      std::cout << map.at("class").at("title").as_string().c_str() << "\n";
      if (format == "csv")
        write_csv(std::cout, {"UPN", "Pupil", "Status", "Needs", "Provisions", "Next review"}, rows);
      else
        print_table(std::cout, {"UPN", "Pupil", "Status", "Needs", "Provisions", "Next review"}, rows);
    }
    exit_code = kExitOk;
  });

  auto calendar_out = std::make_shared<std::string>();
  auto* calendar = report->add_subcommand("calendar", "Review dates and EHC annual reviews as an .ics calendar");
  calendar->add_option("--out", *calendar_out, "the .ics file to write (default: print it)");
  calendar->callback([&globals, &exit_code, calendar_out] {
    auto db = globals.open();
    auto response = json::parse(db.call_operation("report.review_calendar", "{}"));
    std::string ics(response.at("ics").as_string());
    if (calendar_out->empty()) {
      std::cout << ics;
    } else {
      write_private_file(*calendar_out, ics);  // pupils' first names and their review dates
      std::cout << "Wrote " << response.at("events").as_array().size() << " review dates to " << *calendar_out << '\n';
    }
    exit_code = kExitOk;
  });

  struct Args {
    ReportOutput output;
    Filters filters;
    int terms = 0, academic_year = 0;
    std::string upn, school;
  };
  auto map = std::make_shared<Args>();
  auto* map_cmd =
      report->add_subcommand("provision-map", "The whole-school provision map: provisions, pupils, sessions and cost");
  add_pupil_filters(map_cmd, map->filters, true);
  map_cmd->add_option("--wave", map->filters.wave, "only provisions of this wave (1, 2 or 3)")->check(CLI::Range(1, 3));
  map_cmd->add_option("--from", map->filters.from,
                      "start of the period, YYYY-MM-DD (default: 1 August of this academic year)");
  map_cmd->add_option("--to", map->filters.to, "end of the period (default: 31 July)");
  add_output_options(map_cmd, map->output);
  map_cmd->callback([&globals, &exit_code, map] {
    exit_code = show(globals, "report.provision_map", filter_request(map->filters), map->output);
  });

  auto costs = std::make_shared<Args>();
  auto* costs_cmd =
      report->add_subcommand("costs", "Provision costs: per provision, per area of need, per need, per pupil, total");
  add_pupil_filters(costs_cmd, costs->filters, true);
  costs_cmd->add_option("--wave", costs->filters.wave, "only provisions of this wave (1, 2 or 3)")
      ->check(CLI::Range(1, 3));
  costs_cmd->add_option("--from", costs->filters.from,
                        "start of the period, YYYY-MM-DD (default: 1 August of this academic year)");
  costs_cmd->add_option("--to", costs->filters.to, "end of the period (default: 31 July)");
  add_output_options(costs_cmd, costs->output);
  costs_cmd->callback([&globals, &exit_code, costs] {
    exit_code = show(globals, "report.costs", filter_request(costs->filters), costs->output);
  });

  auto analytics = std::make_shared<Args>();
  auto* analytics_cmd = report->add_subcommand(
      "analytics",
      "The register by year and need against England, its trend, and attendance and attainment with and without SEN");
  add_pupil_filters(analytics_cmd, analytics->filters, false);
  analytics_cmd->add_option("--terms", analytics->terms, "census days in the trend (default 6)");
  analytics_cmd->add_option("--academic-year", analytics->academic_year,
                            "e.g. 2025 for 2025/26 (default: the latest held)");
  add_output_options(analytics_cmd, analytics->output);
  analytics_cmd->callback([&globals, &exit_code, analytics] {
    auto request = filter_request(analytics->filters);
    if (analytics->terms) request["terms"] = analytics->terms;
    if (analytics->academic_year) request["academic_year"] = analytics->academic_year;
    exit_code = show(globals, "report.register_analytics", request, analytics->output);
  });

  auto exclusions = std::make_shared<Args>();
  auto* exclusions_cmd =
      report->add_subcommand("exclusions",
                             "Suspensions (from exclusion records or the register's E marks) and permanent exclusions "
                             "per 100 pupils, with and without SEN, beside England's");
  add_pupil_filters(exclusions_cmd, exclusions->filters, false);
  exclusions_cmd->add_option("--academic-year", exclusions->academic_year,
                             "e.g. 2026 for 2026/27 (default: the latest with marks held)");
  add_output_options(exclusions_cmd, exclusions->output);
  exclusions_cmd->callback([&globals, &exit_code, exclusions] {
    auto request = filter_request(exclusions->filters);
    if (exclusions->academic_year) request["academic_year"] = exclusions->academic_year;
    exit_code = show(globals, "report.exclusions", request, exclusions->output);
  });

  auto gaps = std::make_shared<Args>();
  auto* gaps_cmd = report->add_subcommand(
      "attainment-gaps",
      "On each assessment measure, pupils without SEN against pupils with SEN term by term: closing or widening");
  add_pupil_filters(gaps_cmd, gaps->filters, false);
  gaps_cmd->add_option("--terms", gaps->terms, "the last terms with results per measure (default 6)");
  add_output_options(gaps_cmd, gaps->output);
  gaps_cmd->callback([&globals, &exit_code, gaps] {
    auto request = filter_request(gaps->filters);
    if (gaps->terms) request["terms"] = gaps->terms;
    exit_code = show(globals, "report.attainment_gaps", request, gaps->output);
  });

  auto budget = std::make_shared<Args>();
  auto* budget_cmd = report->add_subcommand(
      "budget", "The SEND budget against spend: income entered for the year against the costed provision map");
  budget_cmd->add_option("--academic-year", budget->academic_year, "e.g. 2026 for 2026/27 (default: this one)");
  budget_cmd->add_option("--school", budget->school, "one school of a trust's database, as LA-Estab");
  add_output_options(budget_cmd, budget->output);
  budget_cmd->callback([&globals, &exit_code, budget] {
    json::object request;
    if (budget->academic_year) request["academic_year"] = budget->academic_year;
    if (!budget->school.empty()) request["school"] = budget->school;
    exit_code = show(globals, "report.budget", request, budget->output);
  });

  // Reports of one school's (or every school's) figures, taking only --school.
  auto school_report = [&](const char* name, const char* operation, const char* help) {
    auto args = std::make_shared<Args>();
    auto* cmd = report->add_subcommand(name, help);
    cmd->add_option("--school", args->school, "one school of a trust's database, as LA-Estab");
    add_output_options(cmd, args->output);
    cmd->callback([&globals, &exit_code, args, operation] {
      json::object request;
      if (!args->school.empty()) request["school"] = args->school;
      exit_code = show(globals, operation, request, args->output);
    });
  };
  school_report("senco-time", "report.senco_time",
                "SENCO time across the schools: hours a week and standing against the register and EHC plans");
  school_report("staff-skills", "report.staff_skills",
                "The staff SEND skills audit: training and confidence by area of need against the register's needs");
  school_report("governors", "report.governors",
                "The governors' SEND report: every governor question answered in figures, aggregates only, with what "
                "moved (--format html --out FILE: a printable document)");
  school_report("ta-deployment", "report.ta_deployment",
                "TA deployment: hours each TA leads provisions, pupils assigned, classes supported, each pupil's share "
                "of support from TAs against their measured progress");
  school_report("sen-information", "report.sen_information",
                "The SEN Information Report: each statutory section drafted from the school's figures or as you "
                "edited it (--format html --out FILE: the document for the website)");
  school_report("handover", "report.handover",
                "The SENCO's handover pack: EHC plans and next dates, assessments, reviews due, register, budget, "
                "flags, agencies, training gaps (--format html --out FILE: a printable document; it names pupils)");
  school_report("agencies", "agency.list",
                "The agency directory: contacts, offers, referral routes, pupils involved now, waits seen");

  auto impact = std::make_shared<Args>();
  auto* impact_cmd = report->add_subcommand(
      "impact",
      "Which provisions moved pupils: gains, effect sizes with 95% intervals, cost per pupil and per unit of effect");
  impact_cmd->add_option("--provision", impact->filters.wave, "one provision's id (default: all)");
  add_output_options(impact_cmd, impact->output);
  impact_cmd->callback([&globals, &exit_code, impact] {
    json::object request;
    if (impact->filters.wave) request["provision_id"] = impact->filters.wave;
    exit_code = show(globals, "report.impact", request, impact->output);
  });

  auto pack = std::make_shared<Args>();
  auto* pack_cmd = report->add_subcommand(
      "evidence-pack", "A pupil's evidence for an EHC needs assessment request: the chronology and the gaps");
  pack_cmd->add_option("UPN", pack->upn, "the pupil's UPN")->required();
  add_output_options(pack_cmd, pack->output);
  pack_cmd->callback([&globals, &exit_code, pack] {
    exit_code = show(globals, "report.evidence_pack", json::object{{"upn", pack->upn}}, pack->output);
  });
}

}  // namespace senmap_cli
