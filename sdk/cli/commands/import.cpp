// senmap import ctf FILE... [--lenient] [--json], senmap import oneroster PATH..., senmap import batch FILE...
#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

struct ImportArgs {
  std::string kind;  // ctf | oneroster | batch
  std::vector<std::string> files;
  bool lenient = false;
  bool as_json = false;
};

void describe(std::ostream& out, const json::value& report) {
  const auto& p = report.at("pupils");
  out << report.at("file").as_string().c_str() << ": ";
  if (report.at("skipped_unchanged").as_bool()) {
    out << "already imported (same checksum): nothing changed\n";
    return;
  }
  if (!report.at("applied").as_bool()) {
    out << "refused, " << report.at("problems").as_array().size() << " problem(s); nothing was imported\n";
    return;
  }
  if (report.at("source").as_string() == "host") {
    out << "applied batch of " << report.at("ctf_datetime").as_string().c_str() << ": " << p.at("in_file")
        << " pupils, " << p.at("added") << " added, " << p.at("changed") << " changed, " << p.at("unchanged")
        << " unchanged, " << p.at("left") << " marked left";
    for (const auto& [kind, count] : report.at("details").as_object())
      if (kind == "classes" || kind == "staff" || kind == "enrollments") out << ", " << kind << " " << count;
    out << '\n';
    return;
  }
  if (report.at("source").as_string() == "oneroster") {
    out << "imported OneRoster " << report.at("ctf_version").as_string().c_str() << " bundle:";
    for (const auto& [kind, count] : report.at("details").as_object()) out << " " << kind << " " << count << ",";
    out << " " << report.at("warnings").as_array().size() << " warning(s)\n";
    return;
  }
  out << "imported CTF " << report.at("ctf_version").as_string().c_str() << " of "
      << report.at("ctf_datetime").as_string().c_str() << ": " << p.at("in_file") << " pupils, " << p.at("added")
      << " added, " << p.at("changed") << " changed, " << p.at("unchanged") << " unchanged";
  if (p.at("rejected").to_number<std::int64_t>() > 0) out << ", " << p.at("rejected") << " rejected";
  if (p.at("not_applied").to_number<std::int64_t>() > 0) out << ", " << p.at("not_applied") << " held newer data";
  out << '\n';
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw std::runtime_error(path + ": cannot be read");
  return text.str();
}

// A batch from a file: its problems name the file, not the function that read it.
void name_the_file(json::value& report, const std::string& path) {
  auto& object = report.as_object();
  object["file"] = path;
  for (auto key : {"problems", "warnings"})
    for (auto& problem : object[key].as_array()) problem.as_object()["file"] = path;
}

int run_import(const Globals& globals, const ImportArgs& args) {
  auto db = globals.open(/*create=*/true);
  int exit_code = kExitOk;
  json::array reports;
  // Each file is its own transaction: one refused file leaves the others' imports standing.
  for (const auto& file : args.files) {
    json::value report;
    try {
      report = json::parse(args.kind == "oneroster" ? db.import_oneroster(file, args.lenient)
                           : args.kind == "batch"   ? db.ingest(file_text(file))
                                                    : db.import_ctf(file, args.lenient));
    } catch (const senmap_cpp::Error& e) {
      if (e.code() != SENMAP_EBADINPUT || e.report().empty()) throw;
      report = json::parse(e.report());
      exit_code = kExitBadInput;
    }
    if (args.kind == "batch") name_the_file(report, file);
    if (!args.as_json) {
      describe(std::cout, report);
      if (!report.at("problems").as_array().empty()) print_problems(std::cerr, report.at("problems"));
      if (!report.at("warnings").as_array().empty()) print_problems(std::cerr, report.at("warnings"));
    }
    // Lenient imports still exit 2 when pupils were rejected: a cron job should notice.
    if (!report.at("problems").as_array().empty()) exit_code = kExitBadInput;
    reports.push_back(std::move(report));
  }
  if (args.as_json) std::cout << json_text(reports) << '\n';
  return exit_code;
}

}  // namespace

void add_import_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* import = app.add_subcommand("import", "Import MIS data into the database");
  import->require_subcommand(1);
  auto ctf_args = std::make_shared<ImportArgs>();
  ctf_args->kind = "ctf";
  auto* ctf = import->add_subcommand("ctf", "Import DfE Common Transfer Files (CTF 23 to 26)");
  ctf->add_option("FILE", ctf_args->files, "CTF XML files, each imported as one transaction")
      ->required()
      ->check(CLI::ExistingFile);
  ctf->add_flag("--lenient", ctf_args->lenient,
                "import the valid pupils and report the rejected ones (default: refuse a file with any problem)");
  ctf->add_flag("--json", ctf_args->as_json, "print the import reports as JSON");
  ctf->callback([&globals, &exit_code, ctf_args] { exit_code = run_import(globals, *ctf_args); });

  auto roster_args = std::make_shared<ImportArgs>();
  roster_args->kind = "oneroster";
  auto* roster = import->add_subcommand("oneroster", "Import OneRoster 1.2 CSV bundles (a folder or a .zip)");
  roster->add_option("PATH", roster_args->files, "bundle folders or zip files, each imported as one transaction")
      ->required()
      ->check(CLI::ExistingPath);
  roster->add_flag("--lenient", roster_args->lenient,
                   "apply what is valid and report the rest (default: refuse a bundle with any problem)");
  roster->add_flag("--json", roster_args->as_json, "print the import reports as JSON");
  roster->callback([&globals, &exit_code, roster_args] { exit_code = run_import(globals, *roster_args); });

  auto batch_args = std::make_shared<ImportArgs>();
  batch_args->kind = "batch";
  auto* batch = import->add_subcommand(
      "batch", "Apply senmap.ingest/1 JSON batches, as a host does through senmap_ingest (docs/ingest.md)");
  batch->add_option("FILE", batch_args->files, "batch files, each applied as one transaction")
      ->required()
      ->check(CLI::ExistingFile);
  batch->add_flag("--json", batch_args->as_json, "print the reports as JSON");
  batch->callback([&globals, &exit_code, batch_args] { exit_code = run_import(globals, *batch_args); });
}

}  // namespace senmap_cli
