// Flags as pages for whole-school staff: the list a SENCO works through (grouped per pupil, by
// state, by rule, or those assigned to them), each flag's own page with its history, and its four
// forms (acknowledge, snooze, assign, resolve), each back to the flag's page with what it did.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/features/page_forms.hpp"
#include "http/pages/flags_page.hpp"
#include "http/route_answers.hpp"
#include "rules/rule.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

Response flags_list(Call& call) {
  const auto& actor = *call.actor;
  pages::FlagsView view;
  view.state = call.query_value("state");
  if (view.state != "snoozed" && view.state != "resolved") view.state = "active";
  view.rule = call.query_value("rule");
  if (!view.rule.empty() && !rules::find_rule(view.rule)) view.rule.clear();  // an unknown rule lists every rule
  view.mine = call.query_value("mine") == "1";
  json::object fields{{"school", actor.staff.school}, {"state", view.state}};
  if (!view.rule.empty()) fields["rule"] = view.rule;
  if (view.mine) fields["assigned_to"] = actor.staff.reference();
  auto d = decide(call.db, actor, "flags.list", fields, call.today());
  if (d.verdict != Verdict::allowed) return forbidden_page(d.why);
  auto flags = read(call, "flags.list", fields);
  if (!flags) return with_outcome(html_error(422, "the flags could not be listed"), "invalid");
  view.flags = std::move(flags->as_object()["flags"].as_array());
  view.rules = rule_choices();
  view.frame = frame_for(call);
  view.frame.title = "Flags";
  auto r = html_response(200, pages::flags_page(view));
  r.operation = "flags.list";
  r.object = "flags";
  return r;
}

// Whoever a flag may be assigned to: the staff of the viewer's school, by name.
std::vector<pages::Choice> staff_choices(const Call& call) {
  auto& s = call.db.cached(
      "SELECT sourced_id, given_name || ' ' || family_name FROM staff WHERE school_id = ?1 ORDER BY family_name, "
      "given_name, sourced_id");
  s.bind(1, call.actor->staff.school_id);
  std::vector<pages::Choice> out;
  while (s.step()) out.push_back({call.actor->staff.school + "/" + s.text(0), s.text(1)});
  s.reset();
  return out;
}

Response flag_page_with(Call& call, const FormRefusal* refused) {
  const auto& actor = *call.actor;
  auto id = ops::number_of(call.params.at("flag_id"));
  if (!id) return hidden_page();
  json::object fields{{"school", actor.staff.school}, {"flag_id", static_cast<std::int64_t>(*id)}, {"state", "all"}};
  auto d = decide(call.db, actor, "flags.list", fields, call.today());
  if (d.verdict == Verdict::hidden) return hidden_page();
  if (d.verdict == Verdict::forbidden) return forbidden_page(d.why);
  auto flags = read(call, "flags.list", fields);
  if (!flags || flags->at("flags").as_array().empty()) return with_outcome(hidden_page(), "not_found");
  pages::FlagView view;
  view.flag = std::move(flags->as_object()["flags"].as_array().at(0).as_object());
  view.staff = staff_choices(call);
  view.today = call.today();
  view.notice = notice_for(call.query_value("recorded"));
  view.frame = frame_for(call);
  view.frame.title = pages::text_of(view.flag.at("title"));
  if (refused) {
    view.errors = refused->errors;
    view.submitted = refused->submitted;
    view.failed_form = refused->form;
  }
  auto r = with_outcome(html_response(refused ? 422 : 200, pages::flag_page(view)), refused ? "invalid" : "allowed");
  r.upn = pages::text_of(view.flag.at("upn"));
  r.object = d.object;
  return r;
}

Response flag_page(Call& call) {
  return flag_page_with(call, nullptr);
}

template <const char* kAction>
Response flag_form(Call& call) {
  return run_form(call, {"/flags/" + pages::url_part(call.params.at("flag_id")), kAction, flag_page_with});
}

constexpr char kAcknowledge[] = "acknowledge";
constexpr char kSnooze[] = "snooze";
constexpr char kAssign[] = "assign";
constexpr char kResolve[] = "resolve";

Route form_route(const char* action, const char* operation, Handler handler, const std::string& what) {
  return {.method = "POST",
          .path = std::string("/flags/{flag_id}/") + action,
          .summary = "The flag page's form (csrf_token in the form body): " + what + "; back to the flag's page",
          .form = true,
          .operation = operation,
          .handler = handler,
          .answers = form("refused: the flag's page again, with every field and the rule it breaks"),
          .params = {{"flag_id", false, true, "the flag's id"}}};
}

}  // namespace

RouteList flags_routes() {
  return {
      {.method = "GET",
       .path = "/flags",
       .summary = "The school's flags as a page, grouped per pupil, most severe first: active (the default), "
                  "snoozed, resolved, or those assigned to the viewer; one rule's (SENCO, senior leader, admin)",
       .handler = flags_list,
       .answers = ok(B::html, "the flags") + signed_in() + role(B::html),
       .params = {{"state", true, false, "active, snoozed or resolved", {"active", "snoozed", "resolved"}},
                  {"rule", true, false, "one rule's flags (flags.rules lists them)"},
                  {"mine", true, false, "1: only the flags assigned to the viewer", {"1"}}}},
      {.method = "GET",
       .path = "/flags/{flag_id}",
       .summary = "One flag as a page: its evidence, what staff have done with it, and the forms to acknowledge, "
                  "snooze, assign or resolve it (SENCO, senior leader, admin)",
       .handler = flag_page,
       .answers = ok(B::html, "the flag's page") + signed_in() + missing(B::html) + role(B::html),
       .params = {{"flag_id", false, true, "the flag's id"}}},
      form_route(kAcknowledge, "flag.acknowledge", flag_form<kAcknowledge>, "acknowledge the flag with a note"),
      form_route(kSnooze, "flag.snooze", flag_form<kSnooze>, "snooze the flag until a day"),
      form_route(kAssign, "flag.assign", flag_form<kAssign>, "assign the flag to a member of staff"),
      form_route(kResolve, "flag.resolve", flag_form<kResolve>, "resolve the flag with a reason"),
  };
}

}  // namespace sm::http
