// The whole-school provision map and what it costs: every provision running in a period, who is
// on it, sessions planned and delivered, cost per provision, per pupil, per area of need.
// Filterable by the groups leaders and governors ask about.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <set>

#include "model/provision_cost.hpp"
#include "model/reference_data.hpp"
#include "ops/operation.hpp"
#include "ops/provision_spend.hpp"
#include "report/pupil_groups.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

std::string full_name(const report::PupilFacts& p) {
  return p.forename + " " + p.surname;
}

json::object header(const SpendSelection& sel) {
  auto filters = sel.filter.describe();
  if (sel.wave) filters["wave"] = *sel.wave;
  return json::object{{"period", {{"from", sel.period.from}, {"to", sel.period.to}}}, {"filters", std::move(filters)}};
}

json::value provision_map(Context& context, const json::object& r) {
  auto sel = spend_selection(context, r);
  auto pupils = report::load_pupil_facts(
      context.db, *model::parse_date(std::min(sel.period.to, model::format_date(context.today))));
  auto placed = placed_in(context, sel, pupils);
  json::array provisions;
  std::int64_t all_planned = 0, all_delivered = 0, all_cost = 0;
  std::set<std::int64_t> all_pupils;
  for (std::size_t i = 0; i < placed.size();) {
    std::size_t j = i;
    json::array on;
    std::int64_t planned = 0, delivered = 0, attended = 0, cost = 0;
    for (; j < placed.size() && placed[j].provision == placed[i].provision; ++j) {
      const auto& p = placed[j];
      planned += p.planned;
      delivered += p.delivered;
      attended += p.attended;
      cost += p.cost_pence;
      all_pupils.insert(p.pupil->id);
      on.push_back({{"upn", p.pupil->upn},
                    {"name", full_name(*p.pupil)},
                    {"year", p.pupil->nc_year},
                    {"status", p.pupil->status},
                    {"placement_id", p.placement},
                    {"start", p.start},
                    {"end", p.end.empty() ? json::value(nullptr) : json::value(p.end)},
                    {"sessions_planned", p.planned},
                    {"sessions_delivered", p.delivered},
                    {"sessions_attended", p.attended}});
    }
    all_planned += planned;
    all_delivered += delivered;
    all_cost += cost;
    provisions.push_back({{"id", placed[i].provision},
                          {"name", placed[i].name},
                          {"wave", placed[i].wave},
                          {"pupil_count", on.size()},
                          {"pupils", std::move(on)},
                          {"sessions_planned", planned},
                          {"sessions_delivered", delivered},
                          {"sessions_attended", attended},
                          {"delivered_percent_of_planned", percent_of(delivered, planned)},
                          {"cost_per_pupil", model::pounds(placed[i].cost_pence)},
                          {"cost", model::pounds(cost)}});
    i = j;
  }
  auto out = header(sel);
  out["totals"] = json::object{{"provisions", provisions.size()},     {"pupils", all_pupils.size()},
                               {"placements", placed.size()},         {"sessions_planned", all_planned},
                               {"sessions_delivered", all_delivered}, {"cost", model::pounds(all_cost)}};
  out["provisions"] = std::move(provisions);
  return out;
}

