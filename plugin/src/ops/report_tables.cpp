// Reports as tables a person opens in Excel or any spreadsheet (CSV, XLSX) and the CLI prints:
// one table per report, rows a SENCO can sort and filter.
#include <boost/json.hpp>

#include <cstdio>

#include "ops/operation.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

std::string cell(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "";
  if (v.is_bool()) return v.as_bool() ? "yes" : "no";
  if (v.is_double()) {  // percentages and hours: 13.7, not 1.37E1 nor 13.700000
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", v.as_double());
    std::string out(text);
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
    return out;
  }
  return json::serialize(v);
}

std::string money(const json::value& v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", v.to_number<double>());
  return text;
}

report::Table provision_map_table(const json::value& map) {
  report::Table t;
  t.title = "Provision map";
  t.headers = {"Provision", "Wave", "UPN", "Pupil", "Year", "Status", "Start", "End", "Sessions planned", "Sessions delivered",
               "Sessions attended", "Cost per pupil (£)"};
  for (const auto& p : map.at("provisions").as_array())
    for (const auto& pupil : p.at("pupils").as_array())
      t.rows.push_back({cell(p.at("name")), cell(p.at("wave")), cell(pupil.at("upn")), cell(pupil.at("name")), cell(pupil.at("year")),
                        cell(pupil.at("status")), cell(pupil.at("start")), cell(pupil.at("end")), cell(pupil.at("sessions_planned")),
                        cell(pupil.at("sessions_delivered")), cell(pupil.at("sessions_attended")), money(p.at("cost_per_pupil"))});
  return t;
}

report::Table costs_table(const json::value& costs) {
  report::Table t;
  t.title = "Provision costs";
  t.headers = {"By", "Name", "Pupils", "Cost (£)", "Cost per pupil (£)"};
  for (const auto& p : costs.at("by_provision").as_array())
    t.rows.push_back({"Provision", cell(p.at("name")), cell(p.at("pupils")), money(p.at("cost")), money(p.at("cost_per_pupil"))});
  for (const auto& a : costs.at("by_area").as_array())
    t.rows.push_back({"Area of need", cell(a.at("area")), cell(a.at("pupils")), money(a.at("cost")), money(a.at("cost_per_pupil"))});
  for (const auto& n : costs.at("by_need").as_array())
    t.rows.push_back({"Primary need", cell(n.at("need")), cell(n.at("pupils")), money(n.at("cost")), money(n.at("cost_per_pupil"))});
  for (const auto& p : costs.at("by_pupil").as_array())
    t.rows.push_back({"Pupil", cell(p.at("upn")) + " " + cell(p.at("name")), "1", money(p.at("cost")), money(p.at("cost"))});
  const auto& total = costs.at("total");
  t.rows.push_back({"Total", "", cell(total.at("pupils")), money(total.at("cost")),
                    total.at("pupils").to_number<double>() > 0 ? money(total.at("cost").to_number<double>() / total.at("pupils").to_number<double>()) : ""});
  return t;
}

