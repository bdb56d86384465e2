#include "report/pupil_groups.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "model/reference_data.hpp"

namespace sm::report {

std::string area_of_need(const std::string& code) {
  const auto* type = model::find_sen_type(code);
  return type && !type->area.empty() ? std::string(type->area) : code;
}

SchoolHistory::SchoolHistory(store::Database& db) {
  std::unordered_map<std::int64_t, std::size_t> index;
  auto s = db.prepare(
      "SELECT id, upn, surname, forename, COALESCE(nc_year, ''), COALESCE(first_language, ''), looked_after, "
      "COALESCE(left_on, ''), "
      "school_id FROM pupil ORDER BY id");
  while (s.step()) {
    Pupil p;
    p.base.id = s.integer(0);
    p.base.upn = s.text(1);
    p.base.surname = s.text(2);
    p.base.forename = s.text(3);
    p.base.nc_year = s.text(4);
    auto language = s.text(5);
    p.base.eal = !language.empty() && language != "ENG" && language != "ENB" && language != "NOT" && language != "REF";
    p.base.looked_after = s.integer(6) != 0;
    p.left_on = s.text(7);
    p.base.school_id = s.integer(8);
    index.emplace(p.base.id, pupils_.size());
    pupils_.push_back(std::move(p));
  }
  auto each = [&](const char* sql, auto add) {
    auto rows = db.prepare(sql);
    while (rows.step())
      if (auto it = index.find(rows.integer(0)); it != index.end()) add(pupils_[it->second], rows);
  };
  each("SELECT pupil_id, start_date, provision FROM sen_status_period ORDER BY pupil_id, start_date",
       [](Pupil& p, store::Statement& r) {
         p.statuses.push_back({r.text(1), "", r.text(2)});
       });
  each(
      "SELECT pupil_id, COALESCE(start_date, ''), COALESCE(end_date, ''), need_type FROM sen_need ORDER BY pupil_id, "
      "rank",
      [](Pupil& p, store::Statement& r) {
        p.needs.push_back({r.text(1), r.text(2), r.text(3)});
      });
  each("SELECT pupil_id, start_date, COALESCE(end_date, '') FROM fsm_period", [](Pupil& p, store::Statement& r) {
    p.fsm.push_back({r.text(1), r.text(2), ""});
  });
}

std::unordered_map<std::int64_t, PupilFacts> SchoolHistory::facts_at(model::Date as_of) const {
  const auto day = model::format_date(as_of);
  // Ever 6: free school meals at any point in the six years to the day.
  const auto six_years_ago = model::format_date(
      model::Date{as_of.year() - std::chrono::years{6}, as_of.month(), std::min(as_of.day(), std::chrono::day{28})});
  std::unordered_map<std::int64_t, PupilFacts> out;
  out.reserve(pupils_.size());
  for (const auto& p : pupils_) {
    PupilFacts f = p.base;
    f.on_roll = p.left_on.empty() || p.left_on > day;
    std::string status = "N";
    for (const auto& period : p.statuses)  // in date order: the last one started by the day
      if (period.from <= day) status = period.value;
    f.status = status == "K" || status == "E" ? status : "N";
    f.pupil_premium = f.looked_after || std::any_of(p.fsm.begin(), p.fsm.end(), [&](const Dated& d) {
                        return d.from <= day && (d.to.empty() || d.to >= six_years_ago);
                      });
    if (f.status != "N")
      for (const auto& n : p.needs)
        if (n.from <= day && (n.to.empty() || n.to > day)) f.needs.push_back(n.value);
    if (!f.needs.empty()) f.primary_area = area_of_need(f.needs.front());
    out.emplace(f.id, std::move(f));
  }
  return out;
}

std::map<std::int64_t, std::string> register_on(store::Database& db, model::Date day) {
  const auto date = model::format_date(day);
  auto s = db.prepare(
      "SELECT s.pupil_id, s.provision FROM sen_status_period s JOIN pupil p ON p.id = s.pupil_id "
      "WHERE s.start_date <= ?1 AND (p.left_on IS NULL OR p.left_on > ?1) ORDER BY s.pupil_id, s.start_date");
  s.bind(1, date);
  std::map<std::int64_t, std::string> out;
  std::int64_t pupil = -1;
  std::string status;
  auto keep = [&] {
    if (pupil >= 0 && (status == "K" || status == "E")) out.emplace_hint(out.end(), pupil, status);
  };
  while (s.step()) {
    if (s.integer(0) != pupil) {
      keep();
      pupil = s.integer(0);
    }
    status = s.text(1);  // in date order: the last one begun by the day
  }
  keep();
  return out;
}

bool PupilFilter::matches(const PupilFacts& p) const {
  if (school_id && p.school_id != *school_id) return false;
  if (year && p.nc_year != *year) return false;
  if (status && p.status != *status) return false;
  if (area) {
    bool any = std::any_of(p.needs.begin(), p.needs.end(),
                           [&](const std::string& code) { return code == *area || area_of_need(code) == *area; });
    if (!any) return false;
  }
  if (pupil_premium && p.pupil_premium != *pupil_premium) return false;
  if (eal && p.eal != *eal) return false;
  if (looked_after && p.looked_after != *looked_after) return false;
  return true;
}

boost::json::object PupilFilter::describe() const {
  boost::json::object out;
  if (school_id) out["school"] = school;
  if (year) out["year"] = *year;
  if (area) out["area"] = *area;
  if (status) out["status"] = *status;
  if (pupil_premium) out["pupil_premium"] = *pupil_premium;
  if (eal) out["eal"] = *eal;
  if (looked_after) out["looked_after"] = *looked_after;
  return out;
}

}  // namespace sm::report
