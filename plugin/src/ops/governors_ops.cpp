// The governors' SEND report: one document answering the questions governors are told to ask
// (how many pupils have SEND against England, by need; attendance and exclusions with and without
// SEND; are attainment gaps closing; the SEND money and its spend; external agencies; staff
// training; pupils' and parents' voice; the SENCO's time), with a short commentary of what moved.
// Aggregates only: no pupil is named, and a group of fewer than five pupils is never shown.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>

#include "model/dates.hpp"
#include "ops/operation.hpp"
#include "report/term_calendar.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// Below five pupils a figure is not shown. In one school a governor often knows the families: a
// need, a year group or an exclusion count of two or three can point at a child. Five is the
// threshold local authorities commonly apply to school-level SEND figures; it is set once here.
constexpr std::int64_t kSmallest = 5;

// A count of pupils as the report shows it: the number, or null with "suppressed" when it is 1 to 4.
json::value shown_count(std::int64_t n) {
  if (n > 0 && n < kSmallest) return nullptr;
  return n;
}

bool small(std::int64_t n) {
  return n > 0 && n < kSmallest;
}

std::int64_t count_of(const json::value& v) {
  return v.is_number() ? v.to_number<std::int64_t>() : 0;
}

// A figure that rests on a group of `pupils`: shown when the group is large enough.
json::value about_group(const json::value& figure, std::int64_t pupils) {
  return pupils < kSmallest ? json::value(nullptr) : figure;
}

std::string number_words(double v) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(std::fabs(v - std::round(v)) < 0.05 ? 0 : 1) << v;
  return out.str();
}

// The register against England's figures, and by primary need. Parts of a whole (the needs of
// SEN support) get a second suppression: when one need alone is hidden, the next smallest is too,
// so the hidden one cannot be found by taking the others from the total.
json::object register_section(const json::object& analytics, std::vector<std::string>& said) {
  const auto& school = analytics.at("school").as_object();
  const auto& national = analytics.at("national").as_object();
  const auto roll = count_of(analytics.at("roll"));
  const auto k = count_of(school.at("sen_support")), e = count_of(school.at("ehc_plan"));
  json::object out{{"question", "How many pupils have SEND, and how does that compare with national figures?"},
                   {"roll", roll},
                   {"sen_support", shown_count(k)},
                   {"ehc_plan", shown_count(e)},
                   {"sen_support_percent", small(k) ? json::value(nullptr) : school.at("sen_support_percent")},
                   {"ehc_plan_percent", small(e) ? json::value(nullptr) : school.at("ehc_plan_percent")},
                   {"national_sen_support_percent", national.at("sen_support_percent")},
                   {"national_ehc_plan_percent", national.at("ehc_plan_percent")},
                   {"national_source", "DfE, Special educational needs in England, " +
                                           std::string(national.at("publication").as_string()) + " (" +
                                           std::string(national.at("census").as_string()) + " census)"}};
  struct Need {
    json::object row;
    std::int64_t k, e;
  };
  std::vector<Need> needs;
  for (const auto& n : analytics.at("by_need").as_array()) {
    const auto& need = n.as_object();
    needs.push_back({json::object{{"need", need.at("need")},
                                  {"area", need.at("area")},
                                  {"national_sen_support_percent", need.at("national_sen_support_percent")},
                                  {"national_ehc_plan_percent", need.at("national_ehc_plan_percent")}},
                     count_of(need.at("sen_support")), count_of(need.at("ehc_plan"))});
  }
  // Which counts each column hides: small ones, then the next smallest when one alone is hidden.
  auto hidden = [&](std::int64_t Need::*column) {
    std::vector<bool> hide(needs.size());
    std::size_t hidden_count = 0;
    for (std::size_t i = 0; i < needs.size(); ++i)
      if (small(needs[i].*column)) hide[i] = true, ++hidden_count;
    if (hidden_count == 1) {
      std::optional<std::size_t> next;
      for (std::size_t i = 0; i < needs.size(); ++i)
        if (!hide[i] && needs[i].*column > 0 && (!next || needs[i].*column < needs[*next].*column)) next = i;
      if (next) hide[*next] = true;
    }
    return hide;
  };
  auto hide_k = hidden(&Need::k), hide_e = hidden(&Need::e);
  json::array by_need;
  for (std::size_t i = 0; i < needs.size(); ++i) {
    auto& row = needs[i].row;
    row["sen_support"] = hide_k[i] ? json::value(nullptr) : json::value(needs[i].k);
    row["ehc_plan"] = hide_e[i] ? json::value(nullptr) : json::value(needs[i].e);
    row["sen_support_percent"] = hide_k[i] ? json::value(nullptr) : percent_of(needs[i].k, k);
    row["ehc_plan_percent"] = hide_e[i] ? json::value(nullptr) : percent_of(needs[i].e, e);
    by_need.push_back(std::move(row));
  }
  out["by_need"] = std::move(by_need);
  out["by_need_source"] = analytics.at("national_by_need").at("publication");
  // What moved: the register since the census before.
  const auto& trend = analytics.at("trend").as_array();
  if (trend.size() >= 2 && !small(k)) {
    const auto& before = trend[trend.size() - 2].as_object();
    const auto& now = trend.back().as_object();
    const double was =
        before.at("sen_support_percent").to_number<double>() + before.at("ehc_plan_percent").to_number<double>();
    const double is =
        now.at("sen_support_percent").to_number<double>() + now.at("ehc_plan_percent").to_number<double>();
    said.push_back(std::string("Pupils on the SEN register: ") + number_words(is) + "% of the roll at the " +
                   std::string(now.at("census").as_string()) + " census, " +
                   (std::fabs(is - was) < 0.05 ? "the same as"
                    : is > was                 ? "up from " + number_words(was) + "% at"
                                               : "down from " + number_words(was) + "% at") +
                   " the " + std::string(before.at("census").as_string()) + " census (England: " +
                   number_words(national.at("sen_support_percent").to_number<double>() +
                                national.at("ehc_plan_percent").to_number<double>()) +
                   "%).");
  }
  return out;
}