report::Table analytics_table(const json::value& a) {
  report::Table t;
  t.title = "Register analytics";
  t.headers = {"Section", "Group", "Pupils", "SEN support", "EHC plan", "SEN support %", "EHC plan %", "Attendance %",
               "Persistent absence %"};
  const auto& school = a.at("school");
  t.rows.push_back({"Register", "This school", cell(a.at("roll")), cell(school.at("sen_support")), cell(school.at("ehc_plan")),
                    cell(school.at("sen_support_percent")), cell(school.at("ehc_plan_percent")), "", ""});
  const auto& national = a.at("national");
  t.rows.push_back({"Register", "England (" + cell(national.at("census")) + ")", "", "", "", cell(national.at("sen_support_percent")),
                    cell(national.at("ehc_plan_percent")), "", ""});
  for (const auto& y : a.at("by_year").as_array())
    t.rows.push_back({"By year", "Year " + cell(y.at("year")), cell(y.at("roll")), cell(y.at("sen_support")), cell(y.at("ehc_plan")),
                      cell(y.at("sen_support_percent")), cell(y.at("ehc_plan_percent")), "", ""});
  for (const auto& n : a.at("by_need").as_array())
    t.rows.push_back({"By primary need", cell(n.at("need")) + " (" + cell(n.at("area")) + ")", "", cell(n.at("sen_support")),
                      cell(n.at("ehc_plan")), "", "", "", ""});
  for (const auto& c : a.at("trend").as_array())
    t.rows.push_back({"Trend", cell(c.at("census")) + " (" + cell(c.at("date")) + ")", cell(c.at("roll")), cell(c.at("sen_support")),
                      cell(c.at("ehc_plan")), cell(c.at("sen_support_percent")), cell(c.at("ehc_plan_percent")), "", ""});
  for (const auto* key : {"groups", "by_area"})
    for (const auto& g : a.at("attendance").at(key).as_array())
      t.rows.push_back({"Attendance " + cell(a.at("attendance").at("academic_year")), cell(g.at(std::string(key) == "groups" ? "group" : "area")),
                        cell(g.at("pupils")), "", "", "", "", cell(g.at("attendance_percent")), cell(g.at("persistent_absence_percent"))});
  return t;
}

report::Table evidence_pack_table(const json::value& pack) {
  report::Table t;
  const auto& p = pack.at("pupil");
  t.title = "Evidence " + cell(p.at("upn"));
  t.headers = {"Date", "Kind", "What", "Detail"};
  for (const auto& e : pack.at("chronology").as_array())
    t.rows.push_back({cell(e.at("date")), cell(e.at("kind")), cell(e.at("what")), cell(e.at("detail"))});
  for (const auto& g : pack.at("gaps").as_array()) t.rows.push_back({"", "gap", "Before sending", cell(g)});
  return t;
}

report::Table impact_table(const json::value& impact) {
  report::Table t;
  t.title = "Impact";
  t.headers = {"Provision", "Placements ended", "With baseline and exit", "Mean gain", "Hedges' g", "95% interval",
               "Comparison pupils", "g against comparison", "Cost per pupil (£)", "Cost per unit of g (£)", "Conclusion"};
  auto effect = [](const json::value& e, bool interval) {
    if (e.is_null()) return std::string();
    if (!interval) return cell(e.at("hedges_g"));
    return cell(e.at("ci95").at(0)) + " to " + cell(e.at("ci95").at(1));
  };
  for (const auto& p : impact.at("provisions").as_array()) {
    const auto* gain = p.as_object().if_contains("mean_gain");
    const auto& cmp = p.at("comparison");
    t.rows.push_back({cell(p.at("provision").at("name")), cell(p.at("placements_ended")), cell(p.at("with_baseline_and_exit")),
                      gain ? cell(*gain) : "", effect(p.at("effect"), false), effect(p.at("effect"), true), cell(cmp.at("pupils")),
                      effect(cmp.at("effect_against"), false), money(p.at("cost_per_pupil")),
                      p.at("cost_per_unit_effect").is_null() ? "" : money(p.at("cost_per_unit_effect")), cell(p.at("conclusion"))});
  }
  return t;
}

}  // namespace

std::optional<report::Table> report_table(std::string_view report, const json::value& response) {
  if (report == "provision.list") return provision_table(response);
  if (report == "report.class_map") return class_map_table(response);
  if (report == "report.teacher_maps") return teacher_maps_table(response);
  if (report == "report.provision_map") return provision_map_table(response);
  if (report == "report.costs") return costs_table(response);
  if (report == "report.register_analytics") return analytics_table(response);
  if (report == "report.evidence_pack") return evidence_pack_table(response);
  if (report == "report.impact") return impact_table(response);
  return std::nullopt;
}

}  // namespace sm::ops
