// The graduated approach as commands a SENCO types: provision add, place, placement, session,
// cycle, ehcp, needs. Each builds the request of one operation from its flags and runs it through
// Database::call_operation, exactly as `senmap call OP JSON` does: the same checks, the same log.
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>

#include "cli.hpp"
#include "output.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

enum class Kind { text, number, date, list, number_list };

// One flag (or positional) and the request field it fills.
struct Binding {
  std::string flag, field;
  Kind kind = Kind::text;
  std::string value;
  std::vector<std::string> values;
};

// A verb: its operation, its flags, and how to say what it did in one line (or a few).
struct Verb {
  std::string operation;
  std::deque<Binding> bindings;  // a deque: CLI11 holds pointers to the values
  bool as_json = false;
  std::string request_file;                   // --request FILE|-: the whole request as JSON
  std::vector<std::string> targets, results;  // cycle plan / review
  std::vector<std::string> needs;             // needs set: codes in rank order
  std::function<void(const json::value&)> say;
  bool creates = false;  // may make the database: the catalogue can be a school's first data
};

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
      if (b.values.empty()) continue;
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

std::string text_of(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "-";
  return people_text(v);  // 1.5 and 109.9, not 1.5E0 and 1.099E2
}

// A verb on `cmd` running `operation`; its callback sets the exit code.
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

// Not called bind: std::bind would win overload resolution by ADL for some argument types.
void add_field(CLI::App* cmd, Verb& v, const std::string& flag, const std::string& field, Kind kind,
               const std::string& help, bool required = false) {
  auto& b = v.bindings.emplace_back(Binding{flag, field, kind, {}, {}});
  bool list = kind == Kind::list || kind == Kind::number_list;
  auto* option = list ? cmd->add_option(flag, b.values, help) : cmd->add_option(flag, b.value, help);
  option->type_name(kind == Kind::number || kind == Kind::number_list ? "NUMBER"
                    : kind == Kind::date                              ? "DATE"
                                                                      : "TEXT");
  if (required) option->required();
}

// Every date a verb takes is required by its operation.
void add_date_field(CLI::App* cmd, Verb& v, const std::string& flag, const std::string& field,
                    const std::string& help) {
  add_field(cmd, v, flag, field, Kind::date, help + " (YYYY-MM-DD or today; required)");
}