json::object attendance_section(const json::object& analytics, std::vector<std::string>& said) {
  const auto& attendance = analytics.at("attendance").as_object();
  json::array groups;
  std::optional<double> sen, without;
  for (const auto& g : attendance.at("groups").as_array()) {
    const auto& group = g.as_object();
    const auto name = std::string(group.at("group").as_string());
    if (name == "No SEN") continue;  // never on the register: "All without SEN" is the comparison
    const auto pupils = count_of(group.at("pupils"));
    groups.push_back({{"group", name},
                      {"pupils", shown_count(pupils)},
                      {"attendance_percent", about_group(group.at("attendance_percent"), pupils)},
                      {"persistent_absence_percent", about_group(group.at("persistent_absence_percent"), pupils)},
                      {"severe_absence_percent", about_group(group.at("severe_absence_percent"), pupils)}});
    if (pupils >= kSmallest && group.at("attendance_percent").is_number()) {
      if (name == "All with SEN") sen = group.at("attendance_percent").to_number<double>();
      if (name == "All without SEN") without = group.at("attendance_percent").to_number<double>();
    }
  }
  if (sen && without)
    said.push_back("Attendance " + std::string(attendance.at("academic_year").as_string()) + ": pupils with SEN " +
                   number_words(*sen) + "%, pupils without " + number_words(*without) + "%" +
                   (std::fabs(*sen - *without) < 0.05
                        ? " (no gap)."
                        : " (a gap of " + number_words(std::fabs(*without - *sen)) + " points" +
                              (*sen < *without ? ")." : ", in favour of pupils with SEN).")));
  return {{"question", "What are attendance rates with and without SEND?"},
          {"academic_year", attendance.at("academic_year")},
          {"groups", std::move(groups)}};
}

