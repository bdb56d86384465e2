// SENCO time across a trust: each school's SENCO hours a week and standing (on the senior
// leadership team, a qualified teacher, the national SENCO award and when it is due) against the
// size of the register and the EHC plans they answer for. The SENCOs' own surveys name time as
// what they lack; a trust officer sees here where it is thinnest.
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <map>

#include "ops/operation.hpp"
#include "report/pupil_groups.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// The SENCO must hold the national award within three years of appointment (domain.md).
constexpr int kAwardYears = 3;
constexpr double kMaxHours = 60;

std::optional<bool> yes_no(const json::object& r, const char* key) {
  const auto* v = r.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  return v->as_bool();
}

json::value senco_time_of(Context& context, std::optional<std::int64_t> only);

json::value set_senco(Context& context, const json::object& r) {
  const std::int64_t school = school_or_only(context.db, r);
  std::vector<FieldError> errors;
  const double hours = r.at("hours_per_week").to_number<double>();
  if (hours < 0 || hours > kMaxHours) errors.push_back({"hours_per_week", "must be from 0 to 60 hours a week"});
  auto award = text_field(r, "award");
  if (!award.empty() && award != "held" && award != "in_progress" && award != "not_started")
    errors.push_back({"award", "must be held, in_progress or not_started"});
  auto award_date = text_field(r, "award_date");
  if (!award_date.empty() && award != "held")
    errors.push_back({"award_date", "is the day the award was gained: give it with award held"});
  auto appointed = text_field(r, "appointed_on");
  if (!appointed.empty() && appointed > model::format_date(context.today))
    errors.push_back({"appointed_on", "cannot be in the future (today is " + model::format_date(context.today) + ")"});
  auto name = text_field(r, "name");
  if (name.size() > 100) errors.push_back({"name", "at most 100 characters"});
  if (!errors.empty()) throw InvalidRequest(errors);
  auto bind_flag = [](store::Statement& s, int at, std::optional<bool> v) {
    if (v) s.bind(at, *v ? 1 : 0);
  };
  auto s = context.db.prepare(
      "INSERT INTO senco_role (school_id, name, hours_per_week, on_slt, qualified_teacher, award, award_date, "
      "appointed_on, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (school_id) "
      "DO UPDATE SET name = excluded.name, hours_per_week = excluded.hours_per_week, on_slt = excluded.on_slt, "
      "qualified_teacher = excluded.qualified_teacher, award = excluded.award, award_date = excluded.award_date, "
      "appointed_on = excluded.appointed_on, updated_at = excluded.updated_at, updated_by = excluded.updated_by");
  s.bind(1, school);
  if (!name.empty()) s.bind(2, name);
  s.bind_real(3, hours);
  bind_flag(s, 4, yes_no(r, "on_slt"));
  bind_flag(s, 5, yes_no(r, "qualified_teacher"));
  if (!award.empty()) s.bind(6, award);
  if (!award_date.empty()) s.bind(7, award_date);
  if (!appointed.empty()) s.bind(8, appointed);
  s.bind(9, model::format_date(context.today)).bind(10, context.actor).run();
  return senco_time_of(context, school).at("schools").at(0);
}

json::value flag_or_null(const store::Statement& s, int column) {
  return s.is_null(column) ? json::value(nullptr) : json::value(s.integer(column) != 0);
}

json::value per_hour(std::size_t pupils, double hours) {
  if (hours <= 0) return nullptr;
  return std::round(static_cast<double>(pupils) / hours * 10.0) / 10.0;
}

