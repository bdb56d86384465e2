// The governors' SEND report (report.governors) in words: as the document a governor reads and
// prints (report::Document, for the page, the HTML file and its PDF) and as one table of its
// figures for a spreadsheet. A hidden count reads "fewer than 5", never a number or a blank.
#include <boost/json.hpp>

#include "model/number_text.hpp"
#include "ops/document_words.hpp"
#include "ops/operation.hpp"
#include "ops/report_documents.hpp"
#include "report/document.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

constexpr const char* kHidden = "fewer than 5";

// A pupil count or a figure resting on one: null is a hidden small group.
std::string pupils_text(const json::value& v) {
  return v.is_number() ? model::count_text(v.to_number<std::int64_t>()) : kHidden;
}
std::string percent_or_hidden(const json::value& v) {
  return words::percent(v, kHidden);
}
std::string rate_or_hidden(const json::value& v) {
  return words::text(v, kHidden);
}
// A national figure: null is one the publication does not give.
std::string national_percent(const json::value& v) {
  return words::percent(v, "not published");
}
std::string national_rate(const json::value& v) {
  return words::text(v, "not published");
}
std::string money(const json::value& v) {
  return words::money(v, "none entered");
}
std::string text(const json::value& v) {
  return words::text(v);
}

// A section headed by the governor's question it answers.
report::DocumentSection headed(const json::object& s) {
  report::DocumentSection out;
  out.heading = std::string(s.at("question").as_string());
  return out;
}

const json::object* section(const json::value& report, const char* name) {
  const auto& sections = report.at("sections").as_object();
  const auto* s = sections.if_contains(name);
  return s && s->is_object() ? &s->as_object() : nullptr;
}

report::DocumentSection register_words(const json::object& s) {
  auto out = headed(s);
  out.tables.push_back(
      {"The register against England",
       {"Status", "Pupils", "% of roll", "England"},
       {{"SEN support", pupils_text(s.at("sen_support")), percent_or_hidden(s.at("sen_support_percent")),
         national_percent(s.at("national_sen_support_percent"))},
        {"EHC plan", pupils_text(s.at("ehc_plan")), percent_or_hidden(s.at("ehc_plan_percent")),
         national_percent(s.at("national_ehc_plan_percent"))}}});
  report::DocumentTable needs{
      "By primary need: each need's share of SEN support and of EHC plans",
      {"Need", "Area", "SEN support", "% of SEN support", "England", "EHC plans", "% of EHC plans", "England"},
      {}};
  for (const auto& n : s.at("by_need").as_array()) {
    const auto& need = n.as_object();
    if (need.at("sen_support") == 0 && need.at("ehc_plan") == 0) continue;  // none in the school
    needs.rows.push_back({text(need.at("need")), text(need.at("area")), pupils_text(need.at("sen_support")),
                          percent_or_hidden(need.at("sen_support_percent")),
                          national_percent(need.at("national_sen_support_percent")), pupils_text(need.at("ehc_plan")),
                          percent_or_hidden(need.at("ehc_plan_percent")),
                          national_percent(need.at("national_ehc_plan_percent"))});
  }
  out.tables.push_back(std::move(needs));
  out.notes.push_back("England: " + text(s.at("national_source")) + "; by need: " + text(s.at("by_need_source")) + ".");
  return out;
}

report::DocumentSection attendance_words(const json::object& s) {
  auto out = headed(s);
  report::DocumentTable t{
      "Attendance " + text(s.at("academic_year")) + " so far",
      {"Group", "Pupils", "Attendance", "Persistently absent (below 90%)", "Severely absent (below 50%)"},
      {}};
  for (const auto& g : s.at("groups").as_array())
    t.rows.push_back({text(g.at("group")), pupils_text(g.at("pupils")), percent_or_hidden(g.at("attendance_percent")),
                      percent_or_hidden(g.at("persistent_absence_percent")),
                      percent_or_hidden(g.at("severe_absence_percent"))});
  out.tables.push_back(std::move(t));
  return out;
}