json::object exclusions_section(const json::object& exclusions, std::vector<std::string>& said) {
  json::array groups;
  std::map<std::string, double> rate;
  for (const auto& g : exclusions.at("groups").as_array()) {
    const auto& group = g.as_object();
    const auto pupils = count_of(group.at("pupils"));
    const auto suspended = count_of(group.at("pupils_suspended"));
    const auto permanent = count_of(group.at("permanent_exclusions"));
    // A rate from a hidden count would give the count back: hidden with it.
    const bool hide_suspensions = pupils < kSmallest || small(suspended);
    const bool hide_permanent = pupils < kSmallest || small(permanent);
    groups.push_back(
        {{"group", group.at("group")},
         {"label", group.at("label")},
         {"pupils", shown_count(pupils)},
         {"pupils_suspended", hide_suspensions ? json::value(nullptr) : json::value(suspended)},
         {"suspensions", hide_suspensions ? json::value(nullptr) : group.at("suspensions")},
         {"suspension_rate", hide_suspensions ? json::value(nullptr) : group.at("suspension_rate")},
         {"permanent_exclusions", hide_permanent ? json::value(nullptr) : json::value(permanent)},
         {"permanent_exclusion_rate", hide_permanent ? json::value(nullptr) : group.at("permanent_exclusion_rate")},
         {"national_suspension_rate", group.at("national_suspension_rate")},
         {"national_permanent_exclusion_rate", group.at("national_permanent_exclusion_rate")}});
    if (!hide_suspensions && group.at("suspension_rate").is_number())
      rate[std::string(group.at("group").as_string())] = group.at("suspension_rate").to_number<double>();
  }
  const auto& all = exclusions.at("groups").at(0).as_object();
  if (rate.count("all"))
    said.push_back("Suspensions " + std::string(exclusions.at("academic_year").as_string()) + ": " +
                   number_words(rate["all"]) + " per 100 pupils" +
                   (all.at("national_suspension_rate").is_number()
                        ? " (England " + number_words(all.at("national_suspension_rate").to_number<double>()) + ")"
                        : std::string()) +
                   (rate.count("sen_support") && rate.count("no_sen")
                        ? "; " + number_words(rate["sen_support"]) + " for pupils on SEN support against " +
                              number_words(rate["no_sen"]) + " for pupils without SEN."
                        : "."));
  return {{"question", "What are exclusion rates with and without SEND?"},
          {"academic_year", exclusions.at("academic_year")},
          {"groups", std::move(groups)},
          {"national_source", exclusions.at("national").at("publication")}};
}

json::object attainment_section(const json::object& analytics, std::vector<std::string>& said) {
  json::array measures;
  std::vector<std::string> closing, widening;
  for (const auto& s : analytics.at("attainment_gaps").at("subjects").as_array()) {
    const auto& subject = s.as_object();
    const auto& terms = subject.at("terms").as_array();
    if (terms.empty()) continue;
    const auto& latest = terms.back().as_object();
    const auto sen = count_of(latest.at("sen_pupils")), others = count_of(latest.at("no_sen_pupils"));
    const bool shown = sen >= kSmallest && others >= kSmallest;
    const auto trend = subject.at("trend");
    measures.push_back({{"measure", subject.at("subject")},
                        {"term", latest.at("term")},
                        {"sen_pupils", shown_count(sen)},
                        {"sen_mean", shown ? latest.at("sen_mean") : json::value(nullptr)},
                        {"no_sen_mean", shown ? latest.at("no_sen_mean") : json::value(nullptr)},
                        {"gap", shown ? latest.at("gap") : json::value(nullptr)},
                        {"gap_sd", shown ? latest.at("gap_sd") : json::value(nullptr)},
                        {"terms", terms.size()},
                        {"trend", shown ? trend : json::value(nullptr)}});
    if (shown && trend.is_string()) {
      if (trend.as_string() == "closing") closing.emplace_back(subject.at("subject").as_string());
      if (trend.as_string() == "widening") widening.emplace_back(subject.at("subject").as_string());
    }
  }
  auto listed = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : "; ") + x;
    return out;
  };
  if (!closing.empty()) said.push_back("Attainment gaps closing: " + listed(closing) + ".");
  if (!widening.empty()) said.push_back("Attainment gaps widening: " + listed(widening) + ".");
  return {{"question", "Are attainment gaps between pupils with and without SEND closing?"},
          {"measures", std::move(measures)},
          {"trend_rule", analytics.at("attainment_gaps").at("trend_rule")}};
}