// Every school's row, or the one school's.
json::value senco_time_of(Context& context, std::optional<std::int64_t> only) {
  struct Counts {
    std::size_t roll = 0, sen_support = 0, ehc_plans = 0;
  };
  std::map<std::int64_t, Counts> counts;
  for (const auto& [id, p] : report::load_pupil_facts(context.db, context.today)) {
    if (!p.on_roll) continue;
    auto& c = counts[p.school_id];
    ++c.roll;
    if (p.status == "K") ++c.sen_support;
    if (p.status == "E") ++c.ehc_plans;
  }
  auto s = context.db.prepare(
      "SELECT s.id, s.la || '-' || s.estab, s.name, r.name, r.hours_per_week, r.on_slt, r.qualified_teacher, r.award, "
      "r.award_date, r.appointed_on FROM school s LEFT JOIN senco_role r ON r.school_id = s.id WHERE ?1 IS NULL OR "
      "s.id = ?1 ORDER BY s.la, s.estab");
  if (only) s.bind(1, *only);
  json::array schools;
  double all_hours = 0;
  std::size_t all_register = 0, without_hours = 0;
  const auto today = model::format_date(context.today);
  while (s.step()) {
    const auto& c = counts[s.integer(0)];
    const std::size_t on_register = c.sen_support + c.ehc_plans;
    all_register += on_register;
    json::object row{{"school", s.text(1)},
                     {"school_name", s.is_null(2) ? json::value(nullptr) : json::value(s.text(2))},
                     {"roll", c.roll},
                     {"sen_support", c.sen_support},
                     {"ehc_plans", c.ehc_plans},
                     {"on_register", on_register},
                     {"senco", s.is_null(3) ? json::value(nullptr) : json::value(s.text(3))},
                     {"hours_per_week", nullptr},
                     {"register_pupils_per_hour", nullptr},
                     {"ehc_plans_per_hour", nullptr},
                     {"on_slt", flag_or_null(s, 5)},
                     {"qualified_teacher", flag_or_null(s, 6)},
                     {"award", s.is_null(7) ? json::value(nullptr) : json::value(s.text(7))},
                     {"award_date", s.is_null(8) ? json::value(nullptr) : json::value(s.text(8))},
                     {"appointed_on", s.is_null(9) ? json::value(nullptr) : json::value(s.text(9))},
                     {"award_due", nullptr},
                     {"award_overdue", nullptr}};
    if (s.is_null(4)) {
      ++without_hours;
    } else {
      const double hours = s.real(4);
      all_hours += hours;
      row["hours_per_week"] = hours;
      row["register_pupils_per_hour"] = per_hour(on_register, hours);
      row["ehc_plans_per_hour"] = per_hour(c.ehc_plans, hours);
    }
    // Appointed without the award held: it is due three years on.
    if (!s.is_null(9) && (s.is_null(7) || s.text(7) != "held")) {
      auto appointed = *model::parse_date(s.text(9));
      model::Date due{appointed.year() + std::chrono::years{kAwardYears}, appointed.month(), appointed.day()};
      if (!due.ok()) due = model::Date{due.year() / due.month() / std::chrono::last};  // appointed on 29 February
      row["award_due"] = model::format_date(due);
      row["award_overdue"] = model::format_date(due) < today;
    }
    schools.push_back(std::move(row));
  }
  return json::object{
      {"as_of", today},
      {"schools", std::move(schools)},
      {"totals",
       {{"hours_per_week", all_hours}, {"on_register", all_register}, {"schools_without_hours", without_hours}}},
      {"note",
       "SENCO hours as each school entered them (senmap senco set); register and EHC plans as the "
       "MIS holds them today. The national award is due within three years of appointment"}};
}

json::value senco_time(Context& context, const json::object& r) {
  return senco_time_of(context, school_of_request(context.db, r));
}

}  // namespace

void add_senco_time_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"senco.set",
                 "Record a school's SENCO: hours a week for the role, on the senior leadership team, a qualified "
                 "teacher, the national SENCO award and the day of appointment",
                 true,
                 {school_field(),
                  {"hours_per_week", F::number, true, "hours a week given to the SENCO role"},
                  {"name", F::string, false, "the SENCO's name"},
                  {"on_slt", F::boolean, false, "on the senior leadership team"},
                  {"qualified_teacher", F::boolean, false, "a qualified teacher (the role requires it)"},
                  {"award", F::string, false, "the national SENCO award: held, in_progress or not_started"},
                  {"award_date", F::date, false, "the day the award was gained"},
                  {"appointed_on", F::date, false, "the day the SENCO was appointed"}},
                 set_senco});
  out.push_back({"report.senco_time",
                 "SENCO time across the schools: hours a week and standing against the register and EHC plans",
                 false,
                 {school_field()},
                 senco_time});
}

}  // namespace sm::ops
