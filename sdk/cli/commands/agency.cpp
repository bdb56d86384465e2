// senmap agency save|list|involve|team|advice: the school's agency directory, the team around
// each child and the agencies' advice kept with a cycle (agency.*, cycle.advice).
#include <boost/json.hpp>
#include <iostream>

#include "cli.hpp"
#include "verbs.hpp"

namespace senmap_cli {
namespace json = boost::json;
namespace {

void say_involvement(const json::value& i) {
  std::cout << text_of(i.at("agency")) << " (" << text_of(i.at("service")) << ")";
  if (!i.at("professional").is_null()) std::cout << ", " << text_of(i.at("professional"));
  std::cout << ": " << text_of(i.at("status"));
  if (!i.at("involved_from").is_null()) std::cout << " since " << text_of(i.at("involved_from"));
  if (!i.at("referred_on").is_null()) std::cout << ", referred " << text_of(i.at("referred_on"));
  if (i.at("days_waiting").is_int64()) std::cout << " (" << text_of(i.at("days_waiting")) << " days waiting)";
  if (!i.at("ended_on").is_null()) std::cout << ", ended " << text_of(i.at("ended_on"));
  if (!i.at("outcome").is_null()) std::cout << ": " << text_of(i.at("outcome"));
  std::cout << '\n';
}

}  // namespace

void add_agency_command(CLI::App& app, const Globals& globals, int& exit_code) {
  auto* agency = app.add_subcommand("agency", "The agencies the school works with and the team around each child");
  agency->require_subcommand(1);

  auto* save = agency->add_subcommand(
      "save", "Add an agency to the directory or bring its entry up to date (the same name again updates it)");
  auto s = verb(save, globals, exit_code, "agency.save", [](const json::value& a) {
    std::cout << "Agency " << text_of(a.at("agency_id")) << ": " << text_of(a.at("name")) << " ("
              << text_of(a.at("service")) << ")\n";
  });
  add_field(save, *s, "NAME", "name", Kind::text, "the agency's name", true);
  add_field(save, *s, "--service", "service", Kind::text,
            "educational_psychology, speech_and_language_therapy, occupational_therapy, physiotherapy, camhs, "
            "specialist_teaching, sensory_support, social_care, school_nursing, paediatrics, early_help, "
            "send_information_advice or other",
            true);
  add_field(save, *s, "--contact", "contact", Kind::text, "the person or desk to contact");
  add_field(save, *s, "--phone", "phone", Kind::text, "their phone number");
  add_field(save, *s, "--email", "email", Kind::text, "their email address");
  add_field(save, *s, "--offers", "offers", Kind::text, "what they offer");
  add_field(save, *s, "--referral-route", "referral_route", Kind::text, "how to refer");
  add_field(save, *s, "--waiting-weeks", "waiting_weeks", Kind::number, "the wait the service states, in weeks");
  add_field(save, *s, "--id", "agency_id", Kind::number, "the agency to change (to rename it)");
  add_field(save, *s, "--school", "school", Kind::text, "the school as LA-Estab (a trust's database)");

  auto* list = agency->add_subcommand("list", "The agency directory with the pupils each works with now");
  auto l = verb(list, globals, exit_code, "agency.list", [](const json::value& x) {
    const auto& rows = x.at("agencies").as_array();
    if (rows.empty()) std::cout << "No agency is in the directory yet (senmap agency save)\n";
    for (const auto& a : rows)
      std::cout << text_of(a.at("agency_id")) << "  " << text_of(a.at("name")) << " (" << text_of(a.at("service"))
                << ")  " << text_of(a.at("contact")) << "  " << text_of(a.at("phone")) << "  " << text_of(a.at("email"))
                << "  pupils now " << text_of(a.at("pupils_involved_now")) << ", referrals waiting "
                << text_of(a.at("referrals_waiting")) << '\n';
  });
  add_field(list, *l, "--school", "school", Kind::text, "one school of a trust's database, as LA-Estab");

  auto* involve = agency->add_subcommand(
      "involve", "Record a referral to an agency or its involvement with a pupil (--id changes one already recorded)");
  auto i = verb(involve, globals, exit_code, "agency.involve", [](const json::value& x) {
    std::cout << text_of(x.at("upn")) << " (involvement " << text_of(x.at("involvement_id")) << "): ";
    say_involvement(x);
  });
  add_field(involve, *i, "UPN", "upn", Kind::text, "the pupil's UPN", true);
  add_field(involve, *i, "--agency", "agency_id", Kind::number, "the agency's id (senmap agency list)", true);
  add_field(involve, *i, "--id", "involvement_id", Kind::number, "the involvement to change");
  add_field(involve, *i, "--professional", "professional", Kind::text, "the professional working with the pupil");
  add_field(involve, *i, "--referred", "referred_on", Kind::date, "the day the school referred the pupil");
  add_field(involve, *i, "--decision", "decision", Kind::text, "accepted, declined or redirected");
  add_field(involve, *i, "--decided", "decided_on", Kind::date, "the day of the decision");
  add_field(involve, *i, "--from", "involved_from", Kind::date, "the day the agency began working with the pupil");
  add_field(involve, *i, "--ended", "ended_on", Kind::date, "the day the involvement ended");
  add_field(involve, *i, "--outcome", "outcome", Kind::text, "what came of it");

  auto* team = agency->add_subcommand("team", "The team around a pupil: agencies involved now and before, advice");
  auto t = verb(team, globals, exit_code, "agency.team", [](const json::value& x) {
    const auto& now = x.at("team").as_array();
    if (now.empty()) std::cout << "No agency is involved with " << text_of(x.at("upn")) << " now\n";
    for (const auto& row : now) say_involvement(row);
    for (const auto& row : x.at("past").as_array()) {
      std::cout << "before: ";
      say_involvement(row);
    }
    for (const auto& a : x.at("advice").as_array())
      std::cout << "advice " << text_of(a.at("received_on")) << " from " << text_of(a.at("author")) << " ("
                << text_of(a.at("agency")) << ") to the cycle of " << text_of(a.at("cycle_assessed_on")) << ": "
                << text_of(a.at("recommendations")) << '\n';
  });
  add_field(team, *t, "UPN", "upn", Kind::text, "the pupil's UPN", true);

  auto* advice = agency->add_subcommand("advice", "Keep an agency's report with the cycle it informed");
  auto a = verb(advice, globals, exit_code, "cycle.advice", [](const json::value& x) {
    std::cout << "Kept advice from " << text_of(x.at("author")) << " (" << text_of(x.at("agency")) << ") with cycle "
              << text_of(x.at("cycle_id")) << '\n';
  });
  add_field(advice, *a, "CYCLE_ID", "cycle_id", Kind::number, "the cycle", true);
  add_field(advice, *a, "--agency", "agency_id", Kind::number, "the agency's id", true);
  add_field(advice, *a, "--author", "author", Kind::text, "who wrote the report", true);
  add_date_field(advice, *a, "--received", "received_on", "the day the report came");
  add_field(advice, *a, "--recommendations", "recommendations", Kind::text, "what it recommends", true);
  add_field(advice, *a, "--document", "document", Kind::text, "where the report is kept");
}

}  // namespace senmap_cli
