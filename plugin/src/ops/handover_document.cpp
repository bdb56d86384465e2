// The SENCO's handover pack (report.handover) in words: one document a new SENCO reads in their
// first week and keeps to hand, each part a table they can act on.
#include <boost/json.hpp>

#include "ops/document_words.hpp"
#include "ops/report_documents.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

std::string pack_text(const json::value& v) {
  return words::text(v, "-");
}

std::string pack_pupil(const json::value& row) {
  return pack_text(row.at("pupil")) + " (" + pack_text(row.at("upn")) + ", Y" + pack_text(row.at("year")) + ")";
}

std::string pack_days(const json::value& left) {
  if (!left.is_number()) return "-";
  const auto n = left.to_number<std::int64_t>();
  return n < 0 ? std::to_string(-n) + " days overdue" : std::to_string(n) + " days left";
}

report::DocumentSection pack_plans_section(const json::value& r) {
  report::DocumentSection s;
  s.heading = "EHC plans and their next dates";
  report::DocumentTable plans{"Plans issued, the most pressing first", {"Pupil", "Next", "Due", "When"}, {}};
  for (const auto& p : r.at("ehc_plans").as_array())
    plans.rows.push_back(
        {pack_pupil(p), pack_text(p.at("next")), pack_text(p.at("due")), pack_days(p.at("days_left"))});
  if (plans.rows.empty())
    s.paragraphs.push_back("No issued EHC plan is recorded with its dates.");
  else
    s.tables.push_back(std::move(plans));
  const auto& missing = r.at("ehc_plans_without_dates").as_array();
  if (!missing.empty()) {
    report::DocumentTable t{
        "Held by the MIS as having a plan, its dates not yet recorded (senmap ehcp record-existing)",
        {"Pupil", "EHC status since"},
        {}};
    for (const auto& m : missing) t.rows.push_back({pack_pupil(m), pack_text(m.at("status_since"))});
    s.tables.push_back(std::move(t));
  }
  return s;
}

report::DocumentSection pack_assessments_section(const json::value& r) {
  report::DocumentSection s;
  s.heading = "EHC needs assessments in progress";
  report::DocumentTable t{
      "Requests and assessments on the statutory clock", {"Pupil", "Stage", "Next", "Due", "When"}, {}};
  for (const auto& a : r.at("assessments_in_progress").as_array())
    t.rows.push_back({pack_pupil(a), pack_text(a.at("stage")), pack_text(a.at("next")), pack_text(a.at("due")),
                      pack_days(a.at("days_left"))});
  if (t.rows.empty())
    s.paragraphs.push_back("No EHC needs assessment is in progress.");
  else
    s.tables.push_back(std::move(t));
  return s;
}

report::DocumentSection pack_reviews_section(const json::value& r) {
  report::DocumentSection s;
  s.heading = "SEN support reviews due this term";
  if (r.at("term_ends").is_string()) s.paragraphs.push_back("The term ends " + pack_text(r.at("term_ends")) + ".");
  report::DocumentTable t{"Reviews not yet held, overdue first", {"Pupil", "Review due", "Overdue"}, {}};
  for (const auto& v : r.at("reviews_due_this_term").as_array())
    t.rows.push_back({pack_pupil(v), pack_text(v.at("review_due")), pack_text(v.at("overdue"))});
  if (t.rows.empty())
    s.paragraphs.push_back("No review falls due before the end of term.");
  else
    s.tables.push_back(std::move(t));
  return s;
}

report::DocumentSection pack_register_section(const json::object& reg) {
  report::DocumentSection s;
  s.heading = "The register against England";
  const auto& school = reg.at("school");
  const auto& national = reg.at("national");
  s.tables.push_back(
      {"On the register, of a roll of " + pack_text(reg.at("roll")),
       {"Status", "Pupils", "% of roll", "England"},
       {{"SEN support", pack_text(school.at("sen_support")), words::percent(school.at("sen_support_percent"), "-"),
         words::percent(national.at("sen_support_percent"), "-")},
        {"EHC plan", pack_text(school.at("ehc_plan")), words::percent(school.at("ehc_plan_percent"), "-"),
         words::percent(national.at("ehc_plan_percent"), "-")}}});
  report::DocumentTable needs{"By primary need", {"Need", "SEN support", "EHC plans", "% of the register"}, {}};
  for (const auto& n : reg.at("by_need").as_array())
    needs.rows.push_back({pack_text(n.at("need")), pack_text(n.at("sen_support")), pack_text(n.at("ehc_plan")),
                          words::percent(n.at("percent_of_register"), "-")});
  s.tables.push_back(std::move(needs));
  return s;
}

