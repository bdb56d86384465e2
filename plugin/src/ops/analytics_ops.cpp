// Register analytics: what governors and inspectors ask a SENCO. The register by year group and
// need as a % of roll against the national figures, its trend over the last census days, and
// the attendance and attainment of pupils with SEN against pupils without.
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <map>
#include <unordered_map>

#include "model/attendance_tally.hpp"
#include "model/number_text.hpp"
#include "model/reference_data.hpp"
#include "ops/attainment_gaps.hpp"
#include "ops/operation.hpp"
#include "report/pupil_groups.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// The reference table holds 0 for a figure the publication did not give.
json::value published(double figure) {
  return figure > 0 ? json::value(figure) : json::value(nullptr);
}

const char* group_name(const std::string& status) {
  return status == "E" ? "EHC plan" : status == "K" ? "SEN support" : "No SEN";
}

// The DfE school census days: first Thursday of October, third Thursday of January and of May.
std::vector<std::pair<std::string, model::Date>> census_days_before(model::Date last, int count) {
  using namespace std::chrono;
  std::vector<std::pair<std::string, model::Date>> days;
  for (int y = static_cast<int>(last.year());
       y >= static_cast<int>(last.year()) - count && static_cast<int>(days.size()) < count * 2; --y) {
    days.emplace_back("Autumn " + std::to_string(y), model::Date{year_month_weekday{year{y} / October / Thursday[1]}});
    days.emplace_back("Summer " + std::to_string(y), model::Date{year_month_weekday{year{y} / May / Thursday[3]}});
    days.emplace_back("Spring " + std::to_string(y), model::Date{year_month_weekday{year{y} / January / Thursday[3]}});
  }
  std::erase_if(days, [&](const auto& d) { return d.second > last; });
  std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  if (static_cast<int>(days.size()) > count) days.erase(days.begin(), days.end() - count);
  return days;
}

json::value by_year_and_need(const std::vector<const report::PupilFacts*>& roll) {
  std::map<std::string, std::vector<const report::PupilFacts*>> years;
  for (const auto* p : roll) years[p->nc_year].push_back(p);
  json::array out;
  for (const auto& [year, pupils] : years) {
    std::size_t k = 0, e = 0;
    json::object areas;
    for (const auto* p : pupils) {
      if (p->status == "N") continue;
      ++(p->status == "E" ? e : k);
      std::string area = p->primary_area.empty() ? "no need recorded" : p->primary_area;
      areas[area] = (areas.contains(area) ? areas[area].as_int64() : 0) + 1;
    }
    out.push_back({{"year", year},
                   {"roll", pupils.size()},
                   {"sen_support", k},
                   {"ehc_plan", e},
                   {"sen_support_percent", percent_of(k, pupils.size())},
                   {"ehc_plan_percent", percent_of(e, pupils.size())},
                   {"primary_need_areas", std::move(areas)}});
  }
  // NC years in school order: R, 1, 2 ... 13 (text order puts 10 before 2).
  std::stable_sort(out.begin(), out.end(), [](const json::value& a, const json::value& b) {
    auto order = [](const json::value& v) {
      std::string y(v.at("year").as_string());
      return y == "R" ? 0 : y.empty() || !std::isdigit(static_cast<unsigned char>(y[0])) ? 99 : std::atoi(y.c_str());
    };
    return order(a) < order(b);
  });
  return out;
}

// Each primary need's share of the school's SEN support pupils and of its EHC plans (null with
// none in the group), beside England's (a need England lists is shown even when no pupil here has it: that is a finding
// too).
json::value by_need(const std::vector<const report::PupilFacts*>& roll) {
  std::map<std::string, std::pair<std::size_t, std::size_t>> needs;
  std::size_t on_register = 0, support = 0, plans = 0;
  for (const auto* p : roll) {
    if (p->status == "N") continue;
    ++on_register;
    auto& [k, e] = needs[p->needs.empty() ? "none recorded" : p->needs.front()];
    ++(p->status == "E" ? e : k);
    ++(p->status == "E" ? plans : support);
  }
  const auto& england = model::latest_national_need_shares();
  for (const auto& share : england.shares) needs.try_emplace(std::string(share.need));
  json::array out;
  for (const auto& [need, counts] : needs) {
    const auto* national = england.find(need);
    out.push_back({{"need", need},
                   {"area", report::area_of_need(need)},
                   {"sen_support", counts.first},
                   {"ehc_plan", counts.second},
                   {"percent_of_register", percent_of(counts.first + counts.second, on_register)},
                   {"sen_support_percent", percent_of(counts.first, support)},
                   {"ehc_plan_percent", percent_of(counts.second, plans)},
                   {"national_sen_support_percent", national ? json::value(national->sen_support_percent) : nullptr},
                   {"national_ehc_plan_percent", national ? json::value(national->ehc_plan_percent) : nullptr}});
  }
  return out;
}

