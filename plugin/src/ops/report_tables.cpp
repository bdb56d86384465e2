// Reports as tables a person opens in Excel or any spreadsheet (CSV, XLSX) and the CLI prints:
// one table per report, rows a SENCO can sort and filter. Each column says what it holds (a count,
// money, a percentage, a date), so the spreadsheet gets numbers and dates, not text.
#include <boost/json.hpp>
#include <cmath>

#include "model/number_text.hpp"
#include "ops/operation.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

using report::ColumnType;
constexpr auto kText = ColumnType::text, kCount = ColumnType::count, kNumber = ColumnType::number,
               kMoney = ColumnType::money, kPercent = ColumnType::percent, kDate = ColumnType::date;

// Words made of a response's values ("Year 7", "England (2024/25)"): numbers in plain decimals.
std::string words(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "";
  if (v.is_double()) return model::decimal_text(v.as_double());
  return json::serialize(v);
}

report::Table exclusions_table(const json::value& x) {
  report::Table t;
  t.title = "Exclusions and suspensions " + words(x.at("academic_year"));
  t.columns = {{"Group", kText},
               {"Pupils", kCount},
               {"Pupils suspended", kCount},
               {"Suspensions", kCount},
               {"Sessions lost", kCount},
               {"Permanent exclusions", kCount},
               {"Suspensions per 100 pupils", kNumber},
               {"Pupils with a suspension per 100", kNumber},
               {"Permanent exclusions per 100 pupils", kNumber},
               {"England: suspensions per 100", kNumber},
               {"England: permanent exclusions per 100", kNumber}};
  auto national = [](const json::value& g, const char* key) {
    const auto* v = g.as_object().if_contains(key);
    return v ? *v : json::value(nullptr);  // areas of need: England's are not held
  };
  auto add = [&](const json::value& label, const json::value& g) {
    report::add_row(t, {label, g.at("pupils"), g.at("pupils_suspended"), g.at("suspensions"), g.at("sessions_lost"),
                        g.at("permanent_exclusions"), g.at("suspension_rate"), g.at("one_or_more_suspension_rate"),
                        g.at("permanent_exclusion_rate"), national(g, "national_suspension_rate"),
                        national(g, "national_permanent_exclusion_rate")});
  };
  for (const auto& g : x.at("groups").as_array()) add(g.at("label"), g);
  for (const auto& a : x.at("by_area").as_array()) add(json::value("Area: " + words(a.at("area"))), a);
  return t;
}

report::Table provision_map_table(const json::value& map) {
  report::Table t;
  t.title = "Provision map";
  t.columns = {{"Provision", kText},
               {"Wave", kCount},
               {"UPN", kText},
               {"Pupil", kText},
               {"Year", kText},
               {"Status", kText},
               {"Start", kDate},
               {"End", kDate},
               {"Sessions planned", kCount},
               {"Sessions delivered", kCount},
               {"Sessions attended", kCount},
               {"Cost per pupil (£)", kMoney}};
  for (const auto& p : map.at("provisions").as_array())
    for (const auto& pupil : p.at("pupils").as_array())
      report::add_row(t, {p.at("name"), p.at("wave"), pupil.at("upn"), pupil.at("name"), pupil.at("year"),
                          pupil.at("status"), pupil.at("start"), pupil.at("end"), pupil.at("sessions_planned"),
                          pupil.at("sessions_delivered"), pupil.at("sessions_attended"), p.at("cost_per_pupil")});
  return t;
}

