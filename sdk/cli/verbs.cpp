#include "verbs.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

#include "output.hpp"

namespace senmap_cli {
namespace json = boost::json;
namespace {

std::string today() {
  auto day = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                static_cast<unsigned>(day.day()));
  return text;
}

// A number when it reads as one; otherwise the text, for the operation to refuse by name.
json::value number_or_text(const std::string& text) {
  json::error_code ec;
  auto number = json::parse(text, ec);
  return !ec && number.is_number() ? number : json::value(text);
}

std::string trimmed(std::string text) {
  while (!text.empty() && text.front() == ' ') text.erase(text.begin());
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// "Reads 40 words::in one minute" -> ("Reads 40 words", "in one minute").
std::pair<std::string, std::string> split_pair(const std::string& text, const std::string& separator) {
  auto at = text.find(separator);
  if (at == std::string::npos) return {trimmed(text), ""};
  return {trimmed(text.substr(0, at)), trimmed(text.substr(at + separator.size()))};
}

json::object build_request(const Verb& verb) {
  json::object request;
  if (!verb.request_file.empty()) {
    std::string text;
    if (verb.request_file == "-") {
      text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
      std::ifstream in(verb.request_file, std::ios::binary);
      if (!in) throw std::runtime_error("cannot read " + verb.request_file);
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    auto parsed = json::parse(text);
    if (!parsed.is_object()) throw std::runtime_error(verb.request_file + ": the request must be a JSON object");
    request = std::move(parsed.as_object());
  }
  // Flags given on the command line win over the file's fields.
  for (const auto& b : verb.bindings) {
    if (b.kind == Kind::list || b.kind == Kind::number_list) {
      if (b.values.empty()) {
        if (verb.list_may_be_empty && !request.contains(b.field)) request[b.field] = json::array();
        continue;
      }
      json::array list;
      for (const auto& v : b.values)  // "SPLD; SLCN" is two, as in the catalogue's spreadsheet
        for (std::size_t at = 0; at <= v.size();) {
          auto end = std::min(v.find(';', at), v.size());
          auto part = trimmed(v.substr(at, end - at));
          if (!part.empty()) list.push_back(b.kind == Kind::number_list ? number_or_text(part) : json::value(part));
          at = end + 1;
        }
      request[b.field] = std::move(list);
    } else if (!b.value.empty()) {
      if (b.kind == Kind::number)
        request[b.field] = number_or_text(b.value);
      else if (b.kind == Kind::yes_no)
        request[b.field] = b.value == "yes";
      else if (b.kind == Kind::date && b.value == "today")
        request[b.field] = today();
      else
        request[b.field] = b.value;
    }
  }
  if (!verb.targets.empty()) {
    json::array targets;
    for (const auto& t : verb.targets) {
      auto [target, criteria] = split_pair(t, "::");
      targets.push_back({{"target", target}, {"success_criteria", criteria}});
    }
    request["targets"] = std::move(targets);
  }
  if (!verb.results.empty()) {
    json::array targets;
    for (const auto& r : verb.results) {
      auto [head, evidence] = split_pair(r, "::");
      auto [id, result] = split_pair(head, "=");
      json::object target{{"id", number_or_text(id)}, {"result", result}};
      if (!evidence.empty()) target["evidence"] = evidence;
      targets.push_back(std::move(target));
    }
    request["targets"] = std::move(targets);
  }
  if (!verb.judgements.empty()) {
    json::array outcomes;
    for (const auto& j : verb.judgements) {
      auto [head, note] = split_pair(j, "::");
      auto [id, progress] = split_pair(head, "=");
      outcomes.push_back({{"outcome_id", number_or_text(id)}, {"progress", progress}, {"note", note}});
    }
    request["outcomes"] = std::move(outcomes);
  }
  if (!verb.amounts.empty()) {
    json::array lines;
    for (const auto& a : verb.amounts) {
      auto at = a.rfind('=');  // "Pupil premium share=5000": the description may hold "=" itself
      lines.push_back(
          {{"description", trimmed(a.substr(0, at == std::string::npos ? a.size() : at))},
           {"amount", at == std::string::npos ? json::value(nullptr) : number_or_text(trimmed(a.substr(at + 1)))}});
    }
    request[verb.amounts_field] = std::move(lines);
  }
  if (!verb.needs.empty()) {
    json::array needs;
    for (const auto& code : verb.needs) needs.push_back({{"code", code}, {"rank", needs.size() + 1}});
    request["needs"] = std::move(needs);
  }
  return request;
}

int run_verb(const Globals& globals, const Verb& verb) {
  auto request = json::serialize(build_request(verb));
  auto db = globals.open(verb.creates);
  std::string response;
  try {
    response = db.call_operation(verb.operation, request);
  } catch (const senmap_cpp::Error& e) {
    if (e.report().empty()) throw;
    if (verb.as_json) std::cout << e.report() << '\n';
    // Each refusal as "field: rule", with the flag that sets the field when its name differs.
    auto report = json::parse(e.report());
    for (const auto& error : report.at("errors").as_array()) {
      std::string field(error.at("field").as_string()), flag;
      for (const auto& b : verb.bindings)
        if (b.field == field && b.flag != "--" + field) flag = " (" + b.flag + ")";
      std::cerr << (field.empty() ? "" : field + ": ") << error.at("rule").as_string().c_str() << flag << '\n';
    }
    if (e.code() == SENMAP_EBADINPUT) {
      std::cerr << "senmap: " << verb.operation << " refused: nothing was recorded\n";
      return kExitBadInput;
    }
    return kExitFailure;  // no such pupil, placement, cycle or plan
  }
  if (verb.as_json)
    std::cout << response << '\n';
  else
    verb.say(json::parse(response));
  return kExitOk;
}

}  // namespace

std::string text_of(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "-";
  return people_text(v);  // 1.5 and 109.9, not 1.5E0 and 1.099E2
}

std::shared_ptr<Verb> verb(CLI::App* cmd, const Globals& globals, int& exit_code, std::string operation,
                           std::function<void(const json::value&)> say) {
  auto v = std::make_shared<Verb>();
  v->operation = std::move(operation);
  v->say = std::move(say);
  cmd->add_flag("--json", v->as_json, "print the response as JSON (refusals as {\"errors\":[...]})");
  cmd->footer("Runs " + v->operation +
              " (senmap ops lists its fields). Exit status 2 when the request is refused "
              "(each problem on stderr as field: rule), 1 when the pupil or record does not exist.");
  cmd->callback([&globals, &exit_code, v] { exit_code = run_verb(globals, *v); });
  return v;
}

void add_field(CLI::App* cmd, Verb& v, const std::string& flag, const std::string& field, Kind kind,
               const std::string& help, bool required) {
  auto& b = v.bindings.emplace_back(Binding{flag, field, kind, {}, {}});
  bool list = kind == Kind::list || kind == Kind::number_list;
  auto* option = list ? cmd->add_option(flag, b.values, help) : cmd->add_option(flag, b.value, help);
  option->type_name(kind == Kind::number || kind == Kind::number_list ? "NUMBER"
                    : kind == Kind::date                              ? "DATE"
                                                                      : "TEXT");
  if (kind == Kind::yes_no) option->check(CLI::IsMember({"yes", "no"}));
  if (required) option->required();
}

void add_date_field(CLI::App* cmd, Verb& v, const std::string& flag, const std::string& field,
                    const std::string& help) {
  add_field(cmd, v, flag, field, Kind::date, help + " (YYYY-MM-DD or today; required)");
}

void say_placement(const char* verb_text, const json::value& p) {
  const auto& s = p.at("sessions");
  std::cout << verb_text << " " << text_of(p.at("upn")) << " on " << text_of(p.at("provision").at("name"))
            << " (placement " << p.at("id") << "), from " << text_of(p.at("start"));
  if (!p.at("end").is_null()) std::cout << " to " << text_of(p.at("end"));
  std::cout << ": " << s.at("planned") << " sessions planned, " << s.at("delivered") << " delivered, "
            << s.at("attended") << " attended\n";
  for (const char* key : {"baseline", "exit"})
    if (!p.at(key).is_null())
      std::cout << "  " << key << ": " << text_of(p.at(key).at("value")) << " (" << text_of(p.at(key).at("source"))
                << ", " << text_of(p.at(key).at("date")) << ")\n";
  if (!p.at("outcome").is_null()) std::cout << "  outcome: " << text_of(p.at("outcome")) << '\n';
}

json::value call(const Globals& globals, const std::string& op, const json::object& request) {
  auto db = globals.open();
  return call(db, op, request);
}

void add_sheet_import(CLI::App* parent, const Globals& globals, int& exit_code, SheetImportCommand command) {
  auto* cmd = parent->add_subcommand("import", command.description);
  auto how = std::make_shared<SheetImportCommand>(std::move(command));
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "a .csv or .xlsx (its first sheet), " + how->row)
      ->required()
      ->check(CLI::ExistingFile);
  cmd->footer(how->footer +
              " Any problem is listed as FILE:ROW: UPN: field: rule and nothing is recorded (exit status 2).");
  cmd->callback([&globals, &exit_code, file, how] {
    auto db = globals.open();
    try {
      auto report = json::parse(how->run(db, *file));
      std::cout << "Recorded " << report.at("recorded") << ' ' << how->noun << " from " << *file << '\n';
      exit_code = kExitOk;
    } catch (const senmap_cpp::Error& e) {
      if (e.report().empty()) throw;
      print_sheet_problems(std::cerr, json::parse(e.report()).at("problems"));
      std::cerr << "senmap: nothing was recorded\n";
      exit_code = kExitBadInput;
    }
  });
}

}  // namespace senmap_cli