json::value trend(const report::SchoolHistory& history, Context& context, const report::PupilFilter& filter,
                  int terms) {
  json::array out;
  for (const auto& [name, day] : census_days_before(context.today, terms)) {
    auto pupils = history.facts_at(day);
    std::size_t roll = 0, k = 0, e = 0;
    for (const auto& [id, p] : pupils) {
      if (!p.on_roll || !filter.matches(p)) continue;
      ++roll;
      if (p.status == "K") ++k;
      if (p.status == "E") ++e;
    }
    out.push_back({{"census", name},
                   {"date", model::format_date(day)},
                   {"roll", roll},
                   {"sen_support", k},
                   {"ehc_plan", e},
                   {"sen_support_percent", percent_of(k, roll)},
                   {"ehc_plan_percent", percent_of(e, roll)}});
  }
  return out;
}

// One academic year's attendance per pupil: from the session marks when held (counted when they
// were imported), else the MIS totals.
std::map<std::int64_t, model::AttendanceTally> attendance_in(Context& context, int year) {
  std::map<std::int64_t, model::AttendanceTally> out;
  auto s = context.db.prepare(
      "SELECT pupil_id, CASE WHEN marks_start IS NOT NULL AND marks_possible IS NOT NULL THEN marks_possible ELSE "
      "COALESCE(sessions_possible, 0) END, "
      "CASE WHEN marks_start IS NOT NULL AND marks_possible IS NOT NULL THEN marks_attended ELSE "
      "COALESCE(sessions_attended, 0) END "
      "FROM attendance_year WHERE year = ?1");
  s.bind(1, year);
  while (s.step()) {
    auto& t = out[s.integer(0)];
    t.possible += static_cast<int>(s.integer(1));
    t.attended += static_cast<int>(s.integer(2));
  }
  return out;
}

json::value attendance(Context& context, const std::vector<const report::PupilFacts*>& roll, int year) {
  auto tallies = attendance_in(context, year);
  struct Group {
    std::size_t pupils = 0, persistent = 0, severe = 0;
    long possible = 0, attended = 0;
  };
  std::map<std::string, Group> groups, areas;
  for (const auto* p : roll) {
    auto it = tallies.find(p->id);
    if (it == tallies.end() || it->second.possible == 0) continue;
    auto add = [&](Group& g) {
      ++g.pupils;
      g.possible += it->second.possible;
      g.attended += it->second.attended;
      if (it->second.persistent_absence()) ++g.persistent;
      if (it->second.severe_absence()) ++g.severe;
    };
    add(groups[group_name(p->status)]);
    add(groups[p->status == "N" ? "All without SEN" : "All with SEN"]);
    if (p->status != "N") add(areas[p->primary_area.empty() ? "no need recorded" : p->primary_area]);
  }
  auto list = [](const std::map<std::string, Group>& from, const char* key) {
    json::array out;
    for (const auto& [name, g] : from)
      out.push_back(
          {{key, name},
           {"pupils", g.pupils},
           {"attendance_percent", g.possible ? json::value(model::round1(100.0 * static_cast<double>(g.attended) /
                                                                         static_cast<double>(g.possible)))
                                             : nullptr},
           {"persistent_absence_percent", percent_of(g.persistent, g.pupils)},
           {"severe_absence_percent", percent_of(g.severe, g.pupils)}});
    return out;
  };
  return json::object{{"academic_year", std::to_string(year) + "/" + std::to_string((year + 1) % 100)},
                      {"groups", list(groups, "group")},
                      {"by_area", list(areas, "area")}};
}

// Per subject: the mean latest numeric result in the year and the mean change from the first,
// for pupils with and without SEN and by area of need.
json::value attainment(Context& context, const std::vector<const report::PupilFacts*>& roll, int year) {
  std::unordered_map<std::int64_t, const report::PupilFacts*> by_id;
  for (const auto* p : roll) by_id[p->id] = p;
  // Only results that start with a digit: letters (A absent, B below the test) carry no score.
  // Read in storage order (no sort): first and latest are kept by date.
  auto s = context.db.prepare(
      "SELECT subject, pupil_id, CAST(result AS REAL), result_date FROM assessment_result WHERE result_date BETWEEN ?1 "
      "AND ?2 "
      "AND result GLOB '[0-9]*' AND result NOT GLOB '*[^0-9.]*'");
  s.bind(1, std::to_string(year) + "-08-01").bind(2, std::to_string(year + 1) + "-07-31");
  struct Series {
    double first = 0, latest = 0;
    std::string first_date, latest_date;
    int count = 0;
  };
  std::map<std::string, std::unordered_map<std::int64_t, Series>> subjects;
  while (s.step()) {
    if (!by_id.count(s.integer(1))) continue;
    auto value = std::optional<double>(s.real(2));
    auto& series = subjects[s.text(0)][s.integer(1)];
    auto date = s.text(3);
    if (series.count++ == 0 || date < series.first_date) {
      series.first = *value;
      series.first_date = date;
    }
    if (series.count == 1 || date >= series.latest_date) {
      series.latest = *value;
      series.latest_date = date;
    }
  }
  json::array out;
  for (const auto& [subject, pupils] : subjects) {
    if (pupils.size() < 10) continue;  // too few results to compare groups
    struct Sum {
      std::size_t n = 0, with_progress = 0;
      double latest = 0, progress = 0;
    };
    std::map<std::string, Sum> groups;
    for (const auto& entry : pupils) {
      const auto* p = by_id.at(entry.first);
      // Not a structured binding: the lambda captures it, which clang before 16 refuses (P1091).
      const auto& series = entry.second;
      auto add = [&](Sum& g) {
        ++g.n;
        g.latest += series.latest;
        if (series.count > 1) {
          ++g.with_progress;
          g.progress += series.latest - series.first;
        }
      };
      add(groups[group_name(p->status)]);
      add(groups[p->status == "N" ? "All without SEN" : "All with SEN"]);
      if (p->status != "N")
        add(groups["Area: " + (p->primary_area.empty() ? std::string("no need recorded") : p->primary_area)]);
    }
    json::array rows;
    for (const auto& [name, g] : groups)
      rows.push_back({{"group", name},
                      {"pupils", g.n},
                      {"mean_latest", model::round1(g.latest / static_cast<double>(g.n))},
                      {"mean_change",
                       g.with_progress ? json::value(model::round1(g.progress / static_cast<double>(g.with_progress)))
                                       : nullptr}});
    out.push_back({{"subject", subject}, {"groups", std::move(rows)}});
  }
  return out;
}