json::object funding_section(const std::optional<json::object>& budget, std::vector<std::string>& said) {
  json::object out{{"question", "What funding does the school get for SEND, and how is it spent?"}};
  if (!budget) {
    out["entered"] = false;
    return out;
  }
  const auto& b = *budget;
  const auto& income = b.at("income").as_object();
  const auto plans = count_of(income.at("top_up").at("plans_funded"));
  out["entered"] = b.at("budget_entered");
  out["academic_year"] = b.at("academic_year");
  out["notional_sen_budget"] = income.at("notional_sen_budget");
  out["top_up_total"] = income.at("top_up").at("total");
  out["plans_funded"] = shown_count(plans);
  out["other_income"] = income.at("other_total");
  out["income_total"] = income.at("total");
  out["spend_total"] = b.at("spend").at("total");
  json::array by_wave;
  for (const auto& w : b.at("spend").at("by_wave").as_array())
    by_wave.push_back({{"wave", w.at("wave")}, {"spend", w.at("spend")}});
  out["spend_by_wave"] = std::move(by_wave);
  out["balance"] = b.at("balance");
  out["spend_per_pupil_on_register"] = b.at("spend_per_pupil_on_register");
  if (b.at("budget_entered").as_bool() && income.at("total").is_number() && income.at("total").to_number<double>() > 0)
    said.push_back(
        "SEND money " + std::string(b.at("academic_year").as_string()) + ": the provision map has spent " +
        number_words(b.at("spend").at("total").to_number<double>() / income.at("total").to_number<double>() * 100.0) +
        "% of the SEND income entered so far.");
  return out;
}

// Agencies, straight from the school's directory and its pupils' involvements.
json::object agencies_section(Context& context, std::int64_t school, const std::string& from, const std::string& to,
                              std::vector<std::string>& said) {
  const auto today = model::format_date(context.today);
  auto s = context.db.prepare(
      "SELECT a.service, COUNT(DISTINCT CASE WHEN i.involved_from <= ?2 AND (i.ended_on IS NULL OR i.ended_on >= ?2) "
      "THEN i.pupil_id END), COUNT(CASE WHEN i.referred_on IS NOT NULL AND i.decision IS NULL AND i.involved_from IS "
      "NULL THEN 1 END), COUNT(CASE WHEN i.referred_on BETWEEN ?3 AND ?4 THEN 1 END), COUNT(CASE WHEN i.ended_on "
      "BETWEEN ?3 AND ?4 THEN 1 END), (SELECT COUNT(*) FROM cycle_advice c WHERE c.agency_id IN (SELECT id FROM agency "
      "WHERE school_id = ?1 AND service = a.service) AND c.received_on BETWEEN ?3 AND ?4) FROM agency a LEFT JOIN "
      "agency_involvement i ON i.agency_id = a.id WHERE a.school_id = ?1 GROUP BY a.service ORDER BY a.service");
  s.bind(1, school).bind(2, today).bind(3, from).bind(4, to);
  json::array services;
  std::int64_t involved = 0, waiting = 0, referred = 0, ended = 0, advice = 0;
  while (s.step()) {
    involved += s.integer(1);
    waiting += s.integer(2);
    referred += s.integer(3);
    ended += s.integer(4);
    advice += s.integer(5);
    services.push_back({{"service", s.text(0)},
                        {"pupils_involved_now", shown_count(s.integer(1))},
                        {"referrals_waiting", shown_count(s.integer(2))},
                        {"referrals_this_year", shown_count(s.integer(3))},
                        {"ended_this_year", shown_count(s.integer(4))},
                        {"advice_reports_this_year", s.integer(5)}});
  }
  // Pupils, not involvements: a pupil seen by two agencies is one pupil.
  auto p = context.db.prepare(
      "SELECT COUNT(DISTINCT i.pupil_id) FROM agency_involvement i JOIN agency a ON a.id = i.agency_id WHERE "
      "a.school_id = ?1 AND i.involved_from <= ?2 AND (i.ended_on IS NULL OR i.ended_on >= ?2)");
  p.bind(1, school).bind(2, today);
  p.step();
  const auto pupils = p.integer(0);
  if (pupils >= kSmallest)
    said.push_back("External agencies are working with " + std::to_string(pupils) + " pupils now" +
                   (waiting >= kSmallest ? "; " + std::to_string(waiting) + " referrals are waiting." : "."));
  return {{"question", "What use is made of external agencies, and with what impact?"},
          {"pupils_involved_now", shown_count(pupils)},
          {"involvements_now", shown_count(involved)},
          {"referrals_waiting", shown_count(waiting)},
          {"referrals_this_year", shown_count(referred)},
          {"ended_this_year", shown_count(ended)},
          {"advice_reports_this_year", advice},
          {"by_service", std::move(services)}};
}

