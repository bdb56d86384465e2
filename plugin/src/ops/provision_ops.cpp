// The provision catalogue: every intervention and support the school offers beyond its
// curriculum, costed per pupil from its own parameters (never typed in).
#include <boost/json.hpp>
#include <cmath>

#include "model/provision_cost.hpp"
#include "model/reference_data.hpp"
#include "ops/operation.hpp"
#include "report/json_columns.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

using model::cost_per_pupil_pence;
using model::pence;
using model::pounds;

const char* kProvisionColumns =
    "id, name, description, areas, wave, delivered_by, group_size, sessions_per_week, minutes_per_session, weeks, "
    "staff_hourly_cost_pence, resource_cost_pence, entry_criteria, exit_criteria, measure, evidence_rating, "
    "retired_on, "
    "measure_subject";

json::value row_json(store::Statement& s) {
  json::array areas;
  std::string list = s.text(3);
  for (std::size_t at = 0; at < list.size();) {
    auto comma = std::min(list.find(',', at), list.size());
    areas.push_back(json::value(list.substr(at, comma - at)));
    at = comma + 1;
  }
  const double sessions = s.real(7);
  const auto group = s.integer(6), minutes = s.integer(8), weeks = s.integer(9);
  auto text = [&](int c) { return report::text_or_null(s, c); };
  double hours_per_pupil = sessions * static_cast<double>(weeks * minutes) / 60.0 / static_cast<double>(group);
  return json::object{
      {"id", s.integer(0)},
      {"name", s.text(1)},
      {"description", text(2)},
      {"areas", std::move(areas)},
      {"wave", s.integer(4)},
      {"delivered_by", s.text(5)},
      {"group_size", group},
      {"sessions_per_week", sessions},
      {"minutes_per_session", minutes},
      {"weeks", weeks},
      {"staff_hourly_cost", pounds(s.integer(10))},
      {"resource_cost", pounds(s.integer(11))},
      {"entry_criteria", text(12)},
      {"exit_criteria", text(13)},
      {"measure", text(14)},
      {"evidence_rating", text(15)},
      {"retired_on", text(16)},
      {"measure_subject", text(17)},
      {"staff_hours_per_pupil", std::round(hours_per_pupil * 100.0) / 100.0},
      {"cost_per_pupil", pounds(cost_per_pupil_pence(sessions, minutes, weeks, s.integer(10), s.integer(11), group))}};
}

