#include "report/register_report.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <unordered_map>

#include "model/reference_data.hpp"

namespace sm::report {
namespace {

double percent_of(int part, int whole) {
  return whole == 0 ? 0.0 : std::round(1000.0 * part / whole) / 10.0;
}

}  // namespace

int year_order(const std::string& year) {
  if (year == "N1") return -3;
  if (year == "N2") return -2;
  if (year == "R") return -1;
  if (year.empty() || year == "X") return 99;
  return std::atoi(year.c_str());
}

std::vector<RegisterEntry> load_register(store::Database& db, model::Date as_of, std::optional<std::int64_t> class_id) {
  std::vector<RegisterEntry> entries;
  std::unordered_map<std::int64_t, std::size_t> index;
  // Periods in date order per pupil: the current status is the last one, and it has held
  // since the first of the unbroken run of periods with that same status.
  const std::string in_class = class_id ? " AND p.id IN (SELECT pupil_id FROM class_member WHERE class_id = ?1)" : "";
  auto& periods = db.cached(
      "SELECT p.id, p.upn, p.surname, p.forename, COALESCE(p.nc_year, ''), s.provision, s.start_date "
      "FROM pupil p JOIN sen_status_period s ON s.pupil_id = p.id WHERE p.left_on IS NULL" +
      in_class + " ORDER BY p.id, s.start_date");
  if (class_id) periods.bind(1, *class_id);
  std::int64_t pupil = -1;
  RegisterEntry current;
  auto flush = [&] {
    const auto* code = model::find_sen_provision(current.status);
    if (pupil >= 0 && code && code->on_register && !code->legacy) {
      index[pupil] = entries.size();
      entries.push_back(current);
    }
  };
  while (periods.step()) {
    auto id = periods.integer(0);
    auto status = periods.text(5);
    if (id != pupil) {
      flush();
      pupil = id;
      current = RegisterEntry{
          periods.text(1), periods.text(2), periods.text(3), periods.text(4), status, periods.text(6), {}};
    } else if (status != current.status) {
      current.status = status;
      current.status_since = periods.text(6);
    }
  }
  flush();

  auto& needs = db.cached(
      std::string("SELECT pupil_id, need_type, rank FROM sen_need WHERE (end_date IS NULL OR end_date > ?1)") +
      (class_id ? " AND pupil_id IN (SELECT pupil_id FROM class_member WHERE class_id = ?2)" : "") +
      " ORDER BY pupil_id, rank");
  needs.bind(1, model::format_date(as_of));
  if (class_id) needs.bind(2, *class_id);
  while (needs.step()) {
    auto it = index.find(needs.integer(0));
    if (it != index.end()) entries[it->second].needs.push_back({needs.text(1), static_cast<int>(needs.integer(2))});
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return std::tie(a.surname, a.forename, a.upn) < std::tie(b.surname, b.forename, b.upn);
  });
  return entries;
}

RosterCounts load_roll(store::Database& db) {
  RosterCounts counts;
  auto stmt = db.prepare("SELECT COALESCE(nc_year, ''), COUNT(*) FROM pupil WHERE left_on IS NULL GROUP BY 1");
  while (stmt.step()) {
    int n = static_cast<int>(stmt.integer(1));
    counts.roll += n;
    counts.roll_by_year.emplace_back(stmt.text(0), n);
  }
  std::sort(counts.roll_by_year.begin(), counts.roll_by_year.end(),
            [](const auto& a, const auto& b) { return year_order(a.first) < year_order(b.first); });
  return counts;
}

boost::json::value register_json(const std::vector<RegisterEntry>& entries) {
  boost::json::array out;
  out.reserve(entries.size());
  for (const auto& e : entries) {
    boost::json::array needs;
    for (const auto& n : e.needs) needs.push_back({{"code", n.code}, {"rank", n.rank}});
    out.push_back({{"upn", e.upn},
                   {"surname", e.surname},
                   {"forename", e.forename},
                   {"nc_year", e.nc_year},
                   {"status", e.status},
                   {"status_since", e.status_since},
                   {"needs", std::move(needs)}});
  }
  return out;
}

boost::json::value register_summary_json(const std::vector<RegisterEntry>& entries, const RosterCounts& roll) {
  int support = 0, ehc = 0;
  std::map<std::string, std::pair<int, int>> by_need;  // primary need -> (K, E)
  std::map<std::string, std::pair<int, int>> by_year;
  for (const auto& e : entries) {
    bool is_ehc = e.status == "E";
    ++(is_ehc ? ehc : support);
    auto need = e.needs.empty() ? std::string("none recorded") : e.needs.front().code;
    ++(is_ehc ? by_need[need].second : by_need[need].first);
    ++(is_ehc ? by_year[e.nc_year].second : by_year[e.nc_year].first);
  }
  const auto& national = model::latest_national_sen_figures();
  boost::json::object status{
      {"roll", roll.roll},
      {"sen_support",
       {{"pupils", support},
        {"percent_of_roll", percent_of(support, roll.roll)},
        {"national_percent", national.sen_support_percent}}},
      {"ehc_plan",
       {{"pupils", ehc},
        {"percent_of_roll", percent_of(ehc, roll.roll)},
        {"national_percent", national.ehc_plan_percent}}},
      {"on_register",
       {{"pupils", support + ehc},
        {"percent_of_roll", percent_of(support + ehc, roll.roll)},
        {"national_percent", national.sen_support_percent + national.ehc_plan_percent}}},
  };
  boost::json::array needs;
  for (const auto& [code, counts] : by_need) {
    const auto* type = model::find_sen_type(code);
    needs.push_back({{"code", code},
                     {"area", type ? type->area : std::string_view("")},
                     {"sen_support", counts.first},
                     {"ehc_plan", counts.second},
                     {"percent_of_register", percent_of(counts.first + counts.second, support + ehc)}});
  }
  std::stable_sort(needs.begin(), needs.end(), [](const auto& a, const auto& b) {
    auto total = [](const boost::json::value& v) {
      return v.at("sen_support").as_int64() + v.at("ehc_plan").as_int64();
    };
    return total(a) > total(b);
  });
  boost::json::array years;
  for (const auto& [year, pupils] : roll.roll_by_year) {
    auto counts = by_year.count(year) ? by_year[year] : std::pair<int, int>{0, 0};
    years.push_back({{"nc_year", year},
                     {"roll", pupils},
                     {"sen_support", counts.first},
                     {"ehc_plan", counts.second},
                     {"percent_on_register", percent_of(counts.first + counts.second, pupils)}});
  }
  return {{"status", std::move(status)},
          {"primary_need", std::move(needs)},
          {"year_groups", std::move(years)},
          {"national",
           {{"source", "DfE, Special educational needs in England"},
            {"publication", national.publication},
            {"census", national.census},
            {"ehc_plan_percent", national.ehc_plan_percent},
            {"sen_support_percent", national.sen_support_percent},
            {"most_common_need_ehc_plan", national.most_common_need_ehc},
            {"most_common_need_sen_support", national.most_common_need_support}}}};
}

}  // namespace sm::report
