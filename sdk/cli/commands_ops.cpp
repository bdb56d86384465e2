// senmap call OP [JSON | -], senmap ops [--json]: the operations layer, generically.
#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

int run_call(const Globals& globals, const std::string& operation, std::string request) {
  if (request == "-") request.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  auto db = globals.open(/*create=*/true);  // operations may record the school's first data
  try {
    std::cout << db.call_operation(operation, request) << '\n';
    return kExitOk;
  } catch (const senmap_cpp::Error& e) {
    if (e.report().empty()) throw;
    // Refused or not found: the errors as JSON on stdout for scripts, the reason on stderr.
    std::cout << e.report() << '\n';
    std::cerr << "senmap: " << e.what() << '\n';
    return e.code() == SENMAP_EBADINPUT ? kExitBadInput : kExitFailure;
  }
}

}  // namespace

void add_ops_commands(CLI::App& app, const Globals& globals, int& exit_code) {
  struct CallArgs {
    std::string operation, request;
  };
  auto args = std::make_shared<CallArgs>();
  auto* call = app.add_subcommand("call", "Run any operation with a JSON request (see senmap ops)");
  call->add_option("OP", args->operation, "the operation, e.g. ehcp.get")->required();
  call->add_option("JSON", args->request, "the request as a JSON object, or - to read it from stdin");
  call->footer("Prints the response as JSON. Exit status 2 with {\"errors\":[...]} when the request is refused.");
  call->callback([&globals, &exit_code, args] { exit_code = run_call(globals, args->operation, args->request); });

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
        auto list = [](const json::value& items, const char* key) {
          std::string out;
          for (const auto& i : items.as_array())
            out += (out.empty() ? "" : "; ") + std::string(key ? i.at(key).as_string() : i.as_string());
          return out;
        };
        rows.push_back({std::string(p.at("upn").as_string()),
                        std::string(p.at("forename").as_string()) + " " + std::string(p.at("surname").as_string()),
                        std::string(p.at("status").as_string()), list(p.at("needs"), "code"),
                        list(p.at("provisions"), "name"),
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

  struct ProvisionArgs {
    std::string file, format = "csv", out;
  };
  auto prov = std::make_shared<ProvisionArgs>();
  auto* provision =
      app.add_subcommand("provision", "The provision catalogue: list, add, import from or export to a spreadsheet");
  provision->require_subcommand(1);
  provision->add_subcommand("list", "The catalogue with each provision's cost per pupil")
      ->callback([&globals, &exit_code] {
        auto db = globals.open();
        auto list = json::parse(db.call_operation("provision.list", "{}"));
        std::vector<Row> rows;
        for (const auto& p : list.at("provisions").as_array()) {
          rows.push_back({json::serialize(p.at("id")), std::string(p.at("name").as_string()),
                          json::serialize(p.at("wave")), std::string(p.at("delivered_by").as_string()),
                          money_text(p.at("cost_per_pupil"))});
        }
        print_table(std::cout, {"Id", "Provision", "Wave", "Delivered by", "Cost per pupil"}, rows);
        exit_code = kExitOk;
      });
  auto* import_cmd =
      provision->add_subcommand("import", "Add provisions from a spreadsheet: CSV or Excel .xlsx (all rows or none)");
  import_cmd
      ->add_option("FILE", prov->file, "a .csv or .xlsx (its first sheet) with the provision.create fields as columns")
      ->required()
      ->check(CLI::ExistingFile);
  import_cmd->footer(
      "The first row names the columns: name, areas (separated by ;), wave, delivered_by, group_size, "
      "sessions_per_week, minutes_per_session, weeks, staff_hourly_cost, and optionally description, resource_cost, "
      "entry_criteria, exit_criteria, measure, evidence_rating, measure_subject (\"Sessions per week\" reads too). "
      "senmap provision export writes such a file. Any problem is listed as FILE:ROW: field: rule and nothing "
      "is imported (exit status 2).");
  import_cmd->callback([&globals, &exit_code, prov] {
    auto db = globals.open(/*create=*/true);
    try {
      auto report = json::parse(db.import_provisions(prov->file));
      std::cout << "Imported " << report.at("created") << " provisions from " << prov->file << '\n';
      exit_code = kExitOk;
    } catch (const senmap_cpp::Error& e) {
      if (e.report().empty()) throw;
      auto report = json::parse(e.report());
      for (const auto& p : report.at("problems").as_array()) {
        // Line 0: the file as a whole (not a workbook, no sheet); otherwise the CSV line or the sheet's row.
        std::cerr << p.at("file").as_string().c_str();
        if (p.at("line").to_number<std::int64_t>() > 0) std::cerr << ":" << p.at("line");
        if (!p.at("field").as_string().empty()) std::cerr << ": " << p.at("field").as_string().c_str();
        std::cerr << ": " << p.at("rule").as_string().c_str() << '\n';
      }
      std::cerr << "senmap: nothing was imported\n";
      exit_code = kExitBadInput;
    }
  });
  auto* export_cmd = provision->add_subcommand("export", "Write the catalogue as CSV or XLSX (columns import back)");
  export_cmd->add_option("--format", prov->format, "csv or xlsx")->check(CLI::IsMember({"csv", "xlsx"}));
  export_cmd->add_option("--out", prov->out, "the file to write")->required();
  export_cmd->callback([&globals, &exit_code, prov] {
    auto db = globals.open();
    db.export_report("provision.list", "{}", prov->format, prov->out);
    std::cout << "Wrote " << prov->out << '\n';
    exit_code = kExitOk;
  });

  auto as_json = std::make_shared<bool>(false);
  auto* ops = app.add_subcommand("ops", "List the operations and their input fields");
  ops->add_flag("--json", *as_json, "print them as JSON");
  ops->callback([&exit_code, as_json] {
    auto text = senmap_cpp::operations_json();
    if (*as_json) {
      std::cout << text << '\n';
    } else {
      auto list = json::parse(text);
      for (const auto& op : list.as_array()) {
        std::cout << op.at("name").as_string().c_str() << "  " << op.at("summary").as_string().c_str() << '\n';
        for (const auto& f : op.at("fields").as_array())
          std::cout << "    " << f.at("name").as_string().c_str() << " (" << f.at("type").as_string().c_str()
                    << (f.at("required").as_bool() ? ", required" : "") << ")  "
                    << f.at("description").as_string().c_str() << '\n';
      }
    }
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
