// Exclusions and suspensions: how often pupils with SEN are suspended against pupils without, the
// question governors are told to ask. Counted from the E marks the register already holds (a
// suspension is a run of them), per SEN group and area of need, as rates per 100 pupils the way
// the DfE publishes them.
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <unordered_map>
#include <utility>

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

json::value exclusions(Context& context, const json::object& r) {
  auto filter = pupil_filter_from(context.db, r);
  const int year = requested_academic_year(context, r);
  auto tallies = suspensions_in_year(context, year);
  auto pupils = report::load_pupil_facts(context.db, context.today);
  std::map<std::string, Group> groups{{"all", {}}, {"no_sen", {}}, {"sen_support", {}}, {"ehc_plan", {}}};
  std::map<std::string, Group> areas;
  for (const auto& [id, p] : pupils) {
    if (!p.on_roll || !filter.matches(p)) continue;
    auto found = tallies.find(id);
    const model::SuspensionTally none;
    const auto& t = found == tallies.end() ? none : found->second;
    auto add = [&](Group& g) {
      ++g.pupils;
      g.suspensions += t.suspensions;
      g.sessions += t.sessions;
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
    by_group.push_back(std::move(row));
  }
  json::array by_area;
  for (const auto& [area, g] : areas) {
    auto row = figures(g);
    row.emplace("area", area);
    by_area.push_back(std::move(row));
  }
  return json::object{
      {"as_of", model::format_date(context.today)},
      {"academic_year",
       std::to_string(year) + "/" + ((year + 1) % 100 < 10 ? "0" : "") + std::to_string((year + 1) % 100)},
      {"filters", filter.describe()},
      {"groups", std::move(by_group)},
      {"by_area", std::move(by_area)},
      {"counted_from",
       "Suspensions are counted from the sessions marked E in the register, a run of them one suspension; no "
       "permanent exclusion is recorded, as no source senmap reads has sent exclusion records"},
      // Governors are asked to compare with England; a figure is shown only with the publication it
      // comes from, and senmap holds none for exclusions yet.
      {"national", nullptr},
      {"national_note", "England's rates are not held: senmap shows a national figure only with its publication"}};
}

}  // namespace

void add_exclusions_operations(std::vector<Operation>& out) {
  auto fields = group_comparison_fields("the school year, e.g. 2026 for 2026/27 (default: the latest held)");
  out.push_back({"report.exclusions",
                 "Suspensions and permanent exclusions per 100 pupils, with and without SEN and by area of need", false,
                 fields, exclusions});
}

}  // namespace sm::ops
