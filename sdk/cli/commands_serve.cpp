// senmap serve: the HTTPS JSON API; senmap staff / token / ta: who may use it and what they see.
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

std::string str(const json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : v.is_null() ? "" : json::serialize(v);
}

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

// Runs an identity operation and returns its response; refusals print as `field: rule`.
json::value call(const Globals& globals, const std::string& op, const json::object& request) {
  auto db = globals.open();
  return json::parse(db.call_operation(op, json::serialize(request)));
}

}  // namespace

void add_serve_commands(CLI::App& app, const Globals& globals, int& exit_code) {
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

  auto* staff = app.add_subcommand("staff", "Staff from the MIS and their senmap roles");
  staff->require_subcommand(1);
  auto list_school = std::make_shared<std::string>();
  auto* list = staff->add_subcommand("list", "Staff with their roles");
  list->add_option("--school", *list_school, "one school (LA-ESTAB)");
  list->callback([&globals, &exit_code, list_school] {
    json::object request;
    if (!list_school->empty()) request["school"] = *list_school;
    std::vector<Row> rows;
    auto response = call(globals, "staff.list", request);  // (kept alive for the loop)
    for (const auto& s : response.at("staff").as_array())
      rows.push_back(
          {str(s.at("staff_id")), str(s.at("name")), str(s.at("role")), s.at("left").as_bool() ? "left" : ""});
    print_table(std::cout, {"Staff", "Name", "Role", ""}, rows);
    exit_code = kExitOk;
  });
  struct RoleArgs {
    std::string staff, role;
    std::vector<std::string> schools;
  };
  auto role_args = std::make_shared<RoleArgs>();
  auto* role = staff->add_subcommand("role",
                                     "Give a member of staff a role: senco, teacher, ta, senior_leader, governor, "
                                     "trust_officer, admin (none takes it away, and their tokens stop working)");
  role->add_option("STAFF_ID", role_args->staff, "their MIS id (LA-ESTAB/id where schools share ids)")->required();
  role->add_option("ROLE", role_args->role, "the role")->required();
  role->add_option("--school", role_args->schools, "a trust officer's other schools (LA-ESTAB), repeatable");
  role->callback([&globals, &exit_code, role_args] {
    json::object request{{"staff_id", role_args->staff}, {"role", role_args->role}};
    if (!role_args->schools.empty()) request["schools"] = json::value_from(role_args->schools);
    auto r = call(globals, "staff.role", request);
    std::cout << str(r.at("staff_id")) << " (" << str(r.at("name"))
              << "): " << (r.at("role").is_null() ? "no role" : str(r.at("role"))) << "\n";
    exit_code = kExitOk;
  });

  auto* token = app.add_subcommand("token", "API tokens for senmap serve (Authorization: Bearer ...)");
  token->require_subcommand(1);
  struct TokenArgs {
    std::string staff, label;
    int days = 90;
    std::int64_t id = 0;
    bool as_json = false;
  };
  auto token_args = std::make_shared<TokenArgs>();
  auto* create = token->add_subcommand("create", "Create a token: printed once, senmap keeps only its hash");
  create->add_option("STAFF_ID", token_args->staff, "the member of staff (they need a role)")->required();
  create->add_option("--days", token_args->days, "days until it expires")
      ->check(CLI::Range(1, 366))
      ->capture_default_str();
  create->add_option("--label", token_args->label, "what it is for");
  create->add_flag("--json", token_args->as_json, "print the response as JSON");
  create->callback([&globals, &exit_code, token_args] {
    json::object request{{"staff_id", token_args->staff}, {"days", token_args->days}};
    if (!token_args->label.empty()) request["label"] = token_args->label;
    auto r = call(globals, "token.create", request);
    if (token_args->as_json) {
      std::cout << json::serialize(r) << "\n";
    } else {
      std::cout << str(r.at("token")) << "\n";
      std::cerr << "token " << str(r.at("id")) << " for " << str(r.at("staff_id")) << ", expires "
                << str(r.at("expires_at")) << ". It is shown only now: senmap keeps its hash.\n";
    }
    exit_code = kExitOk;
  });
  auto* revoke = token->add_subcommand("revoke", "Revoke a token at once");
  revoke->add_option("ID", token_args->id, "the token's id (senmap token list)")->required();
  revoke->callback([&globals, &exit_code, token_args] {
    auto r = call(globals, "token.revoke", {{"id", token_args->id}});
    std::cout << "token " << str(r.at("id")) << " revoked at " << str(r.at("revoked_at")) << "\n";
    exit_code = kExitOk;
  });
  auto list_staff = std::make_shared<std::string>();
  auto* tokens = token->add_subcommand("list", "Tokens: who, created, expiry, state (never the token)");
  tokens->add_option("--staff", *list_staff, "one member of staff's tokens");
  tokens->callback([&globals, &exit_code, list_staff] {
    json::object request;
    if (!list_staff->empty()) request["staff_id"] = *list_staff;
    std::vector<Row> rows;
    auto response = call(globals, "token.list", request);
    for (const auto& t : response.at("tokens").as_array())
      rows.push_back({str(t.at("id")), str(t.at("staff_id")), str(t.at("label")), str(t.at("created_at")),
                      str(t.at("expires_at")), str(t.at("state"))});
    print_table(std::cout, {"Id", "Staff", "Label", "Created", "Expires", "State"}, rows);
    exit_code = kExitOk;
  });

  auto* ta = app.add_subcommand("ta", "Which pupils a TA supports (a TA sees only those)");
  ta->require_subcommand(1);
  struct TaArgs {
    std::string staff, upn;
  };
  auto ta_args = std::make_shared<TaArgs>();
  for (const char* verb : {"assign", "unassign"}) {
    auto* cmd = ta->add_subcommand(
        verb, std::string(verb) == std::string("assign") ? "Assign a pupil to a TA" : "End an assignment");
    cmd->add_option("STAFF_ID", ta_args->staff, "the TA")->required();
    cmd->add_option("UPN", ta_args->upn, "the pupil")->required();
    cmd->callback([&globals, &exit_code, ta_args, op = std::string("ta.") + verb] {
      auto r = call(globals, op, {{"staff_id", ta_args->staff}, {"upn", ta_args->upn}});
      std::cout << str(r.at("staff_id")) << (r.at("assigned").as_bool() ? " supports " : " no longer supports ")
                << str(r.at("upn")) << "\n";
      exit_code = kExitOk;
    });
  }
  auto* launch =
      app.add_subcommand("launch", "MIS launch links: the secret the MIS signs them with, and a signed link");
  launch->require_subcommand(1);
  auto rotate = std::make_shared<bool>(false);
  auto* secret =
      launch->add_subcommand("secret", "Print the launch secret (made on first use) for the MIS's configuration");
  secret->add_flag("--rotate", *rotate, "make a new secret: links signed with the old one stop working");
  secret->callback([&globals, &exit_code, rotate] {
    json::object request;
    if (*rotate) request["rotate"] = true;
    std::cout << str(call(globals, "launch.secret", request).at("secret")) << "\n";
    exit_code = kExitOk;
  });
  struct LinkArgs {
    std::string staff, class_id, base, page;
    int seconds = 120;
  };
  auto link_args = std::make_shared<LinkArgs>();
  auto* link = launch->add_subcommand(
      "link", "A signed link opening a class provision map, as the MIS makes them (for testing)");
  link->add_option("STAFF_ID", link_args->staff, "the member of staff")->required();
  auto* by_class =
      link->add_option("--class", link_args->class_id, "the class's MIS id: the link opens its provision map");
  auto* by_page = link->add_option("--page", link_args->page, "dashboard: the link opens the SENCO's dashboard")
                      ->check(CLI::IsMember({"dashboard"}));
  by_class->excludes(by_page);
  link->add_option("--seconds", link_args->seconds, "how long it may be used")
      ->check(CLI::Range(1, 300))
      ->capture_default_str();
  link->add_option("--base", link_args->base, "the server's URL, e.g. https://senmap.school.example:8443");
  link->callback([&globals, &exit_code, link_args] {
    json::object request{{"staff_id", link_args->staff}, {"seconds", link_args->seconds}};
    if (!link_args->class_id.empty()) request["class_id"] = link_args->class_id;
    if (!link_args->page.empty()) request["page"] = link_args->page;
    auto r = call(globals, "launch.link", request);
    std::cout << link_args->base << str(r.at("path")) << "\n";
    exit_code = kExitOk;
  });

  auto ta_staff = std::make_shared<std::string>();
  auto* ta_list = ta->add_subcommand("list", "Every assignment");
  ta_list->add_option("--staff", *ta_staff, "one TA");
  ta_list->callback([&globals, &exit_code, ta_staff] {
    json::object request;
    if (!ta_staff->empty()) request["staff_id"] = *ta_staff;
    std::vector<Row> rows;
    auto response = call(globals, "ta.list", request);
    for (const auto& a : response.at("assignments").as_array())
      rows.push_back({str(a.at("staff_id")), str(a.at("upn")), str(a.at("assigned_on")), str(a.at("assigned_by"))});
    print_table(std::cout, {"TA", "UPN", "Since", "By"}, rows);
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
