// The senmap command line: shared state and the commands' registration functions.
#pragma once
#include <CLI/CLI.hpp>
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

// Each adds its subcommands to `app`; the callbacks set `exit_code`.
void add_import_commands(CLI::App& app, const Globals& globals, int& exit_code);
void add_read_commands(CLI::App& app, const Globals& globals, int& exit_code);
void add_demo_commands(CLI::App& app, const Globals& globals, int& exit_code);
void add_sync_commands(CLI::App& app, const Globals& globals, int& exit_code);
void add_ops_commands(CLI::App& app, const Globals& globals, int& exit_code);
// report provision-map, costs, analytics, evidence-pack: after add_ops_commands (it adds to `report`).
void add_report_commands(CLI::App& app, const Globals& globals, int& exit_code);
void add_flag_commands(CLI::App& app, const Globals& globals, int& exit_code);
// provision add, place, placement, session, cycle, ehcp: after add_ops_commands (it adds to `provision`).
void add_graduated_commands(CLI::App& app, const Globals& globals, int& exit_code);
// serve, staff, token, ta.
void add_serve_commands(CLI::App& app, const Globals& globals, int& exit_code);
// calendar feed: a member of staff's secret calendar feed address.
void add_calendar_commands(CLI::App& app, const Globals& globals, int& exit_code);

}  // namespace senmap_cli
