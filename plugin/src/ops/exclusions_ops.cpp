// Exclusions and suspensions: how often pupils with SEN are suspended against pupils without, the
// question governors are told to ask. Counted from the exclusion records the school keeps where a
// pupil has them for the year, else from the E marks the register holds (a suspension is a run of
// them); a permanent exclusion only from a record (no mark shows one). Per SEN group and area of
// need, as rates per 100 pupils the way the DfE publishes them, beside England's where held.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <unordered_map>
#include <utility>

#include "model/reference_data.hpp"
#include "model/suspensions.hpp"
#include "ops/operation.hpp"
#include "report/pupil_groups.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

struct Group {
  std::size_t pupils = 0, suspended = 0, permanent = 0;
  long suspensions = 0, sessions = 0;
};

// Per 100 pupils, to two places as the DfE's tables give them; null for an empty group.
json::value per_100(double count, std::size_t pupils) {
  if (pupils == 0) return nullptr;
  return std::round(count * 10000.0 / static_cast<double>(pupils)) / 100.0;
}

json::object figures(const Group& g) {
  return {{"pupils", g.pupils},
          {"pupils_suspended", g.suspended},
          {"suspensions", g.suspensions},
          {"sessions_lost", g.sessions},
          {"permanent_exclusions", g.permanent},
          {"suspension_rate", per_100(static_cast<double>(g.suspensions), g.pupils)},
          {"one_or_more_suspension_rate", per_100(static_cast<double>(g.suspended), g.pupils)},
          {"permanent_exclusion_rate", per_100(static_cast<double>(g.permanent), g.pupils)}};
}

// Each pupil's suspensions in one academic year, from every block of marks held for it.
std::unordered_map<std::int64_t, model::SuspensionTally> suspensions_in_year(Context& context, int year) {
  std::unordered_map<std::int64_t, model::SuspensionTally> out;
  auto s = context.db.prepare("SELECT pupil_id, marks FROM attendance_year WHERE year = ?1 AND marks IS NOT NULL");
  s.bind(1, year);
  while (s.step()) {
    auto t = model::suspensions_in(s.text_view(1));
    auto& held = out[s.integer(0)];
    held.suspensions += t.suspensions;
    held.sessions += t.sessions;
  }
  return out;
}

// What the school's exclusion records say of one pupil in the year (1 September to 31 August).
struct Recorded {
  model::SuspensionTally suspended;
  int permanent = 0;
  std::map<std::string, std::pair<int, int>> reasons;  // reason -> suspensions, permanent exclusions
};
std::unordered_map<std::int64_t, Recorded> recorded_in_year(Context& context, int year) {
  std::unordered_map<std::int64_t, Recorded> out;
  auto s = context.db.prepare(
      "SELECT pupil_id, kind, COUNT(*), COALESCE(SUM(sessions), 0), COALESCE(reason, 'not given') FROM exclusion "
      "WHERE start_date BETWEEN ?1 AND ?2 GROUP BY pupil_id, kind, reason");
  s.bind(1, std::to_string(year) + "-09-01").bind(2, std::to_string(year + 1) + "-08-31");
  while (s.step()) {
    auto& r = out[s.integer(0)];
    const auto count = static_cast<int>(s.integer(2));
    auto& reason = r.reasons[s.text(4)];
    if (s.text(1) == "permanent") {
      r.permanent += count;
      reason.second += count;
    } else {
      r.suspended.suspensions += count;
      r.suspended.sessions += static_cast<int>(s.integer(3));
      reason.first += count;
    }
  }
  return out;
}

// England's rates for a group, where the publication held gives them.
void add_national(json::object& row, std::string_view group) {
  const auto* england = model::latest_national_exclusion_rates().find(group);
  row.emplace("national_suspension_rate", england ? json::value(england->suspension_rate) : nullptr);
  row.emplace("national_permanent_exclusion_rate", england ? json::value(england->permanent_exclusion_rate) : nullptr);
}

