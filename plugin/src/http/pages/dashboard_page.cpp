#include "http/pages/dashboard_page.hpp"

#include <boost/json.hpp>
#include <map>

#include "http/pages/json_fields.hpp"
#include "http/pages/svg_chart.hpp"
#include "model/number_text.hpp"

namespace sm::http::pages {
namespace json = boost::json;
namespace {

// Series colours: 3:1 contrast or more on white, told apart without colour by the legend's order.
constexpr const char* kSchool = "#1d4f91";
constexpr const char* kEngland = "#6f777b";
constexpr const char* kEhc = "#b35c00";

std::string money(const json::value& v) {
  return v.is_number() ? escape(model::money_text(v.to_number<double>())) : none();
}
// A count of pupils or provisions: 2,000.
std::string count(const json::value& v) {
  return v.is_int64() ? escape(model::count_text(v.as_int64())) : value_html(v);
}
std::string section_open(const std::string& id, const std::string& heading) {
  return "<section aria-labelledby=\"" + id + "-heading\"><h2 id=\"" + id + "-heading\">" + escape(heading) + "</h2>\n";
}
template <class T>
std::string unavailable(const Part<T>& part) {
  return "<p class=\"lede\">Not shown: " + escape(part.why_not) + ".</p>\n";
}

// A chart's figures as a table, for those who cannot see the chart and for print.
std::string chart_table(const Chart& chart) {
  std::string out = "<details><summary>" + escape(chart.title) + ": the figures</summary><table><caption>" +
                    escape(chart.title) + "</caption>\n<thead><tr><th scope=\"col\">" + "</th>";
  for (const auto& s : chart.series) out += "<th scope=\"col\">" + escape(s.name) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t c = 0; c < chart.categories.size(); ++c) {
    out += "<tr><th scope=\"row\">" + escape(chart.categories[c]) + "</th>";
    for (const auto& s : chart.series) {
      const auto& v = c < s.values.size() ? s.values[c] : std::nullopt;
      out += "<td>" + (v ? escape(chart_figure(chart, *v)) : none()) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table></details>\n";
}

// The register against England, by year group and over the census days, as charts with their tables.
std::string register_charts(const json::object& a) {
  const auto& school = object_at(a, "school");
  const auto& england = object_at(a, "national");
  std::string out;
  auto census = text_of(at(england, "census"));
  Chart against{
      "chart-england",
      "The register against England",
      "Percentage of pupils on SEN support and with an EHC plan: this school beside England's figures for " + census +
          ".",
      ChartUnit::percent,
      {"SEN support", "EHC plan"},
      {{"This school", kSchool, {number_at(school, "sen_support_percent"), number_at(school, "ehc_plan_percent")}},
       {"England (" + census + ")",
        kEngland,
        {number_at(england, "sen_support_percent"), number_at(england, "ehc_plan_percent")}}}};
  out += bar_chart(against) + chart_table(against);

  Chart by_year{"chart-years",
                "The register by year group",
                "Percentage of each year group on SEN support and with an EHC plan.",
                ChartUnit::percent,
                {},
                {{"SEN support", kSchool, {}}, {"EHC plan", kEhc, {}}}};
  for (const auto& y : array_at(a, "by_year")) {
    const auto& year = y.as_object();
    by_year.categories.push_back("Year " + text_of(at(year, "year")));
    by_year.series[0].values.push_back(number_at(year, "sen_support_percent"));
    by_year.series[1].values.push_back(number_at(year, "ehc_plan_percent"));
  }
  out += bar_chart(by_year) + chart_table(by_year);

  Chart trend{"chart-trend",
              "The register over the census days",
              "Percentage of pupils on SEN support and with an EHC plan on each DfE census day.",
              ChartUnit::percent,
              {},
              {{"SEN support", kSchool, {}}, {"EHC plan", kEhc, {}}}};
  for (const auto& c : array_at(a, "trend")) {
    const auto& day = c.as_object();
    trend.categories.push_back(text_of(at(day, "census")));
    trend.series[0].values.push_back(number_at(day, "sen_support_percent"));
    trend.series[1].values.push_back(number_at(day, "ehc_plan_percent"));
  }
  out += line_chart(trend) + chart_table(trend);

  return out;
}

// Each primary need's share of the school's SEN support pupils and EHC plans beside England's, as
// governors are told to ask; England's figures name their publication and year.
std::string needs_table(const json::object& a) {
  const auto& source = object_at(a, "national_by_need");
  auto period = text_of(at(source, "period"));
  Chart against{"chart-needs",
                "Primary need on SEN support, against England",
                "Of the pupils on SEN support, the percentage whose primary need is each type: this school beside "
                "England's figures for " +
                    period + ".",
                ChartUnit::percent,
                {},
                {{"This school", kSchool, {}}, {"England (" + period + ")", kEngland, {}}}};
  std::string rows;
  for (const auto& n : array_at(a, "by_need")) {
    const auto& need = n.as_object();
    auto name = need_name(text_of(at(need, "need")));
    against.categories.push_back(name);
    against.series[0].values.push_back(number_at(need, "sen_support_percent"));
    against.series[1].values.push_back(number_at(need, "national_sen_support_percent"));
    auto share = [&](const char* key) {
      const auto& v = at(need, key);
      return v.is_number() ? value_html(v) + "%" : none();
    };
    rows += "<tr><th scope=\"row\">" + escape(name) + "</th><td>" + value_html(at(need, "sen_support")) + "</td><td>" +
            share("sen_support_percent") + "</td><td>" + share("national_sen_support_percent") + "</td><td>" +
            value_html(at(need, "ehc_plan")) + "</td><td>" + share("ehc_plan_percent") + "</td><td>" +
            share("national_ehc_plan_percent") + "</td></tr>\n";
  }
  return bar_chart(against) + "<table><caption>Pupils on the register by primary need, against England (" +
         escape(period) +
         ")</caption>\n<thead><tr><th scope=\"col\">Primary need</th><th scope=\"col\">SEN support</th>"
         "<th scope=\"col\">% of SEN support</th><th scope=\"col\">England</th><th scope=\"col\">EHC plan</th>"
         "<th scope=\"col\">% of EHC plans</th><th scope=\"col\">England</th></tr></thead>\n<tbody>\n" +
         rows + "</tbody>\n</table>\n<p>England: " + value_html(at(source, "publication")) + ".</p>\n";
}

// Attendance with SEN and without, when the school's marks are held.
std::string attendance_table(const json::object& a) {
  std::string out;
  const auto& attendance = object_at(a, "attendance");
  if (!array_at(attendance, "groups").empty()) {
    out += "<table><caption>Attendance " + value_html(at(attendance, "academic_year")) +
           ", with SEN and without</caption>\n<thead><tr>"
           "<th scope=\"col\">Group</th><th scope=\"col\">Pupils</th><th scope=\"col\">Attendance</th>"
           "<th scope=\"col\">Persistently absent</th><th scope=\"col\">Severely absent</th></tr></thead>\n<tbody>\n";
    for (const auto& g : array_at(attendance, "groups")) {
      const auto& group = g.as_object();
      out += "<tr><th scope=\"row\">" + value_html(at(group, "group")) + "</th><td>" + value_html(at(group, "pupils")) +
             "</td><td>" + value_html(at(group, "attendance_percent")) + "%</td><td>" +
             value_html(at(group, "persistent_absence_percent")) + "%</td><td>" +
             value_html(at(group, "severe_absence_percent")) + "%</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  return out;
}

// Are attainment gaps closing? Each measure's trend in words, then its terms' figures.
std::string attainment_gaps_table(const json::object& a) {
  const auto& gaps = object_at(a, "attainment_gaps");
  const auto& subjects = array_at(gaps, "subjects");
  if (subjects.empty()) return {};
  std::string trends, rows;
  for (const auto& s : subjects) {
    const auto& subject = s.as_object();
    auto name = text_of(at(subject, "subject"));
    const auto& trend = at(subject, "trend");
    trends += "<li>" + escape(name) + ": " +
              (trend.is_string() ? "<strong>" + escape(text_of(trend)) + "</strong> (" +
                                       value_html(at(subject, "fitted_change_sd")) + " SD over the terms shown)"
                                 : std::string("too few terms with both groups to say")) +
              "</li>";
    for (const auto& t : array_at(subject, "terms")) {
      const auto& term = t.as_object();
      rows += "<tr><th scope=\"row\">" + escape(name) + ", " + escape(text_of(at(term, "term"))) + "</th><td>" +
              value_html(at(term, "sen_pupils")) + "</td><td>" + value_html(at(term, "sen_mean")) + "</td><td>" +
              value_html(at(term, "no_sen_pupils")) + "</td><td>" + value_html(at(term, "no_sen_mean")) + "</td><td>" +
              value_html(at(term, "gap")) + "</td><td>" + value_html(at(term, "gap_sd")) + "</td></tr>\n";
    }
  }
  return "<h3>Are attainment gaps closing?</h3>\n<ul>" + trends + "</ul>\n<p>" +
         escape(text_of(at(gaps, "trend_rule"))) + ".</p>\n" +
         "<table><caption>Attainment gaps by term: the mean without SEN less the mean with SEN</caption>\n<thead><tr>"
         "<th scope=\"col\">Measure and term</th><th scope=\"col\">Pupils with SEN</th><th scope=\"col\">Mean with "
         "SEN</th><th scope=\"col\">Pupils without SEN</th><th scope=\"col\">Mean without SEN</th><th "
         "scope=\"col\">Gap</th><th scope=\"col\">Gap in SDs</th></tr></thead>\n<tbody>\n" +
         rows + "</tbody>\n</table>\n";
}

std::string register_part(const DashboardView& v) {
  std::string out = section_open("register", "The SEN register");
  if (!v.analytics.data) return out + unavailable(v.analytics) + "</section>\n";
  const auto& a = *v.analytics.data;
  const auto& school = object_at(a, "school");
  const auto& england = object_at(a, "national");
  out +=
      "<ul class=\"headline\">"
      "<li><span class=\"figure\">" +
      count(at(school, "sen_support")) + "</span> on SEN support (" + value_html(at(school, "sen_support_percent")) +
      "% of " + count(at(a, "roll")) + " pupils; England " + value_html(at(england, "sen_support_percent")) +
      "%)</li>"
      "<li><span class=\"figure\">" +
      count(at(school, "ehc_plan")) + "</span> with an EHC plan (" + value_html(at(school, "ehc_plan_percent")) +
      "%; England " + value_html(at(england, "ehc_plan_percent")) + "%)</li></ul>\n";
  out += register_charts(a) + needs_table(a) + attendance_table(a) + attainment_gaps_table(a);

  return out + "</section>\n";
}

// The active flags counted by rule, each count a link to that rule's flags: the list itself is
// the flags page's, grouped per pupil.
std::string flags_part(const DashboardView& v) {
  std::string out = section_open("flags", "Flags");
  if (!v.flags.data) return out + unavailable(v.flags) + "</section>\n";
  const auto& flags = array_at(*v.flags.data, "flags");
  std::map<std::string, int> by_severity;
  struct RuleCount {
    std::string title, severity;
    int active = 0;
  };
  std::map<std::string, RuleCount> by_rule;
  std::vector<std::string> order;  // most severe first, as flags.list answers
  for (const auto& f : flags) {
    const auto& flag = f.as_object();
    auto severity = text_of(at(flag, "severity"));
    ++by_severity[severity];
    auto rule = text_of(at(flag, "rule"));
    auto [it, added] = by_rule.emplace(rule, RuleCount{text_of(at(flag, "title")), severity, 0});
    if (added) order.push_back(rule);
    ++it->second.active;
  }
  out += "<p>" + std::to_string(flags.size()) + " active: " + std::to_string(by_severity["high"]) + " high, " +
         std::to_string(by_severity["medium"]) + " medium, " + std::to_string(by_severity["low"]) +
         " low. <a href=\"/flags\">Work through them, pupil by pupil</a>.</p>\n";
  if (flags.empty()) return out + "</section>\n";
  out +=
      "<table><caption>Active flags by rule</caption>\n<thead><tr><th scope=\"col\">Rule</th><th "
      "scope=\"col\">Severity</th><th scope=\"col\">Active</th></tr></thead>\n<tbody>\n";
  for (const auto& rule : order) {
    const auto& r = by_rule[rule];
    out += "<tr><th scope=\"row\"><a href=\"/flags?rule=" + url_part(rule) + "\">" + escape(r.title) +
           "</a></th><td class=\"severity-" + escape(r.severity) + "\">" + escape(r.severity) + "</td><td>" +
           std::to_string(r.active) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string reviews_part(const DashboardView& v) {
  std::string out = section_open("reviews", "Reviews due in " + v.month + ", and overdue");
  if (!v.reviews.data) return out + unavailable(v.reviews) + "</section>\n";
  if (v.reviews.data->empty()) return out + "<p>No review falls due this month, and none is overdue.</p>\n</section>\n";
  out += "<table><caption>Reviews and deadlines due in " + escape(v.month) +
         ", and overdue</caption>\n<thead><tr><th scope=\"col\">Date</th>"
         "<th scope=\"col\">Pupil</th><th scope=\"col\">What</th></tr></thead>\n<tbody>\n";
  for (const auto& r : *v.reviews.data)
    out += "<tr><th scope=\"row\">" + escape(r.date) +
           (r.date < v.today ? " <strong class=\"warning\">overdue</strong>" : "") + "</th><td>" +
           pupil_link(r.upn, r.name) + "</td><td>" + escape(r.what) + "</td></tr>\n";
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string ehc_part(const DashboardView& v) {
  std::string out = section_open("ehc", "EHC clocks");
  if (!v.ehc.data) return out + unavailable(v.ehc) + "</section>\n";
  if (v.ehc.data->empty()) return out + "<p>No EHC request or plan is open.</p>\n</section>\n";
  out +=
      "<table><caption>Open EHC requests and plans, the most pressing first</caption>\n<thead><tr><th "
      "scope=\"col\">Pupil</th>"
      "<th scope=\"col\">Year</th><th scope=\"col\">Stage</th><th scope=\"col\">Next statutory date</th><th "
      "scope=\"col\">Due</th>"
      "<th scope=\"col\">Time left</th><th scope=\"col\">Rule</th></tr></thead>\n<tbody>\n";
  for (const auto& c : *v.ehc.data) {
    if (c.dates_missing) {
      out += "<tr><th scope=\"row\">" + pupil_link(c.upn, c.name) + "</th><td>" + escape(c.year) +
             "</td><td><strong class=\"warning\">dates missing</strong></td><td>" + escape(c.what) + "</td><td>" +
             none() + "</td><td>" + none() + "</td><td>" + none() + "</td></tr>\n";
      continue;
    }
    auto left = c.days_left < 0 ? "<strong class=\"warning\">" + std::to_string(-c.days_left) + " days overdue</strong>"
                                : std::to_string(c.days_left) + (c.days_left == 1 ? " day" : " days");
    out += "<tr><th scope=\"row\">" + pupil_link(c.upn, c.name) + "</th><td>" + escape(c.year) + "</td><td>" +
           escape(c.stage) + "</td><td>" + escape(c.what) + "</td><td>" + escape(c.due) + "</td><td>" + left +
           "</td><td>" + escape(c.rule) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string provision_part(const DashboardView& v) {
  std::string out = section_open("provision", "Provision: what it costs and what it achieves");
  if (!v.costs.data) {
    out += unavailable(v.costs);
  } else {
    const auto& c = *v.costs.data;
    const auto& total = object_at(c, "total");
    const auto& period = object_at(c, "period");
    out += "<p>" + money(at(total, "cost")) + " for " + count(at(total, "pupils")) + " pupils on " +
           count(at(total, "provisions")) + " provisions, " + value_html(at(period, "from")) + " to " +
           value_html(at(period, "to")) + ".</p>\n";
    Chart by_area{"chart-costs",
                  "Provision cost by area of need",
                  "What provision costs in each broad area of need this year, in pounds.",
                  ChartUnit::pounds,
                  {},
                  {{"Cost (GBP)", kSchool, {}}}};
    for (const auto& a : array_at(c, "by_area")) {
      by_area.categories.push_back(text_of(at(a.as_object(), "area")));
      by_area.series[0].values.push_back(number_at(a.as_object(), "cost"));
    }
    if (!by_area.categories.empty()) out += bar_chart(by_area) + chart_table(by_area);
  }
  if (!v.impact.data) return out + unavailable(v.impact) + "</section>\n";
  out +=
      "<table><caption>Each provision's cost and impact</caption>\n<thead><tr><th scope=\"col\">Provision</th>"
      "<th scope=\"col\">Cost per pupil</th><th scope=\"col\">Placements ended</th><th scope=\"col\">Effect size "
      "(Hedges' g, 95% interval)</th>"
      "<th scope=\"col\">Cost per unit of effect</th><th scope=\"col\">What it shows</th></tr></thead>\n<tbody>\n";
  for (const auto& p : array_at(*v.impact.data, "provisions")) {
    const auto& row = p.as_object();
    const auto& provision = object_at(row, "provision");
    std::string effect = none();
    if (const auto& e = at(row, "effect"); e.is_object()) {
      const auto& ci = array_at(e.as_object(), "ci95");
      effect = value_html(at(e.as_object(), "hedges_g")) +
               (ci.size() == 2 ? " (" + value_html(ci[0]) + " to " + value_html(ci[1]) + ")" : "");
    }
    out += "<tr><th scope=\"row\"><a href=\"/provisions/" + url_part(text_of(at(provision, "id"))) + "\">" +
           value_html(at(provision, "name")) + "</a></th><td>" + money(at(row, "cost_per_pupil")) + "</td><td>" +
           value_html(at(row, "placements_ended")) + "</td><td>" + effect + "</td><td>" +
           money(at(row, "cost_per_unit_effect")) + "</td><td>" + value_html(at(row, "conclusion")) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

// The panels of what needs doing: side by side on a laptop's first screen, so nothing the SENCO
// must act on is below it.
std::string actions_part(const DashboardView& v) {
  if (v.actions.empty()) return {};
  constexpr std::size_t kShown = 5;
  std::string out =
      "<section class=\"todo\" aria-labelledby=\"todo-heading\"><h2 id=\"todo-heading\" class=\"visually-hidden\">"
      "Needs action</h2>\n";
  for (const auto& p : v.actions) {
    out += "<section class=\"panel action\" aria-labelledby=\"" + p.id + "-heading\"><h3 id=\"" + p.id +
           "-heading\"><span class=\"figure\">" + std::to_string(p.items.size()) + "</span> " + escape(p.heading) +
           "</h3>\n";
    if (p.items.empty()) {
      out += "<p>" + escape(p.empty) + "</p>\n";
    } else {
      out += "<ul>\n";
      for (std::size_t i = 0; i < p.items.size() && i < kShown; ++i) {
        const auto& item = p.items[i];
        out += "<li><a href=\"" + escape(item.href) + "\">" + escape(item.text) + "</a> <span class=\"" +
               (item.overdue ? "warning date" : "date") + "\">" + escape(item.when) + "</span></li>\n";
      }
      out += "</ul>\n";
    }
    if (!p.all_href.empty()) out += "<p><a href=\"" + escape(p.all_href) + "\">" + escape(p.all_label) + "</a></p>\n";
    out += "</section>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string dashboard_page(const DashboardView& v) {
  Frame frame = v.frame;
  frame.title = "SEN dashboard";
  std::string main = "<h1>SEN dashboard" + (v.school.empty() ? std::string() : ": " + escape(v.school)) + "</h1>\n";
  main += "<p class=\"lede\">As of " + escape(v.today) +
          ". Figures are from the MIS's last sync and the records kept in senmap.</p>\n";
  if (!v.term_warning.empty())
    main += "<div class=\"notice\" role=\"status\"><p><strong>Term dates:</strong> " + escape(v.term_warning) +
            "</p></div>\n";
  // What needs doing first; then the lists it came from; then the figures and charts.
  main += actions_part(v);
  main +=
      "<nav class=\"contents\" aria-label=\"On this page\"><ul><li><a href=\"#flags-heading\">Flags</a></li>"
      "<li><a href=\"#reviews-heading\">Reviews due</a></li><li><a href=\"#ehc-heading\">EHC clocks</a></li>"
      "<li><a href=\"#register-heading\">The register</a></li><li><a href=\"#provision-heading\">Provision</a></li>"
      "</ul></nav>\n";
  main += flags_part(v) + reviews_part(v) + ehc_part(v) + register_part(v) + provision_part(v);
  return page(frame, main);
}

}  // namespace sm::http::pages
