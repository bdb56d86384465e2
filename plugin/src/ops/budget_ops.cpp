// The SEND budget against what provision costs. Governors are told to ask what funding the school
// gets for SEND and how it is spent; a new SENCO, where the budget is. The school's notional SEN
// budget, each EHC plan's top-up and other income for a year, as entered; set against what the
// costed provision map spends in that year, by area of need and by wave, and per pupil on the
// register.
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <set>

#include "model/provision_cost.hpp"
#include "ops/operation.hpp"
#include "ops/provision_spend.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// More than any school's SEND income in a year: a figure above it is a typing slip.
constexpr double kMaxAmount = 10'000'000;
constexpr std::size_t kMaxDescription = 100;

int year_of(Context& context, const json::object& r) {
  if (const auto* y = r.if_contains("academic_year"); y && y->is_int64()) {
    if (y->as_int64() < 2000 || y->as_int64() > 2100)
      throw InvalidRequest("academic_year", "must be a school year's first calendar year, e.g. 2026 for 2026/27");
    return static_cast<int>(y->as_int64());
  }
  return model::academic_year_of(context.today);
}

std::optional<std::string> amount_rule_broken(double amount) {
  if (amount < 0) return "cannot be negative";
  if (amount > kMaxAmount) return "is more than £10,000,000: check the figure";
  return std::nullopt;
}

json::value set_budget(Context& context, const json::object& r) {
  const auto school = school_or_only(context.db, r);
  const int year = year_of(context, r);
  std::vector<FieldError> errors;
  const double notional = r.at("notional_sen_budget").to_number<double>();
  if (auto broken = amount_rule_broken(notional)) errors.push_back({"notional_sen_budget", *broken});
  std::vector<std::pair<std::string, double>> other;
  std::set<std::string> seen;
  if (const auto* list = r.if_contains("other_income"); list && list->is_array()) {
    for (const auto& line : list->as_array()) {
      const auto* o = line.if_object();
      const auto* description = o ? o->if_contains("description") : nullptr;
      const auto* amount = o ? o->if_contains("amount") : nullptr;
      if (!description || !description->is_string() || description->as_string().empty() ||
          description->as_string().size() > kMaxDescription) {
        errors.push_back({"other_income", "each line needs its description (at most 100 characters)"});
        continue;
      }
      std::string what(description->as_string());
      if (!amount || !amount->is_number()) {
        errors.push_back({"other_income", "\"" + what + "\" needs its amount in pounds"});
        continue;
      }
      if (auto broken = amount_rule_broken(amount->to_number<double>()))
        errors.push_back({"other_income", "\"" + what + "\" " + *broken});
      else if (!seen.insert(what).second)
        errors.push_back({"other_income", "\"" + what + "\" is listed twice: give each income once"});
      else
        other.emplace_back(what, amount->to_number<double>());
    }
  }
  if (!errors.empty()) throw InvalidRequest(errors);
  // The year's budget as a whole: what was entered before for it is replaced, top-ups apart.
  context.db.prepare("DELETE FROM send_funding WHERE school_id = ?1 AND academic_year = ?2 AND kind != 'top_up'")
      .bind(1, school)
      .bind(2, year)
      .run();
  auto insert = [&](const char* kind, const std::string& description, double amount) {
    context.db
        .prepare(
            "INSERT INTO send_funding (school_id, academic_year, kind, description, amount_pence, recorded_at, "
            "recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, school)
        .bind(2, year)
        .bind(3, kind)
        .bind(4, description)
        .bind(5, model::pence(amount))
        .bind(6, model::format_date(context.today))
        .bind(7, context.actor)
        .run();
  };
  insert("notional", "", notional);
  json::array lines;
  for (const auto& [what, amount] : other) {
    insert("other", what, amount);
    lines.push_back({{"description", what}, {"amount", model::pounds(model::pence(amount))}});
  }
  return json::object{{"academic_year", model::academic_year_name(year)},
                      {"notional_sen_budget", model::pounds(model::pence(notional))},
                      {"other_income", std::move(lines)}};
}

json::value top_up(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, false);  // last year's top-up of a pupil since left
  const int year = year_of(context, r);
  auto plan = context.db.prepare(
      "SELECT EXISTS (SELECT 1 FROM ehc_plan WHERE pupil_id = ?1 AND issue_date IS NOT NULL) OR (SELECT provision FROM "
      "sen_status_period WHERE pupil_id = ?1 ORDER BY start_date DESC LIMIT 1) = 'E', (SELECT school_id FROM pupil "
      "WHERE id = ?1)");
  plan.bind(1, pupil);
  plan.step();
  if (plan.integer(0) == 0)
    throw InvalidRequest("upn", "the pupil has no EHC plan: top-up funding comes with one (record the plan first)");
  const double amount = r.at("amount").to_number<double>();
  if (auto broken = amount_rule_broken(amount)) throw InvalidRequest("amount", *broken);
  context.db.prepare("DELETE FROM send_funding WHERE pupil_id = ?1 AND academic_year = ?2 AND kind = 'top_up'")
      .bind(1, pupil)
      .bind(2, year)
      .run();
  context.db
      .prepare(
          "INSERT INTO send_funding (school_id, academic_year, kind, pupil_id, description, amount_pence, recorded_at, "
          "recorded_by) VALUES (?1, ?2, 'top_up', ?3, ?4, ?5, ?6, ?7)")
      .bind(1, plan.integer(1))
      .bind(2, year)
      .bind(3, pupil)
      .bind(4, text_field(r, "description"))
      .bind(5, model::pence(amount))
      .bind(6, model::format_date(context.today))
      .bind(7, context.actor)
      .run();
  return json::object{{"upn", upn},
                      {"academic_year", model::academic_year_name(year)},
                      {"amount", model::pounds(model::pence(amount))}};
}