json::object training_section(Context& context, std::int64_t school, const std::string& from, const std::string& to,
                              const std::optional<json::object>& skills, std::vector<std::string>& said) {
  auto s = context.db.prepare(
      "SELECT COUNT(*), COUNT(DISTINCT t.staff_id), COALESCE(SUM(t.hours), 0) FROM staff_training t JOIN staff s ON "
      "s.id = t.staff_id WHERE s.school_id = ?1 AND t.completed_on BETWEEN ?2 AND ?3");
  s.bind(1, school).bind(2, from).bind(3, to);
  s.step();
  if (s.integer(0) > 0)
    said.push_back("Staff SEND training this year: " + std::to_string(s.integer(0)) + " courses, " +
                   std::to_string(s.integer(1)) + " members of staff.");
  json::object out{{"question", "What SEND training have staff had?"},
                   {"courses_this_year", s.integer(0)},
                   {"staff_trained_this_year", s.integer(1)},
                   {"hours_this_year", s.real(2)}};
  json::array areas, most;
  if (skills) {
    for (const auto& a : skills->at("areas").as_array())
      areas.push_back({{"area", a.at("area")},
                       {"staff_working_with_them", a.at("staff_working_with_them")},
                       {"percent_staff_ready", a.at("percent_staff_ready")}});
    for (const auto& m : skills->at("training_most_needed").as_array()) most.push_back(m.at("area"));
    if (!most.empty()) said.push_back("Staff training is most needed in " + std::string(most.at(0).as_string()) + ".");
  }
  out["readiness_by_area"] = std::move(areas);
  out["training_most_needed"] = std::move(most);
  return out;
}

// Pupils' and parents' voice: how often their views were recorded at the cycle's assessment and
// review, and the meetings with parents the Code expects (three a year).
json::object voice_section(Context& context, std::int64_t school, const std::string& from, const std::string& to,
                           std::vector<std::string>& said) {
  const auto voices = review_voices(context.db, school, from, to);
  const auto reviews = voices.reviews;
  auto m = context.db.prepare(
      "SELECT COUNT(*), COUNT(DISTINCT m.pupil_id) FROM parent_meeting m JOIN pupil p ON p.id = m.pupil_id WHERE "
      "p.school_id = ?1 AND m.met_on BETWEEN ?2 AND ?3");
  m.bind(1, school).bind(2, from).bind(3, to);
  m.step();
  if (reviews >= kSmallest)
    said.push_back("Pupils' own views were recorded at " + number_words(100.0 * voices.with_pupil_views / reviews) +
                   "% of the " + std::to_string(reviews) + " reviews of SEN support this year, parents' at " +
                   number_words(100.0 * voices.with_parent_views / reviews) + "%.");
  return {{"question", "What do pupils and parents think?"},
          {"reviews_this_year", shown_count(reviews)},
          {"with_pupil_views_percent", about_group(percent_of(voices.with_pupil_views, reviews), reviews)},
          {"with_parent_views_percent", about_group(percent_of(voices.with_parent_views, reviews), reviews)},
          {"parent_meetings_this_year", shown_count(m.integer(0))},
          {"pupils_whose_parents_met_school", shown_count(m.integer(1))},
          {"note",
           "How often the pupil's and the parents' views were recorded at the reviews of SEN support this year, and "
           "meetings with parents (the Code expects three a year); what they said stays on each pupil's record"}};
}

