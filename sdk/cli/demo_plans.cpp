#include "demo_plans.hpp"

#include <boost/json.hpp>
#include <random>

#include "operation_call.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;
using sm::model::add_days;

constexpr int kWeeksToReview = 12;     // a cycle a term, near enough
constexpr int kStaggerWeeks = 10;      // first assessments from the autumn's second week to November
constexpr int kNewPupilDays = 28;      // on the register this recently: assessment still to come
constexpr int kReviewSlipsOneIn = 25;  // a review that slips past its date (the flags show it)

}  // namespace

RollingPlans seed_rolling_plans(senmap_cpp::Database& db, const DemoYear& year,
                                const std::vector<const json::object*>& pupils) {
  RollingPlans out;
  std::mt19937_64 noise(2027);  // the raw engine: the same sequence everywhere
  int n = 0;
  for (const auto* pupil : pupils) {
    ++n;
    const std::string upn(pupil->at("upn").as_string());
    auto since = sm::model::parse_date(std::string(pupil->at("status_since").as_string()));
    if (!since || year.today < add_days(*since, kNewPupilDays)) {
      ++out.awaiting;
      continue;
    }
    // A school running senmap since last year: its plans began then.
    Date assess = year.open_on_or_after(
        std::max(add_days(year.last_autumn_assess, 7 * (n % kStaggerWeeks)), add_days(*since, 7)));
    if (!year.happened(assess)) {
      ++out.awaiting;
      continue;
    }
    // The first assessment is shared with the parents; after that, each review meeting is.
    call(db, "parent.meeting", {{"upn", upn}, {"date", text(assess)}, {"notes", "Assessment shared; views gathered"}});
    ++out.meetings;
    for (;;) {
      const Date planned = std::min(year.open_on_or_after(add_days(assess, 2)), year.today);
      const Date due = year.open_on_or_after(add_days(planned, 7 * kWeeksToReview));
      auto cycle = call(db, "cycle.assess",
                        {{"upn", upn},
                         {"date", text(assess)},
                         {"pupil_views", "Some lessons are hard to follow"},
                         {"parent_views", "Homework takes a long time"}});
      auto plan =
          call(db, "cycle.plan",
               {{"cycle_id", cycle.at("id")},
                {"date", text(planned)},
                {"review_due", text(due)},
                {"targets",
                 json::array{json::object{{"target", "Start written tasks with the support strategy, without a prompt"},
                                          {"success_criteria", "seen in 4 of 5 lessons by the class teacher"}}}}});
      ++out.cycles;
      if (!year.happened(due) || n % kReviewSlipsOneIn == 7) break;
      static const char* results[] = {"achieved", "partly", "partly", "not"};
      const std::string result = results[noise() % 4];
      json::object review{{"cycle_id", cycle.at("id")},
                          {"date", text(due)},
                          {"next_step", result == "not" ? "step_up" : "continue"},
                          {"targets", json::array{json::object{{"id", plan.at("plan").at("targets").at(0).at("id")},
                                                               {"result", result},
                                                               {"evidence", "class teacher's record"}}}},
                          {"parent_views", "We see it at home too"},
                          {"teacher_views", "Better with the strategy on the desk"}};
      // Most pupils give their view at review; some reviews go ahead without it (the governors'
      // report counts how often it was heard).
      if (n % 4 != 3) review["pupil_views"] = "The card on my desk helps me start";
      call(db, "cycle.review", review);
      call(db, "parent.meeting", {{"upn", upn}, {"date", text(due)}, {"notes", "Review shared"}});
      ++out.reviews;
      ++out.meetings;
      assess = due;  // the review is the next cycle's assessment
    }
  }
  return out;
}

}  // namespace senmap_cli
