// senmap ehcp request | decision | issue | existing | cease | transfer-la | import | review | report |
// review-decision | show | provision:
// EHC plans and their clock (the review's other steps are in ehcp_review.cpp)
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

// Section F: each line's hours specified to date against hours delivered.
void say_section_f(const json::value& lines) {
  for (const auto& l : lines.as_array())
    std::cout << "  Section F " << l.at("id") << ": " << text_of(l.at("description")) << ", "
              << text_of(l.at("hours_per_week")) << " h/week: " << text_of(l.at("delivered_hours")) << " of "
              << text_of(l.at("specified_hours")) << " hours delivered (" << text_of(l.at("delivered_percent")) << "%, "
              << text_of(l.at("period").at("basis")) << ")\n";
}

void say_plan(const json::value& e) {
  std::cout << "EHC plan for " << text_of(e.at("upn")) << " (LA " << text_of(e.at("la")) << "): ";
  if (e.at("request_date").is_null())
    std::cout << "held before senmap";
  else
    std::cout << "requested " << text_of(e.at("request_date"));
  if (!e.at("decision").is_null())
    std::cout << ", decision " << text_of(e.at("decision")) << " on " << text_of(e.at("decision_date"));
  if (!e.at("issue_date").is_null()) std::cout << ", issued " << text_of(e.at("issue_date"));
  const auto& reviews = e.at("review_meetings").as_array();
  if (!reviews.empty()) std::cout << ", last annual review " << text_of(reviews.back());
  if (const auto* last = e.as_object().if_contains("last_review"); last && last->is_object()) {
    if (!last->at("report_sent_on").is_null()) std::cout << " (report sent " << text_of(last->at("report_sent_on"));
    if (!last->at("la_decision").is_null())
      std::cout << (last->at("report_sent_on").is_null() ? " (" : "; ") << "LA: " << text_of(last->at("la_decision"))
                << " on " << text_of(last->at("la_decided_on"));
    if (!last->at("report_sent_on").is_null() || !last->at("la_decision").is_null()) std::cout << ")";
    for (const auto& [key, words] : {std::pair{"amendment_notice_on", "; amendment notice "},
                                     {"parents_responded_on", "; parents responded "},
                                     {"amended_plan_issued_on", "; amended plan issued "}})
      if (const auto* d = last->as_object().if_contains(key); d && !d->is_null()) std::cout << words << text_of(*d);
  }
  if (const auto* next = e.as_object().if_contains("scheduled_review"); next && !next->is_null())
    std::cout << ", next meeting scheduled " << text_of(*next);
  std::cout << '\n';
  const auto& overdue = e.at("overdue").as_object();
  for (const auto& [key, due] : e.at("deadlines").as_object())
    std::cout << "  " << std::string(key) << " due " << text_of(due) << (overdue.contains(key) ? "  OVERDUE" : "")
              << '\n';
  for (const auto& w : e.at("warnings").as_array()) std::cout << "  warning: " << text_of(w) << '\n';
  say_section_f(e.at("section_f"));
}

}  // namespace

void add_ehcp_command(CLI::App& app, const Globals& globals, int& exit_code) {
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
  auto* existing = ehcp->add_subcommand(
      "existing", "Record an EHC plan the school already holds, so its annual review is on the clock");
  auto x = verb(existing, globals, exit_code, "ehcp.record_existing", say_plan);
  upn(existing, *x);
  add_field(existing, *x, "--la", "la", Kind::text, "the LA that maintains the plan, e.g. 938 (required)");
  add_field(existing, *x, "--issued", "issue_date", Kind::date, "the date the plan was issued (required)");
  add_field(existing, *x, "--last-review", "last_review_date", Kind::date, "the last annual review meeting, if any");
  add_field(existing, *x, "--statement-issued", "statement_issued_on", Kind::date,
            "a plan that replaced a statement of SEN: the day the statement was issued");
  auto* cease = ehcp->add_subcommand("cease", "Record that the LA ceased the plan outside an annual review");
  auto c = verb(cease, globals, exit_code, "ehcp.cease", [](const json::value& r) {
    std::cout << "EHC plan of " << text_of(r.at("upn")) << " ceased on " << text_of(r.at("ceased_on")) << ": "
              << text_of(r.at("why")) << '\n';
  });
  upn(cease, *c);
  add_date_field(cease, *c, "--date", "date", "the day the LA ceased the plan");
  add_field(cease, *c, "--why", "why", Kind::text, "why, in a few words (required)");
  auto* moved = ehcp->add_subcommand("transfer-la", "Record the plan transferred to another LA (the family moved)");
  auto m = verb(moved, globals, exit_code, "ehcp.transfer_la", [](const json::value& r) {
    std::cout << "EHC plan of " << text_of(r.at("upn")) << " now maintained by LA " << text_of(r.at("la")) << '\n';
  });
  upn(moved, *m);
  add_field(moved, *m, "--la", "la", Kind::text, "the LA that now maintains it, e.g. 881 (required)");
  add_date_field(moved, *m, "--date", "date", "the day the plan transferred");
  add_sheet_import(
      ehcp, globals, exit_code,
      {"Record every EHC plan the school holds from a spreadsheet: CSV or Excel .xlsx (all rows or none)",
       "one row a plan",
       "Columns: upn, la, issue_date, and optionally last_review_date, statement_issued_on and section_f "
       "(\"description = hours a week\" lines separated by ;); \"Issue date\" reads too. Dates as YYYY-MM-DD, "
       "DD/MM/YYYY or spreadsheet dates.",
       "EHC plans", [](senmap_cpp::Database& db, const std::string& file) { return db.import_ehc_plans(file); }});
  auto* review =
      ehcp->add_subcommand("review", "Schedule the next annual review meeting (a date ahead) or record one held");
  auto r = verb(review, globals, exit_code, "ehcp.review_meeting", say_plan);
  upn(review, *r);
  add_date_field(review, *r, "--date", "date", "the date of the meeting");
  auto* report = ehcp->add_subcommand("report", "Record the day the last annual review's report went to the LA");
  auto p = verb(report, globals, exit_code, "ehcp.review_report", say_plan);
  upn(report, *p);
  add_date_field(report, *p, "--date", "date", "the day it was sent");
  auto* after = ehcp->add_subcommand("review-decision", "Record the LA's decision after the last annual review");
  auto a = verb(after, globals, exit_code, "ehcp.review_decision", say_plan);
  upn(after, *a);
  add_field(after, *a, "--decision", "decision", Kind::text, "maintain, amend or cease (required)");
  add_date_field(after, *a, "--date", "date", "the date of the LA's decision");
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
  add_ehcp_review_commands(ehcp, globals, exit_code, say_plan);
}

}  // namespace senmap_cli