json::value exclusions(Context& context, const json::object& r) {
  auto filter = pupil_filter_from(context.db, r);
  const int year = requested_academic_year(context, r);
  auto marked = suspensions_in_year(context, year);
  auto recorded = recorded_in_year(context, year);
  auto pupils = report::load_pupil_facts(context.db, context.today);
  std::map<std::string, Group> groups{{"all", {}}, {"no_sen", {}}, {"sen_support", {}}, {"ehc_plan", {}}};
  std::map<std::string, Group> areas;
  std::size_t from_records = 0;
  std::map<std::string, std::pair<int, int>> reasons;
  for (const auto& [id, p] : pupils) {
    auto record = recorded.find(id);
    const Recorded no_record;
    const auto& rec = record == recorded.end() ? no_record : record->second;
    // A pupil permanently excluded this year has left the roll, and still counts: the DfE's rate
    // is of the pupils the school had.
    if ((!p.on_roll && rec.permanent == 0) || !filter.matches(p)) continue;
    const model::SuspensionTally none;
    auto marks = marked.find(id);
    const bool by_record = rec.suspended.suspensions > 0;
    if (by_record) ++from_records;
    for (const auto& [reason, counts] : rec.reasons) {
      reasons[reason].first += counts.first;
      reasons[reason].second += counts.second;
    }
    const auto& t = by_record ? rec.suspended : marks == marked.end() ? none : marks->second;
    auto add = [&](Group& g) {
      ++g.pupils;
      g.suspensions += t.suspensions;
      g.sessions += t.sessions;
      g.permanent += static_cast<std::size_t>(rec.permanent);
      if (t.suspensions > 0) ++g.suspended;
    };
    add(groups["all"]);
    add(groups[p.status == "E" ? "ehc_plan" : p.status == "K" ? "sen_support" : "no_sen"]);
    if (p.status != "N") add(areas[p.primary_area.empty() ? "no need recorded" : p.primary_area]);
  }
  json::array by_group;
  for (auto [name, label] : {std::pair{"all", "All pupils"}, std::pair{"no_sen", "No SEN"},
                             std::pair{"sen_support", "SEN support"}, std::pair{"ehc_plan", "EHC plan"}}) {
    auto row = figures(groups[name]);
    row.emplace("group", name);
    row.emplace("label", label);  // as a page or a spreadsheet names the group
    add_national(row, name);
    by_group.push_back(std::move(row));
  }
  json::array by_area;
  for (const auto& [area, g] : areas) {
    auto row = figures(g);
    row.emplace("area", area);
    by_area.push_back(std::move(row));
  }
  // Why, as far as the records say: the reason codes, the most frequent first.
  std::vector<std::pair<std::string, std::pair<int, int>>> why(reasons.begin(), reasons.end());
  std::stable_sort(why.begin(), why.end(), [](const auto& a, const auto& b) {
    return a.second.first + a.second.second > b.second.first + b.second.second;
  });
  json::array by_reason;
  for (const auto& [reason, counts] : why)
    by_reason.push_back({{"reason", reason}, {"suspensions", counts.first}, {"permanent_exclusions", counts.second}});
  const auto& england = model::latest_national_exclusion_rates();
  return json::object{
      {"as_of", model::format_date(context.today)},
      {"academic_year", model::academic_year_name(year)},
      {"filters", filter.describe()},
      {"groups", std::move(by_group)},
      {"by_area", std::move(by_area)},
      {"pupils_counted_from_records", from_records},
      {"by_reason", std::move(by_reason)},
      {"counted_from",
       "A pupil's suspensions are counted from the school's exclusion records when it has any for the year, "
       "otherwise from the sessions marked E in the register (a run of them one suspension); permanent exclusions "
       "only from the records"},
      // Governors are asked to compare with England: a figure is shown only with the publication
      // it comes from, and only for the groups that publication was found to give.
      {"national", {{"publication", england.publication}, {"period", england.period}, {"url", england.url}}},
      {"national_note", "England's rates (" + std::string(england.period) +
                            ") are shown for all pupils only: its rates by SEN provision were not found in a source "
                            "senmap can name"}};
}

}  // namespace

void add_exclusions_operations(std::vector<Operation>& out) {
  auto fields = group_comparison_fields("the school year, e.g. 2026 for 2026/27 (default: the latest held)");
  out.push_back({"report.exclusions",
                 "Suspensions and permanent exclusions per 100 pupils, with and without SEN and by area of need", false,
                 fields, exclusions});
}

}  // namespace sm::ops