// "Autumn" for the config's "autumn".
std::string term_words(std::string name) {
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

json::value governors(Context& context, const json::object& r) {
  const auto school = school_or_only(context.db, r);
  auto names = context.db.prepare("SELECT la || '-' || estab, name FROM school WHERE id = ?1");
  names.bind(1, school);
  names.step();
  const auto code = names.text(0);
  const auto name = names.is_null(1) ? code : names.text(1);
  const int year = requested_academic_year(context, r);
  const auto from = std::to_string(year) + "-08-01", to = std::to_string(year + 1) + "-07-31";
  const json::object by_school{{"school", code}};
  json::object by_year = by_school;
  by_year["academic_year"] = year;
  std::vector<std::string> said;
  json::object sections;
  if (auto analytics = gather_report(context, "report.register_analytics", by_year)) {
    sections["register"] = register_section(*analytics, said);
    sections["attendance"] = attendance_section(*analytics, said);
  }
  if (auto exclusions = gather_report(context, "report.exclusions", by_year))
    sections["exclusions"] = exclusions_section(*exclusions, said);
  if (auto gaps = gather_report(context, "report.register_analytics", by_school))
    sections["attainment"] = attainment_section(*gaps, said);
  sections["funding"] = funding_section(gather_report(context, "report.budget", by_year), said);
  sections["agencies"] = agencies_section(context, school, from, to, said);
  sections["training"] =
      training_section(context, school, from, to, gather_report(context, "report.staff_skills", by_school), said);
  sections["voice"] = voice_section(context, school, from, to, said);
  if (auto senco = gather_report(context, "report.senco_time", by_school)) {
    const auto& row = senco->at("schools").at(0).as_object();
    sections["senco"] = json::object{{"question", "Does the SENCO have the time the role needs?"},
                                     {"hours_per_week", row.at("hours_per_week")},
                                     {"register_pupils_per_hour", row.at("register_pupils_per_hour")},
                                     {"on_slt", row.at("on_slt")},
                                     {"award", row.at("award")}};
  }
  const auto terms = report::school_terms(context.db, school);
  const auto term = report::term_at_or_after(terms, context.today);
  return json::object{
      {"title", "SEND report to governors"},
      {"school", code},
      {"school_name", name},
      {"academic_year", model::academic_year_name(year)},
      {"period", term && term->start <= context.today ? json::value(term_words(term->name) + " term, the year to date")
                                                      : json::value("The year to date")},
      {"as_of", model::format_date(context.today)},
      {"suppression",
       {{"threshold", kSmallest},
        {"rule",
         "No pupil is named. A count of fewer than 5 pupils is not shown, nor any percentage or rate worked from one; "
         "where one need alone would be hidden, the next smallest is hidden too, so it cannot be worked out from the "
         "total"}}},
      {"commentary", json::value_from(said)},
      {"sections", std::move(sections)}};
}

}  // namespace

void add_governors_operations(std::vector<Operation>& out) {
  out.push_back({"report.governors",
                 "The governors' SEND report: the register against England by need, attendance and exclusions with "
                 "and without SEND, attainment gaps, SEND money and spend, agencies, staff training, pupils' and "
                 "parents' voice, the SENCO's time, and what moved; aggregates only, small groups suppressed",
                 false,
                 {school_field(),
                  {"academic_year", FieldType::integer, false, "e.g. 2026 for 2026/27 (default: the latest held)"}},
                 governors});
}

}  // namespace sm::ops