void add_provision_add(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* cmd = app.get_subcommand("provision")
                  ->add_subcommand("add", "Add an intervention or support to the provision catalogue");
  auto v = verb(cmd, globals, exit_code, "provision.create", [](const json::value& p) {
    std::cout << "Added \"" << text_of(p.at("name")) << "\" to the catalogue (provision " << p.at("id") << ", wave "
              << p.at("wave") << "): " << money_text(p.at("cost_per_pupil")) << " per pupil, "
              << text_of(p.at("staff_hours_per_pupil")) << " staff hours per pupil\n";
  });
  add_field(cmd, *v, "--name", "name", Kind::text,
            "what the school calls it, e.g. \"Lego therapy\" (required, unique)");
  add_field(cmd, *v, "--areas", "areas", Kind::list,
            "an area of need it serves: a broad area (\"Cognition and learning\") or a census code (SPLD); repeat for "
            "more (required)");
  add_field(cmd, *v, "--wave", "wave", Kind::number, "1 universal, 2 targeted, 3 specialist (required)");
  add_field(cmd, *v, "--delivered-by", "delivered_by", Kind::text, "teacher, ta, specialist or external (required)");
  add_field(cmd, *v, "--group-size", "group_size", Kind::number, "pupils in a group (required)");
  add_field(cmd, *v, "--sessions-per-week", "sessions_per_week", Kind::number,
            "sessions a week, e.g. 3 or 1.5 (required)");
  add_field(cmd, *v, "--minutes", "minutes_per_session", Kind::number, "minutes a session (required)");
  add_field(cmd, *v, "--weeks", "weeks", Kind::number, "how many weeks it runs (required)");
  add_field(cmd, *v, "--hourly-cost", "staff_hourly_cost", Kind::number,
            "pounds an hour for the staff who run it, e.g. 14.5 (required)");
  add_field(cmd, *v, "--resource-cost", "resource_cost", Kind::number,
            "pounds for resources, for the whole group and run");
  add_field(cmd, *v, "--description", "description", Kind::text, "what it is");
  add_field(cmd, *v, "--entry", "entry_criteria", Kind::text, "who starts it, e.g. \"reading age 2 years below\"");
  add_field(cmd, *v, "--exit", "exit_criteria", Kind::text, "when a pupil finishes it");
  add_field(cmd, *v, "--measure", "measure", Kind::text,
            "how progress is measured, e.g. \"standardised reading score\"");
  add_field(cmd, *v, "--evidence", "evidence_rating", Kind::text, "the evidence behind it, e.g. an EEF rating");
  add_field(cmd, *v, "--measure-subject", "measure_subject", Kind::text,
            "the MIS assessment subject that measures it (e.g. RDG): baselines and exits then come from the MIS");
  v->creates = true;
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

void add_placement_verbs(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* place = app.add_subcommand("place", "Place a pupil on a provision from the catalogue (senmap provision list)");
  auto v = verb(place, globals, exit_code, "placement.start", [](const json::value& p) { say_placement("Placed", p); });
  add_field(place, *v, "UPN", "upn", Kind::text, "the pupil's UPN", true);
  add_field(place, *v, "--provision", "provision_id", Kind::number, "the provision's id in the catalogue (required)");
  add_date_field(place, *v, "--start", "start", "the first day");
  add_field(place, *v, "--planned", "planned_sessions", Kind::number,
            "sessions planned (default: sessions a week x weeks)");
  add_field(place, *v, "--baseline", "baseline", Kind::text, "the baseline measure, when the MIS does not hold it");

  auto* placement = app.add_subcommand("placement", "A pupil's placement on a provision: end it, or show it");
  placement->require_subcommand(1);
  auto* end = placement->add_subcommand("end", "End a placement, with the exit measure and what came of it");
  auto e = verb(end, globals, exit_code, "placement.end", [](const json::value& p) { say_placement("Ended", p); });
  add_field(end, *e, "PLACEMENT_ID", "placement_id", Kind::number, "the placement (senmap place prints it)", true);
  add_date_field(end, *e, "--end", "end", "the last day");
  add_field(end, *e, "--exit", "exit", Kind::text, "the exit measure, when the MIS does not hold it");
  add_field(end, *e, "--outcome", "outcome", Kind::text, "what came of it, in a sentence");
  auto* show = placement->add_subcommand("show", "A placement: baseline, exit, sessions delivered and attended");
  auto s =
      verb(show, globals, exit_code, "placement.get", [](const json::value& p) { say_placement("Placement:", p); });
  add_field(show, *s, "PLACEMENT_ID", "placement_id", Kind::number, "the placement", true);

  auto* session =
      app.add_subcommand("session", "Record one session of a provision: delivered or cancelled, and who came");
  auto r = verb(session, globals, exit_code, "session.record", [](const json::value& x) {
    std::size_t present = 0;
    const auto& marks = x.at("register").as_array();
    for (const auto& m : marks) present += m.at("present").as_bool() ? 1 : 0;
    std::cout << "Recorded a " << text_of(x.at("status")) << " session of provision " << x.at("provision_id") << " on "
              << text_of(x.at("date")) << " (session " << x.at("id") << "): " << present << " of " << marks.size()
              << " placed pupils present\n";
  });
  add_field(session, *r, "--provision", "provision_id", Kind::number, "the provision's id (required)");
  add_date_field(session, *r, "--date", "date", "the day of the session");
  add_field(session, *r, "--status", "status", Kind::text, "delivered or cancelled (required)");
  add_field(session, *r, "--time", "time", Kind::text,
            "start time HH:MM, when the provision meets more than once that day");
  add_field(
      session, *r, "--present", "present", Kind::list,
      "UPNs of the pupils who came (the others placed that day are marked absent); several may follow, or repeat it");
  add_field(session, *r, "--staff", "staff", Kind::text, "who ran it");
  add_field(session, *r, "--notes", "notes", Kind::text, "running record");
}

void say_cycle(const json::value& c) {
  std::cout << "Cycle " << c.at("id") << " for " << text_of(c.at("upn")) << " (" << text_of(c.at("stage"))
            << "): assessed " << text_of(c.at("assess").at("date"));
  const auto& plan = c.at("plan");
  if (!plan.at("date").is_null())
    std::cout << ", planned " << text_of(plan.at("date")) << ", review due " << text_of(plan.at("review_due"));
  if (!c.at("review").at("date").is_null())
    std::cout << ", reviewed " << text_of(c.at("review").at("date")) << ", next step "
              << text_of(c.at("review").at("next_step"));
  std::cout << '\n';
  for (const auto& t : plan.at("targets").as_array()) {
    std::cout << "  target " << t.at("id") << ": " << text_of(t.at("target"));
    if (!t.at("success_criteria").as_string().empty())
      std::cout << " (success: " << text_of(t.at("success_criteria")) << ")";
    if (!t.at("result").is_null()) std::cout << " -> " << text_of(t.at("result"));
    std::cout << '\n';
  }
}

void add_cycle_verbs(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* cycle = app.add_subcommand("cycle", "Assess, plan, do, review: a pupil's SEN support cycles");
  cycle->require_subcommand(1);
  auto views = [](CLI::App* cmd, Verb& v) {
    add_field(cmd, v, "--pupil-views", "pupil_views", Kind::text, "the pupil's views");
    add_field(cmd, v, "--parent-views", "parent_views", Kind::text, "the parents' views");
  };
  auto* assess =
      cycle->add_subcommand("assess", "Start a cycle: attainment against peers, attendance and history are gathered");
  auto a = verb(assess, globals, exit_code, "cycle.assess", say_cycle);
  add_field(assess, *a, "UPN", "upn", Kind::text, "the pupil's UPN", true);
  add_date_field(assess, *a, "--date", "date", "the day of the assessment");
  views(assess, *a);
  add_field(assess, *a, "--notes", "notes", Kind::text, "the teacher's and SENCO's analysis");

  auto request_flag = [](CLI::App* cmd, Verb& v) {
    cmd->add_option("--request", v.request_file,
                    "the whole request as JSON from a file, or - for stdin (flags override it)");
  };
  auto* plan =
      cycle->add_subcommand("plan", "Plan a cycle: targets with success criteria, the placements, a review date");
  auto p = verb(plan, globals, exit_code, "cycle.plan", say_cycle);
  add_field(plan, *p, "CYCLE_ID", "cycle_id", Kind::number, "the cycle (senmap cycle assess prints it)");
  add_date_field(plan, *p, "--date", "date", "the day the plan was agreed");
  add_date_field(plan, *p, "--review-due", "review_due", "when it will be reviewed");
  plan->add_option("--target", p->targets,
                   "a target and how you will know it is met, as \"TARGET::SUCCESS CRITERIA\" (both required), e.g. "
                   "\"Read 40 CVC words::in one minute, twice running\"; repeat for each target (at least one)");
  add_field(plan, *p, "--placement", "placement_ids", Kind::number_list,
            "a placement that serves the plan; repeat for more");
  request_flag(plan, *p);

  auto* review =
      cycle->add_subcommand("review", "Review a cycle: each target achieved, partly or not, views, and the next step");
  auto r = verb(review, globals, exit_code, "cycle.review", say_cycle);
  add_field(review, *r, "CYCLE_ID", "cycle_id", Kind::number, "the cycle");
  add_date_field(review, *r, "--date", "date", "the day of the review");
  review->add_option(
      "--result", r->results,
      "a target's result as \"TARGET_ID=achieved|partly|not\", with evidence after \"::\", e.g. "
      "\"12=achieved::reads 42 words a minute\"; one for every target (senmap cycle show lists their ids)");
  views(review, *r);
  add_field(review, *r, "--teacher-views", "teacher_views", Kind::text, "the teacher's views");
  add_field(review, *r, "--staff-views", "staff_views", Kind::text, "views of staff who delivered support");
  add_field(review, *r, "--next-step", "next_step", Kind::text,
            "continue, step_up, step_down, leave_register or request_ehc_assessment (required)");
  request_flag(review, *r);

  auto* show = cycle->add_subcommand("show", "One cycle: its assessment, targets and review");
  auto s = verb(show, globals, exit_code, "cycle.get", say_cycle);
  add_field(show, *s, "CYCLE_ID", "cycle_id", Kind::number, "the cycle", true);

  auto* list = cycle->add_subcommand("list", "A pupil's cycles (the chronology) and parent meetings");
  auto l = verb(list, globals, exit_code, "cycle.list", [](const json::value& x) {
    std::vector<Row> rows;
    for (const auto& c : x.at("cycles").as_array())
      rows.push_back({json::serialize(c.at("id")), text_of(c.at("stage")), text_of(c.at("assess").at("date")),
                      text_of(c.at("plan").at("date")), text_of(c.at("plan").at("review_due")),
                      text_of(c.at("review").at("date")), text_of(c.at("review").at("next_step"))});
    std::cout << "Cycles for " << text_of(x.at("upn")) << '\n';
    print_table(std::cout, {"Cycle", "Stage", "Assessed", "Planned", "Review due", "Reviewed", "Next step"}, rows);
    for (const auto& m : x.at("parent_meetings").as_array())
      std::cout << "Parent meeting " << text_of(m.at("date")) << ": " << text_of(m.at("notes")) << '\n';
  });
  add_field(list, *l, "UPN", "upn", Kind::text, "the pupil's UPN", true);
}

// Section F: each line's hours specified to date against hours delivered.
void say_section_f(const json::value& lines) {
  for (const auto& l : lines.as_array())
    std::cout << "  Section F " << l.at("id") << ": " << text_of(l.at("description")) << ", "
              << text_of(l.at("hours_per_week")) << " h/week: " << text_of(l.at("delivered_hours")) << " of "
              << text_of(l.at("specified_hours")) << " hours delivered (" << text_of(l.at("delivered_percent")) << "%, "
              << text_of(l.at("period").at("basis")) << ")\n";
}

void say_plan(const json::value& e) {
  std::cout << "EHC plan for " << text_of(e.at("upn")) << " (LA " << text_of(e.at("la")) << "): requested "
            << text_of(e.at("request_date"));
  if (!e.at("decision").is_null())
    std::cout << ", decision " << text_of(e.at("decision")) << " on " << text_of(e.at("decision_date"));
  if (!e.at("issue_date").is_null()) std::cout << ", issued " << text_of(e.at("issue_date"));
  const auto& reviews = e.at("review_meetings").as_array();
  if (!reviews.empty()) std::cout << ", last annual review " << text_of(reviews.back());
  std::cout << '\n';
  const auto& overdue = e.at("overdue").as_object();
  for (const auto& [key, due] : e.at("deadlines").as_object())
    std::cout << "  " << std::string(key) << " due " << text_of(due) << (overdue.contains(key) ? "  OVERDUE" : "")
              << '\n';
  for (const auto& w : e.at("warnings").as_array()) std::cout << "  warning: " << text_of(w) << '\n';
  say_section_f(e.at("section_f"));
}

void add_ehcp_verbs(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* ehcp =
      app.add_subcommand("ehcp", "EHC plans: the request to the LA, its decision, the plan's issue, annual reviews");
  ehcp->require_subcommand(1);
  auto upn = [](CLI::App* cmd, Verb& v) { add_field(cmd, v, "UPN", "upn", Kind::text, "the pupil's UPN", true); };
  auto* request = ehcp->add_subcommand("request", "Record a request to the LA for an EHC needs assessment");
  auto q = verb(request, globals, exit_code, "ehcp.request", say_plan);
  upn(request, *q);
  add_field(request, *q, "--la", "la", Kind::text, "the LA's 3-digit code, e.g. 938 (required)");
  add_date_field(request, *q, "--date", "date", "the date of the request");
  auto* decision = ehcp->add_subcommand("decision", "Record the LA's decision whether to assess");
  auto d = verb(decision, globals, exit_code, "ehcp.decision", say_plan);
  upn(decision, *d);
  add_field(decision, *d, "--decision", "decision", Kind::text, "assess or refuse (required)");
  add_date_field(decision, *d, "--date", "date", "the date of the decision");
  auto* issue = ehcp->add_subcommand("issue", "Record the final EHC plan's issue");
  auto i = verb(issue, globals, exit_code, "ehcp.issue", say_plan);
  upn(issue, *i);
  add_date_field(issue, *i, "--date", "date", "the date the final plan was issued");
  auto* review = ehcp->add_subcommand("review", "Record an annual review meeting");
  auto r = verb(review, globals, exit_code, "ehcp.review_meeting", say_plan);
  upn(review, *r);
  add_date_field(review, *r, "--date", "date", "the date of the meeting");
  auto* show =
      ehcp->add_subcommand("show", "The pupil's EHC plan with every statutory deadline and Section F delivery");
  auto s = verb(show, globals, exit_code, "ehcp.get", say_plan);
  upn(show, *s);
  auto* line =
      ehcp->add_subcommand("provision", "Add a Section F provision line (hours a week) delivered through placements");
  auto f = verb(line, globals, exit_code, "ehcp.provision_line", [](const json::value& r) {
    std::cout << "Section F line " << r.at("id") << " recorded\n";
    say_section_f(r.at("section_f"));
  });
  upn(line, *f);
  add_field(line, *f, "--description", "description", Kind::text, "the plan's wording of the provision (required)");
  add_field(line, *f, "--hours", "hours_per_week", Kind::number, "hours a week the plan specifies (required)");
  add_field(line, *f, "--placement", "placement_ids", Kind::number_list,
            "a placement that delivers it; repeat for more");
  add_field(line, *f, "--from", "from", Kind::date, "when it applies from (default: the plan's issue date)");
  add_field(line, *f, "--to", "to", Kind::date, "when it ends (default: open, counted to today)");
}

void add_needs_verb(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* cmd =
      app.add_subcommand("needs", "Record the pupil's areas of need as agreed (at a review, after an assessment)");
  auto v = verb(cmd, globals, exit_code, "needs.set", [](const json::value& r) {
    std::string list;
    for (const auto& n : r.at("needs").as_array()) list += (list.empty() ? "" : ", ") + text_of(n.at("code"));
    std::cout << "Needs of " << text_of(r.at("upn")) << " from " << text_of(r.at("from")) << ": " << list
              << " (primary first)\n";
  });
  add_field(cmd, *v, "UPN", "upn", Kind::text, "the pupil's UPN", true);
  add_date_field(cmd, *v, "--date", "date", "the day the needs apply from");
  cmd->add_option("--need", v->needs,
                  "a census need code (SPLD, ASD, SEMH...), primary first; repeat for more (required)");
}

}  // namespace

void add_graduated_commands(CLI::App& app, const Globals& globals, int& exit_code) {
  add_provision_add(app, globals, exit_code);
  add_placement_verbs(app, globals, exit_code);
  add_cycle_verbs(app, globals, exit_code);
  add_ehcp_verbs(app, globals, exit_code);
  add_needs_verb(app, globals, exit_code);
}

}  // namespace senmap_cli