int requested_terms(const json::object& r) {
  int terms = 6;
  if (const auto* t = r.if_contains("terms"); t && t->is_int64()) {
    terms = static_cast<int>(t->as_int64());
    if (terms < 1 || terms > 30) throw InvalidRequest("terms", "must be from 1 to 30");
  }
  return terms;
}

json::value register_analytics(Context& context, const json::object& r) {
  auto filter = pupil_filter_from(context.db, r);
  report::SchoolHistory history(context.db);
  auto pupils = history.facts_at(context.today);
  std::vector<const report::PupilFacts*> roll;
  for (const auto& [id, p] : pupils)
    if (p.on_roll && filter.matches(p)) roll.push_back(&p);
  std::size_t k = 0, e = 0;
  for (const auto* p : roll) {
    if (p->status == "K") ++k;
    if (p->status == "E") ++e;
  }
  const int terms = requested_terms(r);
  const int year = requested_academic_year(context, r);
  const auto& national = model::latest_national_sen_figures();
  return json::object{{"as_of", model::format_date(context.today)},
                      {"filters", filter.describe()},
                      {"roll", roll.size()},
                      {"school",
                       {{"sen_support", k},
                        {"ehc_plan", e},
                        {"sen_support_percent", percent_of(k, roll.size())},
                        {"ehc_plan_percent", percent_of(e, roll.size())}}},
                      {"national",
                       {{"census", national.census},
                        {"publication", national.publication},
                        {"sen_support_percent", national.sen_support_percent},
                        {"ehc_plan_percent", national.ehc_plan_percent},
                        {"primary_with_sen_percent", published(national.primary_with_sen_percent)},
                        {"secondary_with_sen_percent", published(national.secondary_with_sen_percent)}}},
                      {"by_year", by_year_and_need(roll)},
                      {"by_need", by_need(roll)},
                      {"national_by_need",
                       {{"publication", model::latest_national_need_shares().publication},
                        {"period", model::latest_national_need_shares().period},
                        {"url", model::latest_national_need_shares().url}}},
                      {"trend", trend(history, context, filter, terms)},
                      {"attendance", attendance(context, roll, year)},
                      {"attainment", attainment(context, roll, year)},
                      {"attainment_gaps", attainment_gaps(context, history, filter, terms)}};
}

json::value gaps_report(Context& context, const json::object& r) {
  auto filter = pupil_filter_from(context.db, r);
  report::SchoolHistory history(context.db);
  auto gaps = attainment_gaps(context, history, filter, requested_terms(r));
  auto& out = gaps.as_object();
  out.emplace("as_of", model::format_date(context.today));
  out.emplace("filters", filter.describe());
  return gaps;
}

}  // namespace

void add_analytics_operations(std::vector<Operation>& out) {
  using F = FieldType;
  auto fields = group_comparison_fields(
      "the year of attendance and attainment, e.g. 2025 for 2025/26 (default: the latest held)");
  fields.push_back({"terms", F::integer, false,
                    "census days in the trend, and terms with results in the attainment gaps (default 6: two years)"});
  out.push_back(
      {"report.register_analytics",
       "The register by year and need against national figures, its trend over census days, and attendance and "
       "attainment with SEN against without",
       false, fields, register_analytics});
  auto gap_fields = pupil_filter_fields();
  std::erase_if(gap_fields, [](const Field& f) { return f.name == "status" || f.name == "area"; });
  gap_fields.push_back({"terms", F::integer, false, "the last terms with results shown per measure (default 6)"});
  out.push_back({"report.attainment_gaps",
                 "Attainment gaps over time: on each assessment measure, pupils without SEN against pupils with SEN "
                 "term by term, and whether the gap is closing or widening",
                 false, gap_fields, gaps_report});
}

}  // namespace sm::ops