json::value read_provision(store::Database& db, std::int64_t id) {
  auto s = db.prepare(std::string("SELECT ") + kProvisionColumns + " FROM provision WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) throw NotFound("no provision with id " + std::to_string(id));
  return row_json(s);
}

// Areas are the Code's broad areas or census need codes: what a SENCO's spreadsheet says.
std::string checked_areas(const json::array& areas) {
  static const std::vector<std::string> broad{"Communication and interaction", "Cognition and learning",
                                              "Social, emotional and mental health", "Sensory and/or physical"};
  std::string out;
  for (const auto& a : areas) {
    std::string area(a.as_string());
    bool known = model::find_sen_type(area) || std::find(broad.begin(), broad.end(), area) != broad.end();
    if (!known)
      throw InvalidRequest(
          "areas",
          "'" + area +
              "' is neither a broad area of need (e.g. Cognition and learning) nor a census need code (e.g. SPLD)");
    out += (out.empty() ? "" : ",") + area;
  }
  return out;
}

json::value create(Context& context, const json::object& r) {
  std::vector<FieldError> errors;
  auto wave = r.at("wave").to_number<std::int64_t>();
  if (wave < 1 || wave > 3) errors.push_back({"wave", "must be 1 (universal), 2 (targeted) or 3 (specialist)"});
  auto delivered_by = text_field(r, "delivered_by");
  if (delivered_by != "teacher" && delivered_by != "ta" && delivered_by != "specialist" && delivered_by != "external")
    errors.push_back({"delivered_by", "must be teacher, ta, specialist or external"});
  auto group = r.at("group_size").to_number<std::int64_t>();
  if (group < 1 || group > 60) errors.push_back({"group_size", "must be from 1 to 60"});
  auto sessions = r.at("sessions_per_week").to_number<double>();
  if (!(sessions > 0 && sessions <= 25)) errors.push_back({"sessions_per_week", "must be more than 0 and at most 25"});
  auto minutes = r.at("minutes_per_session").to_number<std::int64_t>();
  if (minutes < 1 || minutes > 390) errors.push_back({"minutes_per_session", "must be from 1 to 390"});
  auto weeks = r.at("weeks").to_number<std::int64_t>();
  if (weeks < 1 || weeks > 52) errors.push_back({"weeks", "must be from 1 to 52"});
  auto hourly = r.at("staff_hourly_cost").to_number<double>();
  if (hourly < 0 || hourly > 500) errors.push_back({"staff_hourly_cost", "must be from 0 to 500 (pounds an hour)"});
  const auto* resource_value = r.if_contains("resource_cost");
  double resource = resource_value && resource_value->is_number() ? resource_value->to_number<double>() : 0.0;
  if (resource < 0 || resource > 1'000'000) errors.push_back({"resource_cost", "must be from 0 to 1,000,000 (pounds)"});
  auto name = text_field(r, "name");
  auto exists = context.db.prepare("SELECT 1 FROM provision WHERE name = ?1");
  exists.bind(1, name);
  if (exists.step()) errors.push_back({"name", "a provision with this name is already in the catalogue"});
  if (!errors.empty()) throw InvalidRequest(errors);
  auto areas = checked_areas(r.at("areas").as_array());

  auto s = context.db.prepare(
      "INSERT INTO provision (name, description, areas, wave, delivered_by, group_size, sessions_per_week, "
      "minutes_per_session, weeks, staff_hourly_cost_pence, resource_cost_pence, entry_criteria, exit_criteria, "
      "measure, "
      "evidence_rating, created_at, measure_subject) VALUES "
      "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)");
  auto description = text_field(r, "description");  // bound borrowed: must outlive run()
  s.bind(1, name).bind_borrowed(2, description).bind(3, areas).bind(4, wave).bind(5, delivered_by);
  s.bind(6, group)
      .bind_real(7, sessions)
      .bind(8, minutes)
      .bind(9, weeks)
      .bind(10, pence(hourly))
      .bind(11, pence(resource));
  auto entry = text_field(r, "entry_criteria"), exit = text_field(r, "exit_criteria");
  auto measure = text_field(r, "measure"), rating = text_field(r, "evidence_rating");
  s.bind_borrowed(12, entry).bind_borrowed(13, exit).bind_borrowed(14, measure).bind_borrowed(15, rating);
  s.bind(16, model::format_date(context.today));
  auto subject = text_field(r, "measure_subject");
  s.bind_borrowed(17, subject);
  s.run();
  return read_provision(context.db, context.db.last_insert_id());
}

json::value get_provision(Context& context, const json::object& r) {
  return read_provision(context.db, r.at("id").to_number<std::int64_t>());
}

json::value list_provisions(Context& context, const json::object& r) {
  const auto* retired = r.if_contains("include_retired");
  bool all = retired && retired->is_bool() && retired->as_bool();
  auto s = context.db.prepare(std::string("SELECT ") + kProvisionColumns + " FROM provision " +
                              (all ? "" : "WHERE retired_on IS NULL ") + "ORDER BY wave, name");
  json::array out;
  while (s.step()) out.push_back(row_json(s));
  return json::object{{"provisions", std::move(out)}};
}

}  // namespace

void add_provision_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"provision.create",
                 "Add an intervention or support to the provision catalogue (cost per pupil computed)",
                 true,
                 {{"name", F::string, true, "what the school calls it, unique"},
                  {"description", F::text, false, "what it is"},
                  {"areas", F::string_list, true, "broad areas of need or census need codes it serves"},
                  {"wave", F::integer, true, "1 universal, 2 targeted, 3 specialist"},
                  {"delivered_by", F::string, true, "teacher, ta, specialist or external"},
                  {"group_size", F::integer, true, "pupils per group"},
                  {"sessions_per_week", F::number, true, "sessions a week"},
                  {"minutes_per_session", F::integer, true, "minutes a session"},
                  {"weeks", F::integer, true, "length of the run in weeks"},
                  {"staff_hourly_cost", F::number, true, "pounds an hour for the staff who deliver it"},
                  {"resource_cost", F::number, false, "pounds for resources, for the whole group and run"},
                  {"entry_criteria", F::text, false, "who starts it (e.g. reading age below 8)"},
                  {"exit_criteria", F::text, false, "when a pupil finishes it"},
                  {"measure", F::text, false, "the baseline and exit measure (e.g. standardised reading score)"},
                  {"evidence_rating", F::text, false, "the evidence base (e.g. an EEF rating)"},
                  {"measure_subject", F::text, false,
                   "the imported assessment subject that measures it (e.g. RDG): baselines and exits are then taken "
                   "from the MIS data"}},
                 create});
  out.push_back({"provision.get",
                 "One provision from the catalogue",
                 false,
                 {{"id", F::integer, true, "the provision's id"}},
                 get_provision});
  out.push_back({"provision.list",
                 "The provision catalogue, by wave and name",
                 false,
                 {{"include_retired", F::boolean, false, "also list provisions no longer offered"}},
                 list_provisions});
}

}  // namespace sm::ops
