// senmap ehcp invite | advice | advice-received | views | attendance | outcome | outcome-end |
// review-outcomes | amendment-notice | amendment-response | amended-plan: the annual review's steps
// between scheduling the meeting (`ehcp review`) and the LA's decision (`ehcp review-decision`).
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

void say_invitations(const json::value& r) {
  std::cout << "Invited to the annual review meeting on " << text_of(r.at("meeting_date")) << ":\n";
  for (const auto& i : r.at("invitations").as_array()) {
    std::cout << "  " << i.at("id") << "  " << text_of(i.at("name")) << " (" << text_of(i.at("role")) << "), by "
              << text_of(i.at("how")) << " on " << text_of(i.at("invited_on"));
    if (!i.at("attended").is_null()) std::cout << (i.at("attended").as_bool() ? ": came" : ": did not come");
    std::cout << '\n';
  }
}

void say_advice(const json::value& r) {
  for (const auto& a : r.at("advice").as_array())
    std::cout << "Advice " << a.at("id") << " from " << text_of(a.at("author")) << " (" << text_of(a.at("role"))
              << "): asked " << text_of(a.at("requested_on")) << ", needed by " << text_of(a.at("needed_by"))
              << (a.at("received_on").is_null() ? std::string(a.at("late").as_bool() ? ", LATE" : ", awaited")
                                                : ", received " + text_of(a.at("received_on")))
              << '\n';
}

void say_outcomes(const json::value& r) {
  for (const auto& o : r.at("outcomes").as_array())
    std::cout << "Outcome " << o.at("id") << " (from " << text_of(o.at("added_on"))
              << (o.at("ended_on").is_null() ? "" : ", ended " + text_of(o.at("ended_on")))
              << "): " << text_of(o.at("outcome")) << '\n';
}

// What the meeting records; the views themselves are left to `ehcp show --json` and the report.
void say_record(const json::value& r) {
  const auto& record = r.at("record");
  std::cout << "Annual review meeting " << text_of(r.at("meeting_date")) << ":";
  for (const char* whose : {"pupil", "parent"})
    std::cout << ' ' << whose << "'s views " << (record.at("views").at(whose).is_null() ? "not yet gathered" : "held")
              << (std::string(whose) == "pupil" ? ";" : "");
  std::cout << '\n';
  for (const auto& o : record.at("outcomes").as_array())
    std::cout << "  outcome " << o.at("outcome_id") << ": " << text_of(o.at("progress")) << '\n';
  if (!record.at("recommendation").is_null())
    std::cout << "  recommendation to the LA: " << text_of(record.at("recommendation")) << '\n';
}

}  // namespace

