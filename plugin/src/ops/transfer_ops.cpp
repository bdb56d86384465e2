// Pupils on the register moving phase next September (the clock's transfer years): the setting
// named for each and the steps of the move (a visit, the records shared, the receiving SENCO met),
// beside the EHC plan's transfer review deadline (15 February, or 31 March for a move into post-16;
// SEND Regs 2014 reg. 18). What the
// SENCO works through each spring so no pupil arrives somewhere that does not know them.
#include <algorithm>
#include <boost/json.hpp>

#include "ops/operation.hpp"
#include "report/pupil_groups.hpp"
#include "store/audit.hpp"
#include "store/ehc_plans.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

constexpr const char* kSteps[] = {"visited_on", "information_shared_on", "senco_met_on"};

bool moves_phase(const Context& context, const std::string& nc_year) {
  const auto& years = context.clock.transfer_years;
  return std::find(years.begin(), years.end(), nc_year) != years.end();
}

std::string transfer_years_text(const Context& context) {
  std::string out;
  for (const auto& y : context.clock.transfer_years) out += (out.empty() ? "" : ", ") + y;
  return out;
}

json::object transfer_json(store::Database& db, std::int64_t pupil) {
  json::object out{{"next_setting", nullptr},
                   {"visited_on", nullptr},
                   {"information_shared_on", nullptr},
                   {"senco_met_on", nullptr}};
  auto s = db.prepare(
      "SELECT next_setting, visited_on, information_shared_on, senco_met_on FROM phase_transfer WHERE pupil_id = ?1");
  s.bind(1, pupil);
  if (s.step())
    for (int c = 0; c < 4; ++c)
      if (!s.is_null(c)) out[c == 0 ? "next_setting" : kSteps[c - 1]] = s.text(c);
  return out;
}

json::value record_transfer(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, true);
  auto on_register = report::register_on(context.db, context.today);
  if (!on_register.count(pupil)) throw InvalidRequest("upn", "the pupil is not on the SEN register today");
  auto year = context.db.prepare("SELECT COALESCE(nc_year, '') FROM pupil WHERE id = ?1");
  year.bind(1, pupil);
  year.step();
  auto nc_year = year.text(0);
  year.reset();
  if (!moves_phase(context, nc_year))
    throw InvalidRequest("upn", "Year " + nc_year + " does not move phase next September (the transfer years: " +
                                    transfer_years_text(context) + ")");
  std::vector<FieldError> errors;
  auto setting = r.contains("next_setting") ? text_field(r, "next_setting") : std::string();
  if (setting.size() > 200) errors.push_back({"next_setting", "at most 200 characters"});
  bool any = !setting.empty();
  std::vector<std::pair<std::string, std::string>> days;
  for (const char* step : kSteps)
    if (const auto* v = r.if_contains(step); v && !v->is_null()) {
      auto day = model::format_date(date_field(r, step));
      if (day > model::format_date(context.today)) errors.push_back({step, "cannot be in the future"});
      days.emplace_back(step, day);
      any = true;
    }
  if (!any) errors.push_back({"next_setting", "the setting named, or the day of a step of the move"});
  if (!errors.empty()) throw InvalidRequest(errors);
  auto now = store::utc_timestamp();
  context.db.prepare("INSERT INTO phase_transfer (pupil_id, updated_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
      .bind(1, pupil)
      .bind(2, now)
      .run();
  if (!setting.empty())
    context.db.prepare("UPDATE phase_transfer SET next_setting = ?2, updated_at = ?3 WHERE pupil_id = ?1")
        .bind(1, pupil)
        .bind(2, setting)
        .bind(3, now)
        .run();
  for (const auto& [step, day] : days)
    context.db.prepare("UPDATE phase_transfer SET " + step + " = ?2, updated_at = ?3 WHERE pupil_id = ?1")
        .bind(1, pupil)
        .bind(2, day)
        .bind(3, now)
        .run();
  auto out = transfer_json(context.db, pupil);
  out["upn"] = upn;
  return out;
}

// Every pupil on the register in a transfer year, the EHC plans first (their review has a
// statutory deadline), then by how much of the move is still to do.
json::value moving_list(Context& context, const json::object& r) {
  auto school = school_of_request(context.db, r);
  std::map<std::int64_t, std::string> deadlines;  // pupil -> the plan's transfer review deadline
  for (const auto& plan :
       store::open_ehc_plans(context.db, {.school_id = school, .on_roll_only = true, .without_refused = true}))
    for (const auto& d : model::ehc_deadlines(plan.events(context.today), context.clock))
      if (d.key == "phase_transfer") deadlines[plan.pupil_id] = model::format_date(d.due);
  auto s = context.db.prepare(
      "SELECT id, upn, forename, surname, COALESCE(nc_year, ''), school_id FROM pupil WHERE left_on IS NULL ORDER BY "
      "surname, forename, upn");
  std::vector<json::object> rows;
  auto on_register = report::register_on(context.db, context.today);
  while (s.step()) {
    auto id = s.integer(0);
    if (!on_register.count(id) || !moves_phase(context, s.text(4))) continue;
    if (school && s.integer(5) != *school) continue;
    auto row = transfer_json(context.db, id);
    std::int64_t to_do = row.at("next_setting").is_null() ? 1 : 0;
    for (const char* step : kSteps) to_do += row.at(step).is_null() ? 1 : 0;
    auto deadline = deadlines.find(id);
    row["upn"] = s.text(1);
    row["forename"] = s.text(2);
    row["surname"] = s.text(3);
    row["nc_year"] = s.text(4);
    row["status"] = on_register.at(id);
    row["review_deadline"] = deadline == deadlines.end() ? json::value(nullptr) : json::value(deadline->second);
    row["steps_to_do"] = to_do;
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const json::object& a, const json::object& b) {
    auto plan = [](const json::object& o) { return o.at("status") == "E" ? 0 : 1; };
    if (plan(a) != plan(b)) return plan(a) < plan(b);
    return a.at("steps_to_do").as_int64() > b.at("steps_to_do").as_int64();
  });
  json::array out;
  for (auto& row : rows) out.push_back(std::move(row));
  return json::object{{"transfer_years", json::value_from(context.clock.transfer_years)}, {"pupils", std::move(out)}};
}

}  // namespace

void add_transfer_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"transfer.record",
                 "Record a pupil's move to the next phase: the setting named, the visit, the records shared, the "
                 "receiving SENCO met (each step on its day; only the fields given change)",
                 true,
                 {{"upn", F::upn, true, "the pupil's UPN"},
                  {"next_setting", F::string, false, "the school or college named for next September"},
                  {"visited_on", F::date, false, "the day the pupil visited it"},
                  {"information_shared_on", F::date, false, "the day the plan, passport and records were sent"},
                  {"senco_met_on", F::date, false, "the day the receiving SENCO met this school's"}},
                 record_transfer});
  out.push_back({"transfer.list",
                 "Pupils on the register moving phase next September, EHC plans first with their transfer review "
                 "deadline, then by the steps of the move still to do",
                 false,
                 {school_field()},
                 moving_list});
}

}  // namespace sm::ops