report::Table costs_table(const json::value& costs) {
  report::Table t;
  t.title = "Provision costs";
  t.columns = {
      {"By", kText}, {"Name", kText}, {"Pupils", kCount}, {"Cost (£)", kMoney}, {"Cost per pupil (£)", kMoney}};
  for (const auto& p : costs.at("by_provision").as_array())
    report::add_row(t, {"Provision", p.at("name"), p.at("pupils"), p.at("cost"), p.at("cost_per_pupil")});
  for (const auto& a : costs.at("by_area").as_array())
    report::add_row(t, {"Area of need", a.at("area"), a.at("pupils"), a.at("cost"), a.at("cost_per_pupil")});
  for (const auto& n : costs.at("by_need").as_array())
    report::add_row(t, {"Primary need", n.at("need"), n.at("pupils"), n.at("cost"), n.at("cost_per_pupil")});
  for (const auto& p : costs.at("by_pupil").as_array())
    report::add_row(t, {"Pupil", words(p.at("upn")) + " " + words(p.at("name")), 1, p.at("cost"), p.at("cost")});
  const auto& total = costs.at("total");
  const double pupils = total.at("pupils").to_number<double>();
  // To the penny, as the operation's own per-pupil figures are.
  json::value per_pupil =
      pupils > 0 ? json::value(std::round(total.at("cost").to_number<double>() / pupils * 100.0) / 100.0) : nullptr;
  report::add_row(t, {"Total", nullptr, total.at("pupils"), total.at("cost"), per_pupil});
  return t;
}

report::Table analytics_table(const json::value& a) {
  report::Table t;
  t.title = "Register analytics";
  t.columns = {{"Section", kText},       {"Group", kText},           {"Pupils", kCount},
               {"SEN support", kCount},  {"EHC plan", kCount},       {"SEN support %", kPercent},
               {"EHC plan %", kPercent}, {"Attendance %", kPercent}, {"Persistent absence %", kPercent}};
  const auto& school = a.at("school");
  report::add_row(t, {"Register", "This school", a.at("roll"), school.at("sen_support"), school.at("ehc_plan"),
                      school.at("sen_support_percent"), school.at("ehc_plan_percent"), nullptr, nullptr});
  const auto& national = a.at("national");
  report::add_row(t, {"Register", "England (" + words(national.at("census")) + ")", nullptr, nullptr, nullptr,
                      national.at("sen_support_percent"), national.at("ehc_plan_percent"), nullptr, nullptr});
  for (const auto& y : a.at("by_year").as_array())
    report::add_row(t, {"By year", "Year " + words(y.at("year")), y.at("roll"), y.at("sen_support"), y.at("ehc_plan"),
                        y.at("sen_support_percent"), y.at("ehc_plan_percent"), nullptr, nullptr});
  // By primary need the percentages are of the group (of pupils on SEN support, of EHC plans), each
  // need's school row followed by England's.
  const auto england = ": England (" + words(a.at("national_by_need").at("period")) + ")";
  for (const auto& n : a.at("by_need").as_array()) {
    auto need = words(n.at("need")) + " (" + words(n.at("area")) + ")";
    report::add_row(t, {"By primary need, % of group", need + ": this school", nullptr, n.at("sen_support"),
                        n.at("ehc_plan"), n.at("sen_support_percent"), n.at("ehc_plan_percent"), nullptr, nullptr});
    report::add_row(t, {"By primary need, % of group", need + england, nullptr, nullptr, nullptr,
                        n.at("national_sen_support_percent"), n.at("national_ehc_plan_percent"), nullptr, nullptr});
  }
  for (const auto& c : a.at("trend").as_array())
    report::add_row(
        t, {"Trend", words(c.at("census")) + " (" + words(c.at("date")) + ")", c.at("roll"), c.at("sen_support"),
            c.at("ehc_plan"), c.at("sen_support_percent"), c.at("ehc_plan_percent"), nullptr, nullptr});
  for (const auto* key : {"groups", "by_area"})
    for (const auto& g : a.at("attendance").at(key).as_array())
      report::add_row(t, {"Attendance " + words(a.at("attendance").at("academic_year")),
                          g.at(std::string(key) == "groups" ? "group" : "area"), g.at("pupils"), nullptr, nullptr,
                          nullptr, nullptr, g.at("attendance_percent"), g.at("persistent_absence_percent")});
  return t;
}

