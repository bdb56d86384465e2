// senmap cycle assess | plan | review | show | list: assess, plan, do, review
#include <boost/json.hpp>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

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

}  // namespace

void add_cycle_command(CLI::App& app, const Globals& globals, int& exit_code) {
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

}  // namespace senmap_cli
