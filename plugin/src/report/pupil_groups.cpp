#include "report/pupil_groups.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "model/reference_data.hpp"

namespace sm::report {

std::string area_of_need(const std::string& code) {
  const auto* type = model::find_sen_type(code);
  return type && !type->area.empty() ? std::string(type->area) : code;
}

std::unordered_map<std::int64_t, PupilFacts> load_pupil_facts(store::Database& db, model::Date as_of) {
  const auto day = model::format_date(as_of);
  // Ever 6: free school meals at any point in the six years to the day asked.
  const auto six_years_ago = model::format_date(model::Date{as_of.year() - std::chrono::years{6}, as_of.month(),
                                                            std::min(as_of.day(), std::chrono::day{28})});
  std::unordered_map<std::int64_t, PupilFacts> pupils;
  auto s = db.prepare(
      "SELECT p.id, p.upn, p.surname, p.forename, COALESCE(p.nc_year, ''), COALESCE(p.first_language, ''), p.looked_after, "
      "(SELECT provision FROM sen_status_period sp WHERE sp.pupil_id = p.id AND sp.start_date <= ?1 ORDER BY sp.start_date DESC LIMIT 1), "
      "EXISTS (SELECT 1 FROM fsm_period f WHERE f.pupil_id = p.id AND f.start_date <= ?1 AND (f.end_date IS NULL OR f.end_date >= ?2)), "
      "p.left_on IS NULL OR p.left_on > ?1 FROM pupil p");
  s.bind(1, day).bind(2, six_years_ago);
  while (s.step()) {
    PupilFacts p;
    p.id = s.integer(0);
    p.upn = s.text(1);
    p.surname = s.text(2);
    p.forename = s.text(3);
    p.nc_year = s.text(4);
    auto language = s.text(5);
    p.eal = !language.empty() && language != "ENG" && language != "ENB" && language != "NOT" && language != "REF";
    p.looked_after = s.integer(6) != 0;
    auto status = s.is_null(7) ? std::string("N") : s.text(7);
    p.status = status == "K" || status == "E" ? status : "N";
    p.pupil_premium = s.integer(8) != 0 || p.looked_after;
    p.on_roll = s.integer(9) != 0;
    pupils.emplace(p.id, std::move(p));
  }
  auto needs = db.prepare(
      "SELECT pupil_id, need_type FROM sen_need WHERE (start_date IS NULL OR start_date <= ?1) "
      "AND (end_date IS NULL OR end_date > ?1) ORDER BY pupil_id, rank");
  needs.bind(1, day);
  while (needs.step()) {
    auto it = pupils.find(needs.integer(0));
    if (it == pupils.end() || it->second.status == "N") continue;
    it->second.needs.push_back(needs.text(1));
  }
  for (auto& [id, p] : pupils)
    if (!p.needs.empty()) p.primary_area = area_of_need(p.needs.front());
  return pupils;
}

bool PupilFilter::matches(const PupilFacts& p) const {
  if (year && p.nc_year != *year) return false;
  if (status && p.status != *status) return false;
  if (area) {
    bool any = std::any_of(p.needs.begin(), p.needs.end(), [&](const std::string& code) { return code == *area || area_of_need(code) == *area; });
    if (!any) return false;
  }
  if (pupil_premium && p.pupil_premium != *pupil_premium) return false;
  if (eal && p.eal != *eal) return false;
  if (looked_after && p.looked_after != *looked_after) return false;
  return true;
}

boost::json::object PupilFilter::describe() const {
  boost::json::object out;
  if (year) out["year"] = *year;
  if (area) out["area"] = *area;
  if (status) out["status"] = *status;
  if (pupil_premium) out["pupil_premium"] = *pupil_premium;
  if (eal) out["eal"] = *eal;
  if (looked_after) out["looked_after"] = *looked_after;
  return out;
}

}  // namespace sm::report