report::DocumentSection pack_budget_section(const json::object& b) {
  report::DocumentSection s;
  s.heading = "The provision map's spend against the SEND budget";
  if (!b.at("budget_entered").as_bool())
    s.paragraphs.push_back("No SEND budget is entered for " + pack_text(b.at("academic_year")) +
                           " (senmap budget set).");
  report::DocumentTable t{"SEND money " + pack_text(b.at("academic_year")), {"Item", "Amount"}, {}};
  t.rows.push_back({"Income entered", words::money(b.at("income_total"), "none entered")});
  for (const auto& w : b.at("spend_by_wave").as_array())
    t.rows.push_back({"Spend, wave " + pack_text(w.at("wave")), words::money(w.at("spend"), "-")});
  for (const auto& a : b.at("spend_by_area").as_array())
    t.rows.push_back({"Spend, " + pack_text(a.at("area")), words::money(a.at("spend"), "-")});
  t.rows.push_back({"Spend in all", words::money(b.at("spend_total"), "-")});
  t.rows.push_back({"Balance", words::money(b.at("balance"), "no budget entered")});
  s.tables.push_back(std::move(t));
  return s;
}

report::DocumentSection pack_flags_section(const json::object& f) {
  report::DocumentSection s;
  s.heading = "Open flags";
  report::DocumentTable rules{"Active flags by rule", {"Rule", "Active"}, {}};
  for (const auto& r : f.at("by_rule").as_array())
    rules.rows.push_back({pack_text(r.at("title")), pack_text(r.at("active"))});
  if (rules.rows.empty())
    s.paragraphs.push_back("No flag is active.");
  else
    s.tables.push_back(std::move(rules));
  report::DocumentTable high{"High severity: act on these first", {"Pupil", "Flag", "Why"}, {}};
  for (const auto& h : f.at("high").as_array())
    high.rows.push_back({pack_text(h.at("pupil")) + " (" + pack_text(h.at("upn")) + ")", pack_text(h.at("title")),
                         pack_text(h.at("explanation"))});
  if (!high.rows.empty()) s.tables.push_back(std::move(high));
  return s;
}

report::DocumentSection pack_agencies_section(const json::array& agencies) {
  report::DocumentSection s;
  s.heading = "Agencies and their contacts";
  report::DocumentTable t{
      "The agency directory",
      {"Agency", "Service", "Contact", "Phone", "Email", "How to refer", "Stated wait (weeks)", "Pupils now"},
      {}};
  for (const auto& a : agencies)
    t.rows.push_back({pack_text(a.at("name")), pack_text(a.at("service")), pack_text(a.at("contact")),
                      pack_text(a.at("phone")), pack_text(a.at("email")), pack_text(a.at("referral_route")),
                      pack_text(a.at("waiting_weeks")), pack_text(a.at("pupils_involved_now"))});
  if (t.rows.empty())
    s.paragraphs.push_back("No agency is in the directory (senmap agency save).");
  else
    s.tables.push_back(std::move(t));
  return s;
}

report::DocumentSection pack_training_section(const json::object& t) {
  report::DocumentSection s;
  s.heading = "Where staff training is most needed";
  report::DocumentTable areas{
      "By area of need", {"Area of need", "Register pupils", "Staff needing training", "Staff ready"}, {}};
  for (const auto& a : t.at("areas").as_array())
    areas.rows.push_back({pack_text(a.at("area")), pack_text(a.at("register_pupils")),
                          pack_text(a.at("staff_needing_training")), words::percent(a.at("percent_staff_ready"), "-")});
  s.tables.push_back(std::move(areas));
  std::string most;
  for (const auto& m : t.at("training_most_needed").as_array())
    most += (most.empty() ? "" : ", then ") + pack_text(m.at("area"));
  if (!most.empty()) s.paragraphs.push_back("Training first in " + most + ".");
  return s;
}

}  // namespace

report::Document handover_document(const json::value& r) {
  report::Document d;
  d.title = "SENCO handover pack";
  d.subtitle =
      pack_text(r.at("school_name")) + " (" + pack_text(r.at("school")) + "), as of " + pack_text(r.at("as_of"));
  d.sections.push_back(pack_plans_section(r));
  d.sections.push_back(pack_assessments_section(r));
  d.sections.push_back(pack_reviews_section(r));
  const auto& o = r.as_object();
  if (const auto* reg = o.if_contains("register")) d.sections.push_back(pack_register_section(reg->as_object()));
  if (const auto* b = o.if_contains("budget")) d.sections.push_back(pack_budget_section(b->as_object()));
  if (const auto* f = o.if_contains("flags")) d.sections.push_back(pack_flags_section(f->as_object()));
  if (const auto* a = o.if_contains("agencies")) d.sections.push_back(pack_agencies_section(a->as_array()));
  if (const auto* t = o.if_contains("training")) d.sections.push_back(pack_training_section(t->as_object()));
  d.notes.push_back("This pack names pupils: keep it as you keep their SEN records, and not beyond your handover.");
  return d;
}

}  // namespace sm::ops