report::DocumentSection exclusions_words(const json::object& s) {
  auto out = headed(s);
  report::DocumentTable t{"Suspensions and permanent exclusions " + text(s.at("academic_year")) + " so far",
                          {"Group", "Pupils", "Suspensions", "Per 100 pupils", "England", "Permanent exclusions",
                           "Per 100 pupils", "England"},
                          {}};
  for (const auto& g : s.at("groups").as_array())
    t.rows.push_back({text(g.at("label")), pupils_text(g.at("pupils")), pupils_text(g.at("suspensions")),
                      rate_or_hidden(g.at("suspension_rate")), national_rate(g.at("national_suspension_rate")),
                      pupils_text(g.at("permanent_exclusions")), rate_or_hidden(g.at("permanent_exclusion_rate")),
                      national_rate(g.at("national_permanent_exclusion_rate"))});
  out.tables.push_back(std::move(t));
  out.notes.push_back("England: " + text(s.at("national_source")) +
                      " (all pupils only: rates by SEN provision are not shown where no publication gives them).");
  return out;
}

report::DocumentSection attainment_words(const json::object& s) {
  auto out = headed(s);
  report::DocumentTable t{"The latest term of each measure: pupils without SEN against pupils with SEN",
                          {"Measure", "Term", "Pupils with SEN", "Their mean", "Others' mean", "Gap",
                           "Gap in standard deviations", "Terms held", "Trend"},
                          {}};
  for (const auto& m : s.at("measures").as_array())
    t.rows.push_back({text(m.at("measure")), text(m.at("term")), pupils_text(m.at("sen_pupils")),
                      rate_or_hidden(m.at("sen_mean")), rate_or_hidden(m.at("no_sen_mean")),
                      rate_or_hidden(m.at("gap")), rate_or_hidden(m.at("gap_sd")), text(m.at("terms")),
                      m.at("trend").is_string() ? text(m.at("trend")) : "too few terms to tell"});
  out.tables.push_back(std::move(t));
  out.notes.push_back(text(s.at("trend_rule")) + ".");
  return out;
}

report::DocumentSection funding_words(const json::object& s) {
  auto out = headed(s);
  if (!s.at("entered").is_bool() || !s.at("entered").as_bool()) {
    out.paragraphs.push_back("No SEND budget is entered for the year (senmap budget set): spend is shown without it.");
    if (!s.contains("spend_total")) return out;
  }
  report::DocumentTable t{"SEND money " + text(s.at("academic_year")), {"Item", "Amount"}, {}};
  t.rows.push_back({"Notional SEN budget", money(s.at("notional_sen_budget"))});
  t.rows.push_back({"EHC plan top-ups (" + pupils_text(s.at("plans_funded")) + " plans)", money(s.at("top_up_total"))});
  t.rows.push_back({"Other SEND income", money(s.at("other_income"))});
  t.rows.push_back({"Income in all", money(s.at("income_total"))});
  for (const auto& w : s.at("spend_by_wave").as_array())
    t.rows.push_back({"Provision spend, wave " + text(w.at("wave")), money(w.at("spend"))});
  t.rows.push_back({"Provision spend in all", money(s.at("spend_total"))});
  t.rows.push_back({"Balance", money(s.at("balance"))});
  t.rows.push_back({"Spend per pupil on the register", money(s.at("spend_per_pupil_on_register"))});
  out.tables.push_back(std::move(t));
  return out;
}

report::DocumentSection agencies_words(const json::object& s) {
  auto out = headed(s);
  out.paragraphs.push_back("Pupils working with an external agency now: " + pupils_text(s.at("pupils_involved_now")) +
                           ". Referrals waiting: " + pupils_text(s.at("referrals_waiting")) +
                           ". Referrals made this year: " + pupils_text(s.at("referrals_this_year")) +
                           ". Involvements ended this year: " + pupils_text(s.at("ended_this_year")) +
                           ". Agencies' reports received this year, their advice kept with the pupil's plan: " +
                           text(s.at("advice_reports_this_year")) + ".");
  report::DocumentTable t{
      "By service",
      {"Service", "Pupils now", "Referrals waiting", "Referred this year", "Ended this year", "Reports this year"},
      {}};
  for (const auto& a : s.at("by_service").as_array())
    t.rows.push_back({text(a.at("service")), pupils_text(a.at("pupils_involved_now")),
                      pupils_text(a.at("referrals_waiting")), pupils_text(a.at("referrals_this_year")),
                      pupils_text(a.at("ended_this_year")), text(a.at("advice_reports_this_year"))});
  if (!t.rows.empty()) out.tables.push_back(std::move(t));
  return out;
}