struct Spent {
  std::int64_t pence = 0;
  std::set<std::int64_t> pupils;
  void add(const PlacedCost& p) {
    pence += p.cost_pence;
    pupils.insert(p.pupil->id);
  }
};

json::value per_pupil(std::int64_t pence, std::size_t pupils) {
  if (pupils == 0) return nullptr;
  return std::round(static_cast<double>(pence) / static_cast<double>(pupils)) / 100.0;
}

json::value budget_report(Context& context, const json::object& r) {
  const int year = year_of(context, r);
  SpendSelection sel{{std::to_string(year) + "-08-01", std::to_string(year + 1) + "-07-31"},
                     pupil_filter_from(context.db, r),
                     std::nullopt};
  const auto as_of = *model::parse_date(std::min(sel.period.to, model::format_date(context.today)));
  auto pupils = report::load_pupil_facts(context.db, as_of);

  // Income, as entered for the year.
  auto s = context.db.prepare(
      "SELECT kind, description, amount_pence, pupil_id FROM send_funding WHERE academic_year = ?1 AND (?2 IS NULL OR "
      "school_id = ?2) ORDER BY kind, description");
  s.bind(1, year);
  if (sel.filter.school_id) s.bind(2, *sel.filter.school_id);
  std::int64_t notional = 0, top_ups = 0, other_total = 0;
  bool entered = false;
  std::set<std::int64_t> funded;
  json::array other;
  while (s.step()) {
    auto kind = s.text(0);
    if (kind == "notional") {
      notional += s.integer(2);
      entered = true;
    } else if (kind == "top_up") {
      top_ups += s.integer(2);
      funded.insert(s.integer(3));
    } else {
      other_total += s.integer(2);
      other.push_back({{"description", s.text(1)}, {"amount", model::pounds(s.integer(2))}});
    }
  }
  std::size_t register_pupils = 0, plans = 0, plans_unfunded = 0;
  for (const auto& [id, p] : pupils) {
    if (!p.on_roll || !sel.filter.matches(p) || p.status == "N") continue;
    ++register_pupils;
    if (p.status == "E") {
      ++plans;
      if (!funded.count(id)) ++plans_unfunded;
    }
  }
  const std::int64_t income = notional + top_ups + other_total;

  // Spend: the costed provision map's, the year's placements priced per pupil.
  Spent total, on_register;
  std::map<std::string, Spent> by_area;
  std::map<std::int64_t, Spent> by_wave;
  for (const auto& p : placed_in(context, sel, pupils)) {
    total.add(p);
    if (p.pupil->status != "N") on_register.add(p);
    by_area[p.pupil->status == "N"          ? "Not on the register"
            : p.pupil->primary_area.empty() ? "No need recorded"
                                            : p.pupil->primary_area]
        .add(p);
    by_wave[p.wave].add(p);
  }
  json::array areas, waves;
  for (const auto& [area, spent] : by_area)
    areas.push_back({{"area", area}, {"pupils", spent.pupils.size()}, {"spend", model::pounds(spent.pence)}});
  for (const auto& [wave, spent] : by_wave)
    waves.push_back({{"wave", wave}, {"pupils", spent.pupils.size()}, {"spend", model::pounds(spent.pence)}});

  auto money_or_null = [&](std::int64_t pence) { return entered ? json::value(model::pounds(pence)) : nullptr; };
  return json::object{
      {"as_of", model::format_date(as_of)},
      {"academic_year", model::academic_year_name(year)},
      {"period", {{"from", sel.period.from}, {"to", sel.period.to}}},
      {"filters", sel.filter.describe()},
      {"budget_entered", entered},
      {"income",
       {{"notional_sen_budget", money_or_null(notional)},
        {"top_up", {{"total", model::pounds(top_ups)}, {"plans_funded", funded.size()}}},
        {"other", std::move(other)},
        {"other_total", model::pounds(other_total)},
        {"total", money_or_null(income)}}},
      {"ehc_plans", plans},
      {"ehc_plans_without_top_up", plans_unfunded},
      {"spend",
       {{"total", model::pounds(total.pence)},
        {"on_register", model::pounds(on_register.pence)},
        {"not_on_register", model::pounds(total.pence - on_register.pence)},
        {"by_area", std::move(areas)},
        {"by_wave", std::move(waves)}}},
      {"balance", money_or_null(income - total.pence)},
      {"register_pupils", register_pupils},
      {"spend_per_pupil_on_register", per_pupil(on_register.pence, register_pupils)},
      {"income_per_pupil_on_register", entered ? per_pupil(income, register_pupils) : nullptr},
      {"note", entered ? "Spend is the costed provision map's: each placement in the year at its provision's cost per "
                         "pupil. Income is as entered."
                       : "No budget is entered for this year: senmap budget set, or the operation budget.set"}};
}

}  // namespace