json::value costs(Context& context, const json::object& r) {
  auto sel = spend_selection(context, r);
  auto pupils = report::load_pupil_facts(
      context.db, *model::parse_date(std::min(sel.period.to, model::format_date(context.today))));
  auto placed = placed_in(context, sel, pupils);
  struct Sum {
    std::int64_t pence = 0;
    std::set<std::int64_t> pupils;
    std::vector<std::string> names;
  };
  std::map<std::pair<std::string, std::int64_t>, Sum> by_provision;  // (name, id)
  std::map<std::int64_t, Sum> by_pupil;
  std::map<std::string, Sum> by_area, by_need;
  std::int64_t total = 0;
  for (const auto& p : placed) {
    total += p.cost_pence;
    auto add = [&](Sum& sum, const std::string& name) {
      sum.pence += p.cost_pence;
      sum.pupils.insert(p.pupil->id);
      if (!name.empty()) sum.names.push_back(name);
    };
    add(by_provision[{p.name, p.provision}], "");
    add(by_pupil[p.pupil->id], p.name);
    // The pupil's primary need decides where the money counts: one pupil, one area.
    std::string need = p.pupil->status == "N"   ? "not on the register"
                       : p.pupil->needs.empty() ? "no need recorded"
                                                : p.pupil->needs.front();
    add(by_area[p.pupil->primary_area.empty() ? need : p.pupil->primary_area], "");
    add(by_need[need], "");
  }
  auto per_pupil = [](const Sum& s) {
    return s.pupils.empty() ? 0.0
                            : std::round(static_cast<double>(s.pence) / static_cast<double>(s.pupils.size())) / 100.0;
  };
  json::array provisions, per_pupil_list, areas, needs;
  for (const auto& [key, s] : by_provision)
    provisions.push_back({{"id", key.second},
                          {"name", key.first},
                          {"pupils", s.pupils.size()},
                          {"cost", model::pounds(s.pence)},
                          {"cost_per_pupil", per_pupil(s)}});
  for (const auto& [id, s] : by_pupil) {
    const auto& p = pupils.at(id);
    json::array names;
    for (const auto& n : s.names) names.push_back(json::value(n));
    per_pupil_list.push_back({{"upn", p.upn},
                              {"name", full_name(p)},
                              {"year", p.nc_year},
                              {"status", p.status},
                              {"provisions", std::move(names)},
                              {"cost", model::pounds(s.pence)}});
  }
  std::stable_sort(per_pupil_list.begin(), per_pupil_list.end(), [](const json::value& a, const json::value& b) {
    return a.at("cost").to_number<double>() > b.at("cost").to_number<double>();
  });
  for (const auto& [area, s] : by_area)
    areas.push_back({{"area", area},
                     {"pupils", s.pupils.size()},
                     {"cost", model::pounds(s.pence)},
                     {"cost_per_pupil", per_pupil(s)}});
  for (const auto& [need, s] : by_need)
    needs.push_back({{"need", need},
                     {"pupils", s.pupils.size()},
                     {"cost", model::pounds(s.pence)},
                     {"cost_per_pupil", per_pupil(s)}});
  auto out = header(sel);
  out["by_provision"] = std::move(provisions);
  out["by_pupil"] = std::move(per_pupil_list);
  out["by_area"] = std::move(areas);
  out["by_need"] = std::move(needs);
  out["total"] = json::object{{"cost", model::pounds(total)},
                              {"pupils", by_pupil.size()},
                              {"placements", placed.size()},
                              {"provisions", by_provision.size()}};
  return out;
}

}  // namespace

SchoolQualifiedId split_school_qualified(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return {"", std::string(text)};
  return {std::string(text.substr(0, slash)), std::string(text.substr(slash + 1))};
}

Field school_field() {
  return {"school", FieldType::string, false,
          "one school of a trust's database, as LA-Estab (e.g. 701-4001); default: every school"};
}

std::optional<std::int64_t> school_of_request(store::Database& db, const json::object& r) {
  auto school = text_field(r, "school");
  if (school.empty()) return std::nullopt;
  auto dash = school.find('-');
  auto s = db.prepare("SELECT id FROM school WHERE la = ?1 AND estab = ?2");
  s.bind(1, school.substr(0, dash)).bind(2, dash == std::string::npos ? std::string() : school.substr(dash + 1));
  if (!s.step()) throw InvalidRequest("school", "no school " + school + " in this database (LA-Estab, e.g. 701-4001)");
  return s.integer(0);
}

