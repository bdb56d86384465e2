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

struct ServeArgs {
  std::string listen = "127.0.0.1:8080", cert, key, frame_ancestors;
  int threads = 0;
  unsigned timeout_s = 10;
  unsigned session_idle_s = 30 * 60, session_max_s = 10 * 60 * 60, max_connections = 512, max_per_address = 64;
};

int run_serve(const Globals& globals, const ServeArgs& args) {
  if (globals.db_path.empty() && globals.config_path.empty())
    throw CLI::RequiredError("--db (the senmap database file) or --config (a senmap config naming it)");
  senmap_serve_options options = SENMAP_SERVE_OPTIONS_INIT;
  options.db_path = globals.db_path.empty() ? nullptr : globals.db_path.c_str();
  options.config_path = globals.config_path.empty() ? nullptr : globals.config_path.c_str();
  options.listen = args.listen.c_str();
  options.cert_path = args.cert.empty() ? nullptr : args.cert.c_str();
  options.key_path = args.key.empty() ? nullptr : args.key.c_str();
  options.threads = args.threads;
  options.request_timeout_ms = args.timeout_s * 1000;
  options.handle_signals = 1;
  options.session_idle_seconds = args.session_idle_s;
  options.session_absolute_seconds = args.session_max_s;
  options.frame_ancestors = args.frame_ancestors.empty() ? nullptr : args.frame_ancestors.c_str();
  options.max_connections = args.max_connections;
  options.max_connections_per_address = args.max_per_address;
  options.ready = announce;
  int rc = senmap_serve(&options);
  if (rc != SENMAP_OK) throw senmap_cpp::Error(rc, senmap_error_last());
  std::cerr << "senmap serve: stopped" << std::endl;
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  auto* serve = app.add_subcommand("serve", "Serve the JSON API over HTTPS (GET /api/openapi.json describes it)");
  serve->add_option("--listen", args->listen, "IP:PORT to listen on; plain HTTP only on 127.0.0.1 or [::1]")
      ->capture_default_str();
  serve->add_option("--cert", args->cert, "PEM certificate chain (HTTPS; with --key)");
  serve->add_option("--key", args->key, "PEM private key of the certificate");
  serve->add_option("--threads", args->threads, "worker threads (default: the cores, at least 2)")
      ->check(CLI::Range(0, 64));
  serve->add_option("--request-timeout", args->timeout_s, "seconds a client has to send a whole request")
      ->check(CLI::Range(1, 300))
      ->capture_default_str();
  serve->add_option("--session-idle", args->session_idle_s, "seconds a browser session may sit unused")
      ->check(CLI::Range(1, 24 * 3600))
      ->capture_default_str();
  serve->add_option("--session-max", args->session_max_s, "seconds a browser session lasts at most")
      ->check(CLI::Range(1, 7 * 24 * 3600))
      ->capture_default_str();
  serve
      ->add_option("--max-connections", args->max_connections,
                   "connections held at once; more are closed as they arrive")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  serve
      ->add_option("--max-connections-per-address", args->max_per_address,
                   "connections one client address may hold at once (a school behind NAT shares one)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  serve->add_option("--frame-ancestors", args->frame_ancestors,
                    "the MIS origins that may show senmap in a frame, space separated (https://mis.example.org)");
  serve->footer("Tokens: senmap staff role STAFF_ID ROLE, then senmap token create STAFF_ID. Exit 0 after SIGTERM.");
  serve->callback([&globals, &exit_code, args] { exit_code = run_serve(globals, *args); });
}

}  // namespace senmap_cli
