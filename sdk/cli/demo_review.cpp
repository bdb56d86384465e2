#include "demo_review.hpp"

#include <boost/json.hpp>

#include "operation_call.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;
using sm::model::add_days;

}  // namespace

void seed_annual_review(senmap_cpp::Database& db, const DemoYear& year, const std::string& upn, Date meeting,
                        const std::vector<std::int64_t>& outcomes, const std::string& decision) {
  call(db, "ehcp.review_meeting", {{"upn", upn}, {"date", text(meeting)}});
  // Recorded after the day, as a school entering a review does: the meeting first, then what led to it.
  json::array came;
  for (const auto& [name, role] : {std::pair{"Parent or carer", "parent"}, std::pair{"Class teacher", "teacher"},
                                   std::pair{"Educational psychologist", "professional"}}) {
    auto invited =
        call(db, "ehcp.review_invite",
             {{"upn", upn}, {"name", name}, {"role", role}, {"how", "letter"}, {"date", text(add_days(meeting, -15))}});
    if (std::string(role) != "professional") came.push_back(invited.at("invitations").as_array().back().at("id"));
  }
  auto asked = call(db, "ehcp.review_advice",
                    {{"upn", upn},
                     {"author", "Educational psychologist"},
                     {"role", "educational_psychologist"},
                     {"date", text(add_days(meeting, -35))}});
  call(db, "ehcp.review_advice_received",
       {{"upn", upn}, {"advice_id", asked.at("id")}, {"date", text(add_days(meeting, -16))}});
  call(db, "ehcp.review_views",
       {{"upn", upn},
        {"whose", "pupil"},
        {"important_now", "My friends and my football team"},
        {"important_future", "Going to secondary school with my friends"},
        {"working", "Working in the small group; my visual timetable"},
        {"not_working", "Busy lunchtimes"},
        {"date", text(add_days(meeting, -7))}});
  call(db, "ehcp.review_views",
       {{"upn", upn},
        {"whose", "parent"},
        {"important_now", "Feeling settled in class"},
        {"working", "The home-school book"},
        {"not_working", "Homework takes a long time"},
        {"date", text(add_days(meeting, -7))}});
  call(db, "ehcp.review_attendance", {{"upn", upn}, {"attended", came}});
  json::array judged;
  const char* progress[] = {"met", "partly_met"};
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    judged.push_back({{"outcome_id", outcomes[i]}, {"progress", progress[i % 2]}, {"note", ""}});
  json::object record{{"upn", upn}, {"outcomes", judged}, {"recommendation", decision}};
  if (decision == "amend") record["amendments"] = "Replace the first outcome, now met, with the next step";
  call(db, "ehcp.review_outcomes", record);
  const Date reported = add_days(meeting, 10), decided = add_days(meeting, 25);
  if (!year.happened(reported)) return;
  call(db, "ehcp.review_report", {{"upn", upn}, {"date", text(reported)}});
  if (!year.happened(decided)) return;
  call(db, "ehcp.review_decision", {{"upn", upn}, {"decision", decision}, {"date", text(decided)}});
  if (decision != "amend") return;
  const Date notice = add_days(decided, 5), response = add_days(notice, 12), amended = add_days(notice, 42);
  if (!year.happened(notice)) return;
  call(db, "ehcp.amendment_notice", {{"upn", upn}, {"date", text(notice)}});
  if (!year.happened(response)) return;
  call(db, "ehcp.amendment_response", {{"upn", upn}, {"date", text(response)}});
  if (year.happened(amended)) call(db, "ehcp.amended_plan", {{"upn", upn}, {"date", text(amended)}});
}

}  // namespace senmap_cli