report::DocumentSection training_words(const json::object& s) {
  auto out = headed(s);
  out.paragraphs.push_back("This year: " + text(s.at("courses_this_year")) + " SEND courses, " +
                           text(s.at("staff_trained_this_year")) + " members of staff trained, " +
                           text(s.at("hours_this_year")) + " hours recorded.");
  report::DocumentTable t{"Staff ready for the needs of the pupils they teach or support, by area of need",
                          {"Area of need", "Staff working with those pupils", "Trained or confident"},
                          {}};
  for (const auto& a : s.at("readiness_by_area").as_array())
    t.rows.push_back({text(a.at("area")), text(a.at("staff_working_with_them")),
                      a.at("percent_staff_ready").is_number()
                          ? model::percent_text(a.at("percent_staff_ready").to_number<double>())
                          : "no pupils with this need"});
  if (!t.rows.empty()) out.tables.push_back(std::move(t));
  std::string most;
  for (const auto& m : s.at("training_most_needed").as_array()) most += (most.empty() ? "" : ", then ") + text(m);
  if (!most.empty()) out.paragraphs.push_back("Training is most needed in " + most + ".");
  return out;
}

report::DocumentSection voice_words(const json::object& s) {
  auto out = headed(s);
  out.paragraphs.push_back("Reviews of SEN support this year: " + pupils_text(s.at("reviews_this_year")) +
                           ". The pupil's own views were recorded at " +
                           percent_or_hidden(s.at("with_pupil_views_percent")) + " of them, the parents' at " +
                           percent_or_hidden(s.at("with_parent_views_percent")) + ".");
  out.paragraphs.push_back("Meetings with parents this year: " + pupils_text(s.at("parent_meetings_this_year")) +
                           ", with the parents of " + pupils_text(s.at("pupils_whose_parents_met_school")) +
                           " pupils.");
  out.notes.push_back(text(s.at("note")) + ".");
  return out;
}

report::DocumentSection senco_words(const json::object& s) {
  auto out = headed(s);
  out.paragraphs.push_back(
      "SENCO hours a week: " + text(s.at("hours_per_week")) + "; pupils on the register for each of those hours: " +
      text(s.at("register_pupils_per_hour")) + ". On the senior leadership team: " + text(s.at("on_slt")) +
      ". National SENCO award: " + text(s.at("award")) + ".");
  return out;
}

}  // namespace

report::Document governors_document(const json::value& r) {
  report::Document d;
  d.title = text(r.at("title")) + " " + text(r.at("academic_year"));
  d.subtitle = text(r.at("school_name")) + " (" + text(r.at("school")) + "), " + text(r.at("period")) + ", as of " +
               text(r.at("as_of"));
  d.summary_heading = "What moved";
  for (const auto& line : r.at("commentary").as_array()) d.summary.push_back(text(line));
  using Words = report::DocumentSection (*)(const json::object&);
  const std::pair<const char*, Words> parts[] = {
      {"register", register_words},     {"attendance", attendance_words}, {"exclusions", exclusions_words},
      {"attainment", attainment_words}, {"funding", funding_words},       {"agencies", agencies_words},
      {"training", training_words},     {"voice", voice_words},           {"senco", senco_words}};
  for (const auto& [name, put] : parts)
    if (const auto* s = section(r, name)) d.sections.push_back(put(*s));
  d.notes.push_back(text(r.at("suppression").at("rule")) + ".");
  return d;
}

}  // namespace sm::ops