void add_ehcp_review_commands(CLI::App* ehcp, const Globals& globals, int& exit_code,
                              const std::function<void(const json::value&)>& say_plan) {
  auto upn = [](CLI::App* cmd, Verb& v) { add_field(cmd, v, "UPN", "upn", Kind::text, "the pupil's UPN", true); };
  auto* invite = ehcp->add_subcommand("invite", "Record who was invited to the scheduled annual review meeting");
  auto i = verb(invite, globals, exit_code, "ehcp.review_invite", say_invitations);
  upn(invite, *i);
  add_field(invite, *i, "--name", "name", Kind::text, "who was invited (required)");
  add_field(invite, *i, "--role", "role", Kind::text,
            "parent, pupil, la_caseworker, health, social_care, teacher, ta or professional (required)");
  add_field(invite, *i, "--how", "how", Kind::text, "letter, email, in_person or phone (required)");
  add_date_field(invite, *i, "--date", "date", "the day the invitation went");

  auto* advice = ehcp->add_subcommand("advice", "Record advice asked for the scheduled annual review meeting");
  auto a = verb(advice, globals, exit_code, "ehcp.review_advice", say_advice);
  upn(advice, *a);
  add_field(advice, *a, "--author", "author", Kind::text, "whose advice (required)");
  add_field(advice, *a, "--role", "role", Kind::text,
            "school, educational_psychologist, health, social_care, la or other (required)");
  add_date_field(advice, *a, "--date", "date", "the day it was asked for");
  auto* came = ehcp->add_subcommand("advice-received", "Record the day advice asked for a review came");
  auto c = verb(came, globals, exit_code, "ehcp.review_advice_received", say_advice);
  upn(came, *c);
  add_field(came, *c, "--advice", "advice_id", Kind::number, "the advice (ehcp show --json: advice) (required)");
  add_date_field(came, *c, "--date", "date", "the day it came");

  auto* views = ehcp->add_subcommand("views", "Record the pupil's or the parents' views for the annual review");
  auto v = verb(views, globals, exit_code, "ehcp.review_views", say_record);
  upn(views, *v);
  add_field(views, *v, "--whose", "whose", Kind::text, "pupil or parent (required)");
  add_field(views, *v, "--important-now", "important_now", Kind::text, "what is important to me now");
  add_field(views, *v, "--important-future", "important_future", Kind::text, "what is important for my future");
  add_field(views, *v, "--working", "working", Kind::text, "what is working");
  add_field(views, *v, "--not-working", "not_working", Kind::text, "what is not working");
  add_date_field(views, *v, "--date", "date", "the day they were gathered");

  auto* attendance = ehcp->add_subcommand("attendance", "Record who came to the last annual review meeting");
  auto t = verb(attendance, globals, exit_code, "ehcp.review_attendance", say_invitations);
  upn(attendance, *t);
  t->list_may_be_empty = true;
  add_field(attendance, *t, "--came", "attended", Kind::number_list,
            "an invitation whose invitee came (ehcp invite lists them); repeat for more, none if nobody came");

  auto* outcome = ehcp->add_subcommand("outcome", "Record an outcome of the plan (Section E) as the plan words it");
  auto o = verb(outcome, globals, exit_code, "ehcp.outcome", say_outcomes);
  upn(outcome, *o);
  add_field(outcome, *o, "--outcome", "outcome", Kind::text, "the plan's wording (required)");
  add_date_field(outcome, *o, "--date", "date", "the day it came into the plan");
  auto* ended = ehcp->add_subcommand("outcome-end", "Record that an outcome left the plan");
  auto e = verb(ended, globals, exit_code, "ehcp.outcome_end", say_outcomes);
  upn(ended, *e);
  add_field(ended, *e, "--outcome", "outcome_id", Kind::number, "the outcome (ehcp outcome lists them) (required)");
  add_date_field(ended, *e, "--date", "date", "the day it left the plan");

  auto* judged = ehcp->add_subcommand(
      "review-outcomes", "Record the last meeting's judgement of each outcome, its amendments and recommendation");
  auto j = verb(judged, globals, exit_code, "ehcp.review_outcomes", say_record);
  upn(judged, *j);
  judged->add_option("--judge", j->judgements,
                     "ID=met|partly_met|not_met[::note] for each outcome in the plan; repeat for each (required)");
  add_field(judged, *j, "--amendments", "amendments", Kind::text, "the amendments proposed (needed for amend)");
  add_field(judged, *j, "--recommendation", "recommendation", Kind::text, "maintain, amend or cease (required)");

  struct Step {
    const char* name;
    const char* operation;
    const char* help;
    const char* date_help;
  };
  for (const auto& s :
       {Step{"amendment-notice", "ehcp.amendment_notice",
             "Record the day the LA sent the parents its proposed amendments", "the day it was sent"},
        Step{"amendment-response", "ehcp.amendment_response",
             "Record the day the parents responded to the proposed amendments", "the day they responded"},
        Step{"amended-plan", "ehcp.amended_plan", "Record the amended EHC plan's issue", "the day it was issued"}}) {
    auto* cmd = ehcp->add_subcommand(s.name, s.help);
    auto step = verb(cmd, globals, exit_code, s.operation, say_plan);
    upn(cmd, *step);
    add_date_field(cmd, *step, "--date", "date", s.date_help);
  }
}

}  // namespace senmap_cli
