// senmap serve: the HTTPS JSON API and pages
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

void announce(senmap_server*, const char* url, void*) {
  // The URL goes to stdout (scripts read the port from it); the rest is for the technician.
  std::cout << "senmap serve: listening on " << url << std::endl;
  std::cerr << "senmap serve: " << url << "/api/openapi.json describes the API; SIGTERM or Ctrl-C stops it"
            << std::endl;
}

// 0 or empty: not given on the command line, so the config's [serve] table, then the default, decides.
struct ServeArgs {
  std::string listen, cert, key, frame_ancestors;
  int threads = 0;
  unsigned timeout_s = 0;
  unsigned session_idle_s = 0, session_max_s = 0, max_connections = 0, max_per_address = 0;
  bool check = false;
};

const char* given(const std::string& text) {
  return text.empty() ? nullptr : text.c_str();
}

int run_serve(const Globals& globals, const ServeArgs& args) {
  if (globals.db_path.empty() && globals.config_path.empty())
    throw CLI::RequiredError("--db (the senmap database file) or --config (a senmap config naming it)");
  senmap_serve_options options = SENMAP_SERVE_OPTIONS_INIT;
  options.db_path = globals.db_path.empty() ? nullptr : globals.db_path.c_str();
  options.config_path = globals.config_path.empty() ? nullptr : globals.config_path.c_str();
  options.listen = given(args.listen);
  options.cert_path = given(args.cert);
  options.key_path = given(args.key);
  options.threads = args.threads;
  options.request_timeout_ms = args.timeout_s * 1000;  // 0: not given
  options.handle_signals = 1;
  options.session_idle_seconds = args.session_idle_s;
  options.session_absolute_seconds = args.session_max_s;
  options.frame_ancestors = given(args.frame_ancestors);
  options.max_connections = args.max_connections;
  options.max_connections_per_address = args.max_per_address;
  options.ready = announce;
  options.check_only = args.check ? 1 : 0;
  int rc = senmap_serve(&options);
  if (rc != SENMAP_OK) throw senmap_cpp::Error(rc, senmap_error_last());
  if (args.check) {
    std::cout << "senmap serve: the settings are good (config, database, address, certificate and key)" << std::endl;
    return kExitOk;
  }
  std::cerr << "senmap serve: stopped" << std::endl;
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  auto* serve = app.add_subcommand("serve", "Serve the JSON API over HTTPS (GET /api/openapi.json describes it)");
  serve->add_option("--listen", args->listen,
                    "IP:PORT to listen on (default 127.0.0.1:8080); plain HTTP only on 127.0.0.1 or [::1]");
  serve->add_option("--cert", args->cert, "PEM certificate chain (HTTPS; with --key)");
  serve->add_option("--key", args->key, "PEM private key of the certificate");
  serve->add_option("--threads", args->threads, "worker threads (default: the cores, at least 2)")
      ->check(CLI::Range(0, 64));
  serve->add_option("--request-timeout", args->timeout_s, "seconds a client has to send a whole request (default 10)")
      ->check(CLI::Range(1, 300));
  serve->add_option("--session-idle", args->session_idle_s, "seconds a browser session may sit unused (default 1800)")
      ->check(CLI::Range(1, 24 * 3600));
  serve->add_option("--session-max", args->session_max_s, "seconds a browser session lasts at most (default 36000)")
      ->check(CLI::Range(1, 7 * 24 * 3600));
  serve
      ->add_option("--max-connections", args->max_connections,
                   "connections held at once; more are closed as they arrive (default 512)")
      ->check(CLI::Range(1, 100000));
  serve
      ->add_option("--max-connections-per-address", args->max_per_address,
                   "connections one client address may hold at once (a school behind NAT shares one; default 64)")
      ->check(CLI::Range(1, 100000));
  serve->add_option("--frame-ancestors", args->frame_ancestors,
                    "the MIS origins that may show senmap in a frame, space separated (https://mis.example.org)");
  serve->add_flag("--check", args->check,
                  "check the settings (the config and its [serve] table, the database, the address, the certificate "
                  "and key) and exit without listening");
  serve->footer(
      "Every setting may come from the config's [serve] table instead; a flag given here wins. Tokens: senmap staff "
      "role STAFF_ID ROLE, then senmap token create STAFF_ID. Exit 0 after SIGTERM.");
  serve->callback([&globals, &exit_code, args] { exit_code = run_serve(globals, *args); });
}

}  // namespace senmap_cli