std::int64_t school_or_only(store::Database& db, const json::object& r) {
  if (auto named = school_of_request(db, r)) return *named;
  auto s = db.prepare("SELECT id, (SELECT COUNT(*) FROM school) FROM school LIMIT 1");
  if (!s.step()) throw InvalidRequest("school", "no school is held yet: sync or import the school first");
  if (s.integer(1) > 1)
    throw InvalidRequest("school", "this database holds " + std::to_string(s.integer(1)) +
                                       " schools: name one as LA-Estab (e.g. 701-4001)");
  return s.integer(0);
}

report::PupilFilter pupil_filter_from(store::Database& db, const json::object& r) {
  report::PupilFilter f;
  std::vector<FieldError> errors;
  f.school_id = school_of_request(db, r);
  f.school = text_field(r, "school");
  if (auto year = text_field(r, "year"); !year.empty()) f.year = year;
  if (auto area = text_field(r, "area"); !area.empty()) {
    auto types = model::sen_type_codes();
    bool known = model::find_sen_type(area) ||
                 std::any_of(types.begin(), types.end(), [&](const auto& t) { return t.area == area; });
    if (!known)
      errors.push_back(
          {"area",
           "'" + area +
               "' is neither a broad area of need (e.g. Cognition and learning) nor a census need code (e.g. SPLD)"});
    f.area = area;
  }
  if (auto status = text_field(r, "status"); !status.empty()) {
    if (status != "K" && status != "E") errors.push_back({"status", "must be K (SEN support) or E (EHC plan)"});
    f.status = status;
  }
  auto flag = [&](const char* key, std::optional<bool>& into) {
    if (const auto* v = r.if_contains(key); v && v->is_bool()) into = v->as_bool();
  };
  flag("pupil_premium", f.pupil_premium);
  flag("eal", f.eal);
  flag("looked_after", f.looked_after);
  if (!errors.empty()) throw InvalidRequest(errors);
  return f;
}

std::vector<Field> pupil_filter_fields() {
  using F = FieldType;
  return {school_field(),
          {"year", F::string, false, "only this NC year (e.g. 7)"},
          {"area", F::string, false, "only pupils with this broad area of need or census need code"},
          {"status", F::string, false, "K (SEN support) or E (EHC plan) only"},
          {"pupil_premium", F::boolean, false, "pupil premium (FSM in the last six years, or looked after) or not"},
          {"eal", F::boolean, false, "English as an additional language or not"},
          {"looked_after", F::boolean, false, "looked after or not"}};
}

std::vector<Field> group_comparison_fields(const std::string& academic_year) {
  std::vector<Field> fields;
  for (auto& f : pupil_filter_fields())
    if (f.name != "status" && f.name != "area") fields.push_back(f);  // the report compares those groups itself
  fields.push_back({"academic_year", FieldType::integer, false, academic_year});
  return fields;
}

int requested_academic_year(Context& context, const json::object& request) {
  if (const auto* y = request.if_contains("academic_year"); y && y->is_int64()) return static_cast<int>(y->as_int64());
  auto latest = context.db.prepare("SELECT MAX(year) FROM attendance_year");
  if (latest.step() && !latest.is_null(0)) return static_cast<int>(latest.integer(0));
  return model::academic_year_of(context.today);
}

void add_whole_school_operations(std::vector<Operation>& out) {
  using F = FieldType;
  auto fields = pupil_filter_fields();
  fields.push_back({"wave", F::integer, false, "only provisions of this wave (1, 2 or 3)"});
  fields.push_back({"from", F::date, false, "start of the period (default: 1 August of this academic year)"});
  fields.push_back({"to", F::date, false, "end of the period (default: 31 July)"});
  out.push_back(
      {"report.provision_map",
       "The whole-school provision map: each provision running in the period, its pupils, sessions planned and "
       "delivered, and cost",
       false, fields, provision_map});
  out.push_back({"report.costs",
                 "Provision costs in the period: per provision, per pupil, per area of need and in total", false,
                 fields, costs});
}

}  // namespace sm::ops
