// senmap backup --out DIR | restore DIR | audit archive --before DATE --out FILE: the database and its
// audit file copied, put back and trimmed (the backup.create, backup.restore and audit.archive operations)
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;
namespace {

void say_copy(const char* what, const json::value& r) {
  std::cout << what << " " << value_text(r.at("database")) << " (" << value_text(r.at("database_bytes"))
            << " bytes, schema " << value_text(r.at("schema_version")) << ") and " << value_text(r.at("audit_file"))
            << " (" << value_text(r.at("audit_file_bytes")) << " bytes); both pass PRAGMA integrity_check\n";
}

}  // namespace

void add_backup_command(CLI::App& app, const Globals& globals, int& exit_code) {
  struct BackupArgs {
    std::string out, from, before;
    bool as_json = false;
  };
  auto args = std::make_shared<BackupArgs>();
  auto* backup = app.add_subcommand(
      "backup", "Copy the database and its audit file (OUT/senmap.db, OUT/senmap-audit.db) while sync and serve run");
  backup->add_option("--out", args->out, "a new or empty folder for the copy")->required();
  backup->add_flag("--json", args->as_json, "print the result as JSON");
  backup->callback([&globals, &exit_code, args] {
    auto r = call(globals, "backup.create", {{"out", args->out}});
    if (args->as_json)
      std::cout << json::serialize(r) << "\n";
    else
      say_copy("backed up to", r);
    exit_code = kExitOk;
  });

  auto* restore = app.add_subcommand(
      "restore",
      "Put a backup (a folder from senmap backup) in place of the database and its audit file, checked first");
  restore->add_option("DIR", args->from, "the backup folder")->required();
  restore->add_flag("--json", args->as_json, "print the result as JSON");
  restore->callback([&globals, &exit_code, args] {
    auto r = call(globals, "backup.restore", {{"from", args->from}});
    if (args->as_json) {
      std::cout << json::serialize(r) << "\n";
    } else {
      say_copy("restored", r);
      std::cout << "into " << value_text(r.at("restored_into")) << "\n";
    }
    exit_code = kExitOk;
  });

  auto* audit = app.add_subcommand("audit", "The audit trail: who read and changed which pupil's SEN record");
  audit->require_subcommand(1);
  auto* archive = audit->add_subcommand(
      "archive",
      "Move audit and access log rows from before a date to a file kept under the school's retention schedule");
  archive->add_option("--before", args->before, "rows from before this day (YYYY-MM-DD) move")->required();
  archive->add_option("--out", args->out, "the archive file (SQLite; appended to if it exists)")->required();
  archive->add_flag("--json", args->as_json, "print the result as JSON");
  archive->callback([&globals, &exit_code, args] {
    auto r = call(globals, "audit.archive", {{"before", args->before}, {"out", args->out}});
    if (args->as_json)
      std::cout << json::serialize(r) << "\n";
    else
      std::cout << "moved " << value_text(r.at("audit_rows_moved")) << " audit and "
                << value_text(r.at("access_rows_moved")) << " access log rows from before "
                << value_text(r.at("before")) << " to " << value_text(r.at("file")) << "; "
                << value_text(r.at("audit_rows_left")) << " and " << value_text(r.at("access_rows_left"))
                << " remain\n";
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