void add_budget_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back(
      {"budget.set",
       "Enter a school's SEND income for a year: its notional SEN budget and other income (replacing what was "
       "entered for that year; EHC plan top-ups are kept)",
       true,
       {school_field(),
        {"academic_year", F::integer, true, "the school year, e.g. 2026 for 2026/27"},
        {"notional_sen_budget", F::number, true, "the notional SEN budget for the year, in pounds"},
        {"other_income", F::object_list, false,
         "[{\"description\":\"...\",\"amount\":5000}]: other SEND income, in pounds"}},
       set_budget});
  out.push_back(
      {"budget.top_up",
       "Record the LA's top-up funding for a pupil's EHC plan in a year (again for the same year corrects it)",
       true,
       {{"upn", F::upn, true, "the pupil's UPN"},
        {"academic_year", F::integer, true, "the school year, e.g. 2026 for 2026/27"},
        {"amount", F::number, true, "the top-up for the year, in pounds"},
        {"description", F::string, false, "e.g. the LA's band"}},
       top_up});
  auto fields = pupil_filter_fields();
  std::erase_if(fields, [](const Field& f) { return f.name != "school"; });
  fields.push_back({"academic_year", F::integer, false, "the school year, e.g. 2026 for 2026/27 (default: this one)"});
  out.push_back({"report.budget",
                 "The SEND budget against spend: income entered for the year against the costed provision map's "
                 "spend, by area of need and wave, and per pupil on the register",
                 false, fields, budget_report});
}

}  // namespace sm::ops
