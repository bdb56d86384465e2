// The senmap command line: shared state and the commands' registration functions.
#pragma once
#include <CLI/CLI.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <string>

#include "senmap/senmap.hpp"

namespace senmap_cli {

// Exit codes scripts and cron rely on.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitUsage = 64;

struct Globals {
  std::string db_path;
  std::string config_path;  // --config: the database it names, when --db is not given
  std::string actor;
  // Opens the database named by --db, or explains that one is needed. Only commands that
  // write (import) create it: a mistyped path for a read is an error, not a new empty school.
  senmap_cpp::Database open(bool create = false) const;
};

// One per top-level command, each in commands/<command>.cpp: adds `senmap <command>` (and its
// subcommands) to `app`; the callbacks set `exit_code`. main.cpp registers them in the order
// `senmap --help` lists them.
void add_import_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_register_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_classes_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_pupil_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_generate_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_demo_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_sync_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_runs_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_call_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_report_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_provision_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_ops_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_flags_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_flag_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_export_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_writeback_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_outbox_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_place_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_placement_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_session_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_cycle_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_ehcp_command(CLI::App& app, const Globals& globals, int& exit_code);
// The annual review's steps under `senmap ehcp` (commands/ehcp_review.cpp); `say_plan` prints a plan.
void add_ehcp_review_commands(CLI::App* ehcp, const Globals& globals, int& exit_code,
                              const std::function<void(const boost::json::value&)>& say_plan);
void add_needs_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_serve_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_staff_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_token_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_ta_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_launch_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_calendar_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_backup_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_leavers_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_exclusion_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_budget_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_agency_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_sen_information_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_senco_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_transfer_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_intake_command(CLI::App& app, const Globals& globals, int& exit_code);
void add_access_command(CLI::App& app, const Globals& globals, int& exit_code);

}  // namespace senmap_cli