report::Table attainment_gaps_table(const json::value& gaps) {
  report::Table t;
  t.title = "Attainment gaps by term";
  t.columns = {{"Measure", kText},
               {"Term", kText},
               {"Pupils with SEN", kCount},
               {"Mean with SEN", kNumber},
               {"Pupils without SEN", kCount},
               {"Mean without SEN", kNumber},
               {"Gap", kNumber},
               {"Gap in SDs", kNumber},
               {"Trend", kText}};
  for (const auto& s : gaps.at("subjects").as_array()) {
    // The trend on each of the measure's rows, so a filtered or sorted sheet keeps it.
    auto trend =
        s.at("trend").is_null()
            ? json::value("too few terms to say")
            : json::value(words(s.at("trend")) + " (" + words(s.at("fitted_change_sd")) + " SD over the terms shown)");
    for (const auto& term : s.at("terms").as_array())
      report::add_row(t, {s.at("subject"), term.at("term"), term.at("sen_pupils"), term.at("sen_mean"),
                          term.at("no_sen_pupils"), term.at("no_sen_mean"), term.at("gap"), term.at("gap_sd"), trend});
  }
  return t;
}

report::Table budget_table(const json::value& b) {
  report::Table t;
  t.title = "SEND budget " + words(b.at("academic_year"));
  t.columns = {{"Section", kText}, {"Item", kText}, {"Pupils", kCount}, {"Amount (£)", kMoney}};
  const auto& income = b.at("income");
  report::add_row(t, {"Income", "Notional SEN budget", nullptr, income.at("notional_sen_budget")});
  report::add_row(
      t, {"Income", "EHC plan top-ups", income.at("top_up").at("plans_funded"), income.at("top_up").at("total")});
  for (const auto& o : income.at("other").as_array())
    report::add_row(t, {"Income", o.at("description"), nullptr, o.at("amount")});
  report::add_row(t, {"Income", "Total", nullptr, income.at("total")});
  const auto& spend = b.at("spend");
  for (const auto& w : spend.at("by_wave").as_array())
    report::add_row(t, {"Spend by wave", "Wave " + words(w.at("wave")), w.at("pupils"), w.at("spend")});
  for (const auto& a : spend.at("by_area").as_array())
    report::add_row(t, {"Spend by area of need", a.at("area"), a.at("pupils"), a.at("spend")});
  report::add_row(t, {"Spend", "Total", nullptr, spend.at("total")});
  report::add_row(t, {"Spend", "On pupils on the register", b.at("register_pupils"), spend.at("on_register")});
  report::add_row(t, {"Balance", "Income less spend", nullptr, b.at("balance")});
  report::add_row(t,
                  {"Per pupil on the register", "Spend", b.at("register_pupils"), b.at("spend_per_pupil_on_register")});
  report::add_row(
      t, {"Per pupil on the register", "Income", b.at("register_pupils"), b.at("income_per_pupil_on_register")});
  return t;
}

report::Table senco_time_table(const json::value& r) {
  report::Table t;
  t.title = "SENCO time";
  t.columns = {{"School", kText},
               {"Name", kText},
               {"Roll", kCount},
               {"On the register", kCount},
               {"EHC plans", kCount},
               {"SENCO hours a week", kNumber},
               {"Register pupils a SENCO hour", kNumber},
               {"EHC plans a SENCO hour", kNumber},
               {"On SLT", kText},
               {"Qualified teacher", kText},
               {"National award", kText},
               {"Award due", kText}};
  auto yes_no = [](const json::value& v) { return v.is_bool() ? json::value(v.as_bool() ? "yes" : "no") : v; };
  for (const auto& s : r.at("schools").as_array())
    report::add_row(t, {s.at("school"), s.at("school_name"), s.at("roll"), s.at("on_register"), s.at("ehc_plans"),
                        s.at("hours_per_week"), s.at("register_pupils_per_hour"), s.at("ehc_plans_per_hour"),
                        yes_no(s.at("on_slt")), yes_no(s.at("qualified_teacher")), s.at("award"), s.at("award_due")});
  return t;
}

