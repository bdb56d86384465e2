// senmap: the command line host. It uses only the public API (senmap.h / senmap.hpp).
#include <cstdlib>
#include <iostream>

#include "cli.hpp"

namespace senmap_cli {

senmap_cpp::Database Globals::open(bool create) const {
  if (!db_path.empty()) return senmap_cpp::Database(db_path, actor, create);
  if (!config_path.empty()) return senmap_cpp::Database::from_config(config_path, actor, create);
  throw CLI::RequiredError("--db (the senmap database file) or --config (a senmap config naming it)");
}

}  // namespace senmap_cli

// A function-try-block: building the command line itself may throw too (CLI11 refuses an option
// added twice; memory), and that is reported like any failure rather than escaping main.
int main(int argc, char** argv) try {
  using namespace senmap_cli;
  CLI::App app{"senmap: the SEN register, provision map and graduated approach, fed from the school's MIS"};
  app.require_subcommand(1);
  // --db, --config and --actor may come after the command too (`senmap sync --config FILE`).
  app.fallthrough();
  app.set_version_flag("--version", std::string("senmap ") + senmap_cpp::version());
  Globals globals;
  const char* user = std::getenv("USER");
  globals.actor = std::string("cli:") + (user ? user : "unknown");
  app.add_option("--db", globals.db_path, "SQLite database file (created by commands that import)");
  app.add_option("--config", globals.config_path, "senmap TOML config: its database is used when --db is not given")
      ->envname("SENMAP_CONFIG");
  app.add_option("--actor", globals.actor, "who is acting, for the audit log (default cli:$USER)");

  int exit_code = kExitOk;
  // In the order senmap --help lists them.
  add_import_command(app, globals, exit_code);
  add_register_command(app, globals, exit_code);
  add_classes_command(app, globals, exit_code);
  add_pupil_command(app, globals, exit_code);
  add_generate_command(app, globals, exit_code);
  add_demo_command(app, globals, exit_code);
  add_sync_command(app, globals, exit_code);
  add_runs_command(app, globals, exit_code);
  add_call_command(app, globals, exit_code);
  add_report_command(app, globals, exit_code);
  add_provision_command(app, globals, exit_code);
  add_ops_command(app, globals, exit_code);
  add_flags_command(app, globals, exit_code);
  add_flag_command(app, globals, exit_code);
  add_export_command(app, globals, exit_code);
  add_writeback_command(app, globals, exit_code);
  add_outbox_command(app, globals, exit_code);
  add_place_command(app, globals, exit_code);
  add_placement_command(app, globals, exit_code);
  add_session_command(app, globals, exit_code);
  add_cycle_command(app, globals, exit_code);
  add_ehcp_command(app, globals, exit_code);
  add_needs_command(app, globals, exit_code);
  add_serve_command(app, globals, exit_code);
  add_staff_command(app, globals, exit_code);
  add_token_command(app, globals, exit_code);
  add_ta_command(app, globals, exit_code);
  add_launch_command(app, globals, exit_code);
  add_calendar_command(app, globals, exit_code);
  add_backup_command(app, globals, exit_code);
  add_leavers_command(app, globals, exit_code);
  add_exclusion_command(app, globals, exit_code);
  add_budget_command(app, globals, exit_code);
  add_agency_command(app, globals, exit_code);
  add_sen_information_command(app, globals, exit_code);
  add_senco_command(app, globals, exit_code);
  add_transfer_command(app, globals, exit_code);
  add_intake_command(app, globals, exit_code);
  add_access_command(app, globals, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  } catch (const senmap_cpp::Error& e) {
    std::cerr << "senmap: " << e.what() << "\n";
    return e.code() == SENMAP_EBADINPUT || e.code() == SENMAP_ECONFIG ? kExitBadInput : kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "senmap: " << e.what() << "\n";
    return kExitFailure;
  }
  return exit_code;
} catch (const std::exception& e) {
  std::cerr << "senmap: " << e.what() << "\n";
  return senmap_cli::kExitFailure;
}
