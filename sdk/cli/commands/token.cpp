// senmap token create | revoke | list: API tokens for senmap serve
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;

void add_token_command(CLI::App& app, const Globals& globals, int& exit_code) {
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
      std::cout << value_text(r.at("token")) << "\n";
      std::cerr << "token " << value_text(r.at("id")) << " for " << value_text(r.at("staff_id")) << ", expires "
                << value_text(r.at("expires_at")) << ". It is shown only now: senmap keeps its hash.\n";
    }
    exit_code = kExitOk;
  });
  auto* revoke = token->add_subcommand("revoke", "Revoke a token at once");
  revoke->add_option("ID", token_args->id, "the token's id (senmap token list)")->required();
  revoke->callback([&globals, &exit_code, token_args] {
    auto r = call(globals, "token.revoke", {{"id", token_args->id}});
    std::cout << "token " << value_text(r.at("id")) << " revoked at " << value_text(r.at("revoked_at")) << "\n";
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
      rows.push_back({value_text(t.at("id")), value_text(t.at("staff_id")), value_text(t.at("label")),
                      value_text(t.at("created_at")), value_text(t.at("expires_at")), value_text(t.at("state"))});
    print_table(std::cout, {"Id", "Staff", "Label", "Created", "Expires", "State"}, rows);
    exit_code = kExitOk;
  });
}

}  // namespace senmap_cli