report::Table staff_skills_table(const json::value& audit) {
  report::Table t;
  t.title = "Staff SEND skills audit " + words(audit.at("as_of"));
  t.columns = {{"Area of need", kText},     {"Member of staff", kText},   {"Register pupils", kCount},
               {"Staff with them", kCount}, {"Trained recently", kCount}, {"Confident (4-5)", kCount},
               {"Not rated", kCount},       {"Needing training", kCount}, {"Pupils whose staff need training", kCount}};
  for (const auto& a : audit.at("areas").as_array())
    report::add_row(t, {a.at("area"), "All staff", a.at("register_pupils"), a.at("staff_working_with_them"),
                        a.at("staff_trained_recently"), a.at("staff_confident"), a.at("staff_not_rated"),
                        a.at("staff_needing_training"), a.at("pupils_with_staff_needing_training")});
  for (const auto& s : audit.at("staff").as_array())
    for (const auto& need : s.at("training_needed").as_array())
      report::add_row(t, {need.at("area"), words(s.at("name")) + " (" + words(s.at("staff_id")) + ")",
                          need.at("pupils"), nullptr, nullptr, nullptr, nullptr, 1, need.at("pupils")});
  return t;
}

report::Table ta_deployment_table(const json::value& d) {
  report::Table t;
  t.title = "TA deployment " + words(d.at("from")) + " to " + words(d.at("to"));
  t.columns = {{"Part", kText},          {"Who", kText},        {"Pupils", kCount},
               {"Sessions led", kCount}, {"Hours", kNumber},    {"Hours a week", kNumber},
               {"TA share %", kPercent}, {"Mean gain", kNumber}};
  for (const auto& ta : d.at("tas").as_array())
    report::add_row(t, {"TA", words(ta.at("name")) + " (" + words(ta.at("staff_id")) + ")", ta.at("pupils_assigned"),
                        ta.at("sessions_led"), ta.at("hours_on_provisions"), ta.at("hours_a_week_on_provisions"),
                        nullptr, nullptr});
  for (const auto& p : d.at("pupils").as_array())
    report::add_row(t, {"Pupil", words(p.at("pupil")) + " (" + words(p.at("upn")) + ")", nullptr, nullptr,
                        p.at("support_hours"), nullptr, p.at("ta_share_percent"), p.at("mean_gain")});
  for (const auto& b : d.at("by_ta_share").as_array())
    report::add_row(
        t, {"By TA share", b.at("band"), b.at("pupils"), nullptr, nullptr, nullptr, nullptr, b.at("mean_gain")});
  return t;
}

report::Table agencies_table(const json::value& list) {
  report::Table t;
  t.title = "Agency directory " + words(list.at("as_of"));
  t.columns = {{"Agency", kText},
               {"Service", kText},
               {"Contact", kText},
               {"Phone", kText},
               {"Email", kText},
               {"Offers", kText},
               {"Referral route", kText},
               {"Stated wait (weeks)", kNumber},
               {"Wait seen (weeks)", kNumber},
               {"Pupils now", kCount},
               {"Referrals waiting", kCount},
               {"Advice reports", kCount}};
  for (const auto& a : list.at("agencies").as_array())
    report::add_row(t, {a.at("name"), a.at("service"), a.at("contact"), a.at("phone"), a.at("email"), a.at("offers"),
                        a.at("referral_route"), a.at("waiting_weeks"), a.at("seen_wait_weeks"),
                        a.at("pupils_involved_now"), a.at("referrals_waiting"), a.at("advice_reports")});
  return t;
}

report::Table evidence_pack_table(const json::value& pack) {
  report::Table t;
  const auto& p = pack.at("pupil");
  t.title = "Evidence " + words(p.at("upn"));
  t.columns = {{"Date", kDate}, {"Kind", kText}, {"What", kText}, {"Detail", kText}};
  for (const auto& e : pack.at("chronology").as_array())
    report::add_row(t, {e.at("date"), e.at("kind"), e.at("what"), e.at("detail")});
  for (const auto& g : pack.at("gaps").as_array()) report::add_row(t, {nullptr, "gap", "Before sending", g});
  return t;
}

