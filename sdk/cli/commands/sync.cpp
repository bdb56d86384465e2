// senmap sync [--config FILE] [--json] [--full]: every configured source for every school
#include <unistd.h>

#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

// A bar per source on a terminal; nothing when run from cron or systemd (not a tty).
void draw_progress(const char* source, size_t done, size_t total, void*) {
  constexpr int kWidth = 30;
  int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
  std::cerr << "\r  " << source << " [" << std::string(static_cast<std::size_t>(filled), '#')
            << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << done << "/" << total
            << (done == total ? "\n" : "") << std::flush;
}

// One refused file's reason, as the quarantine's .errors.txt gives it first.
void print_refusal(const json::value& report) {
  const auto& problems = report.at("problems").as_array();
  std::cout << "    refused " << json_or_text(report.at("file")) << ": nothing in it was imported";
  if (problems.empty()) {
    std::cout << "\n";
    return;
  }
  const auto& p = problems.front();
  std::cout << "; " << problems.size() << " problem(s), the first: ";
  if (auto line = p.at("line").to_number<std::size_t>()) std::cout << "line " << line << ": ";
  if (!p.at("path").as_string().empty()) std::cout << json_or_text(p.at("path")) << " ";
  if (!p.at("upn").as_string().empty()) std::cout << "(UPN " << json_or_text(p.at("upn")) << ") ";
  std::cout << json_or_text(p.at("rule")) << "\n";
}

void print_summary(const json::value& summary) {
  for (const auto& s : summary.at("sources").as_array()) {
    const auto& school = s.at("school");
    std::cout << json_or_text(school.at("la")) << "-" << json_or_text(school.at("estab")) << " "
              << json_or_text(s.at("kind")) << ": " << json_or_text(s.at("status"));
    // Counts only from what was applied: a refused file imported nothing, whatever it held.
    std::size_t added = 0, changed = 0, left = 0, applied = 0, refused = 0, unchanged = 0;
    for (const auto& r : s.at("reports").as_array()) {
      if (r.at("skipped_unchanged").as_bool()) ++unchanged;
      if (!r.at("applied").as_bool()) {
        refused += r.at("skipped_unchanged").as_bool() ? 0 : 1;
        continue;
      }
      ++applied;
      added += r.at("pupils").at("added").to_number<std::size_t>();
      changed += r.at("pupils").at("changed").to_number<std::size_t>();
      left += r.at("pupils").at("left").to_number<std::size_t>();
    }
    if (s.at("kind").as_string() == "ctf-folder" && !s.at("reports").as_array().empty()) {
      std::cout << " (" << applied << " file(s) applied: " << added << " pupils added, " << changed << " changed, "
                << left << " left the roll";
      if (unchanged) std::cout << "; " << unchanged << " already imported";
      if (refused) std::cout << "; " << refused << " refused";
      std::cout << ")";
    }
    std::cout << "\n";
    if (!s.at("error").as_string().empty())
      std::cout << "    nothing from this source was stored: " << json_or_text(s.at("error")) << "\n";
    for (const auto& r : s.at("reports").as_array())
      if (!r.at("applied").as_bool() && !r.at("skipped_unchanged").as_bool()) print_refusal(r);
    for (const auto& q : s.at("quarantined").as_array())
      std::cout << "    quarantined: " << json_or_text(q) << " (see .errors.txt)\n";
  }
  if (const auto* flags = summary.as_object().if_contains("flags"); flags && flags->is_object()) {
    if (flags->as_object().contains("error"))
      std::cout << "flag rules could not run: " << json_or_text(flags->at("error")) << "\n";
    else
      std::cout << "flags: " << json_or_text(flags->at("raised")) << " raised, "
                << json_or_text(flags->at("still_active")) << " still active, " << json_or_text(flags->at("cleared"))
                << " cleared (senmap flags)\n";
  }
  if (const auto* finish = summary.as_object().if_contains("finish_error"); finish && !finish->as_string().empty())
    std::cout << "the sync could not finish: " << json_or_text(*finish)
              << "\n    sources marked ok above were stored; no file was moved, and the next run recognises each "
                 "by its checksum\n";
  if (const auto* warnings = summary.as_object().if_contains("warnings"); warnings && warnings->is_array())
    for (const auto& w : warnings->as_array()) std::cout << "warning: " << json_or_text(w) << "\n";
  std::cout << "sync " << json_or_text(summary.at("status")) << " (run " << json_or_text(summary.at("run_id")) << ")\n";
}

int run_sync(const Globals& globals, bool as_json, bool full) {
  if (globals.config_path.empty()) throw CLI::RequiredError("--config (the senmap config file; or set SENMAP_CONFIG)");
  senmap_sync_options options = SENMAP_SYNC_OPTIONS_INIT;
  options.full = full ? 1 : 0;
  if (!as_json && ::isatty(STDERR_FILENO)) options.progress = draw_progress;
  char* out = nullptr;
  int rc = senmap_sync(&out, globals.config_path.c_str(), &options);
  std::string text = out ? out : "";
  senmap_free(out);
  if (rc == SENMAP_ECONFIG) {
    if (as_json) std::cout << text << '\n';
    auto problems = json::parse(text);
    for (const auto& p : problems.at("config_problems").as_array())
      std::cerr << json_or_text(p.at("file")) << ":" << json_or_text(p.at("line")) << ": "
                << (p.at("key").as_string().empty() ? "" : json_or_text(p.at("key")) + ": ")
                << json_or_text(p.at("rule")) << "\n";
    return kExitBadInput;
  }
  if (text.empty()) throw senmap_cpp::Error(rc, senmap_error_last());
  auto summary = json::parse(text);
  if (as_json)
    std::cout << text << '\n';
  else if (rc != SENMAP_EBUSY)
    print_summary(summary);
  if (rc == SENMAP_EBUSY) {
    std::cerr << "senmap: " << json_or_text(summary.at("message")) << "\n";
    return kExitFailure;
  }
  return rc == SENMAP_OK ? kExitOk : kExitFailure;
}

}  // namespace

void add_sync_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto sync_json = std::make_shared<bool>(false);
  auto sync_full = std::make_shared<bool>(false);
  auto* sync = app.add_subcommand("sync", "Run every configured source for every school (the nightly job)");
  sync->add_flag("--json", *sync_json, "print the summary as JSON");
  sync->add_flag("--full", *sync_full, "live MIS sources: read everything again and reconcile, not only what changed");
  sync->footer("Exit status: 0 all sources applied, 1 some failed (the others were applied), 2 bad config.");
  sync->callback(
      [&globals, &exit_code, sync_json, sync_full] { exit_code = run_sync(globals, *sync_json, *sync_full); });
}

}  // namespace senmap_cli