report::Table impact_table(const json::value& impact) {
  report::Table t;
  t.title = "Impact";
  t.columns = {{"Provision", kText},
               {"Placements ended", kCount},
               {"With baseline and exit", kCount},
               {"Mean gain", kNumber},
               {"Hedges' g", kNumber},
               {"95% interval", kText},
               {"Comparison pupils", kCount},
               {"g against comparison", kNumber},
               {"Cost per pupil (£)", kMoney},
               {"Cost per unit of g (£)", kMoney},
               {"Conclusion", kText}};
  auto g = [](const json::value& e) { return e.is_null() ? json::value(nullptr) : e.at("hedges_g"); };
  auto interval = [](const json::value& e) {
    if (e.is_null()) return json::value(nullptr);
    return json::value(words(e.at("ci95").at(0)) + " to " + words(e.at("ci95").at(1)));
  };
  for (const auto& p : impact.at("provisions").as_array()) {
    const auto* gain = p.as_object().if_contains("mean_gain");
    const auto& cmp = p.at("comparison");
    report::add_row(
        t, {p.at("provision").at("name"), p.at("placements_ended"), p.at("with_baseline_and_exit"),
            gain ? *gain : json::value(nullptr), g(p.at("effect")), interval(p.at("effect")), cmp.at("pupils"),
            g(cmp.at("effect_against")), p.at("cost_per_pupil"), p.at("cost_per_unit_effect"), p.at("conclusion")});
  }
  return t;
}

// Each list's texts joined for one cell: "SPLD, SLCN".
json::value joined(const json::value& list, const char* key = nullptr) {
  std::string out;
  for (const auto& v : list.as_array()) out += (out.empty() ? "" : ", ") + words(key ? v.at(key) : v);
  return json::value(out);
}

report::Table register_table(const json::value& view) {
  report::Table t;
  t.title = "SEN register";
  t.columns = {{"UPN", kText},         {"Surname", kText},     {"Forename", kText},      {"Year", kText},
               {"Status", kText},      {"Needs", kText},       {"Area of need", kText},  {"Classes", kText},
               {"Key workers", kText}, {"Next review", kDate}, {"Review due", kText},    {"Open flags", kCount},
               {"Flags", kText},       {"Provisions", kCount}, {"Highest wave", kCount}, {"Pupil premium", kText},
               {"EAL", kText},         {"Looked after", kText}};
  for (const auto& p : view.at("pupils").as_array()) {
    const auto& review = p.at("next_review");
    report::add_row(
        t, {p.at("upn"), p.at("surname"), p.at("forename"), p.at("year"), p.at("status"), joined(p.at("needs")),
            p.at("area"), joined(p.at("classes"), "title"), joined(p.at("key_workers")),
            review.is_null() ? json::value(nullptr) : review.at("date"),
            review.is_null() ? json::value(nullptr) : review.at("what"), p.at("open_flags"), joined(p.at("flag_rules")),
            p.at("provisions"), p.at("wave"), p.at("pupil_premium"), p.at("eal"), p.at("looked_after")});
  }
  return t;
}

}  // namespace

std::optional<report::Table> report_table(std::string_view report, const json::value& response) {
  if (report == "provision.list") return provision_table(response);
  if (report == "register.view") return register_table(response);
  if (report == "report.class_map") return class_map_table(response);
  if (report == "report.teacher_maps") return teacher_maps_table(response);
  if (report == "report.provision_map") return provision_map_table(response);
  if (report == "report.costs") return costs_table(response);
  if (report == "report.register_analytics") return analytics_table(response);
  if (report == "report.exclusions") return exclusions_table(response);
  if (report == "report.attainment_gaps") return attainment_gaps_table(response);
  if (report == "report.budget") return budget_table(response);
  if (report == "report.staff_skills") return staff_skills_table(response);
  if (report == "agency.list") return agencies_table(response);
  if (report == "report.ta_deployment") return ta_deployment_table(response);
  if (auto document = report_document(report, response)) return document_table(*document);
  if (report == "report.senco_time") return senco_time_table(response);
  if (report == "report.evidence_pack") return evidence_pack_table(response);
  if (report == "report.impact") return impact_table(response);
  return std::nullopt;
}

}  // namespace sm::ops
