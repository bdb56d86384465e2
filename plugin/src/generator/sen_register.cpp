// The SEN register: who is on SEN support or has an EHC plan, their ranked needs, and the
// history of status changes a CTF carries (K then E, K then off the register, N then K...).
#include <algorithm>
#include <array>
#include <cmath>

#include "generator/synthetic_school.hpp"
#include "model/reference_data.hpp"

namespace sm::generator {
namespace {
using model::add_days;
using model::days_between;
using W = Weighted<std::string_view>;

// Primary need shares, close to the national picture (DfE "Special educational needs in
// England"): SLCN leads SEN support in primary, SEMH and SPLD in secondary, ASD leads EHC plans.
constexpr auto kSupportPrimary = std::to_array<W>({{"SLCN", 30},
                                                   {"SEMH", 19},
                                                   {"MLD", 13},
                                                   {"SPLD", 10},
                                                   {"ASD", 9},
                                                   {"OTH", 4},
                                                   {"PD", 3},
                                                   {"NSA", 3},
                                                   {"HI", 1.5},
                                                   {"VI", 0.8},
                                                   {"SLD", 0.5},
                                                   {"MSI", 0.2},
                                                   {"PMLD", 0.1}});
constexpr auto kSupportSecondary = std::to_array<W>({{"SEMH", 25},
                                                     {"SPLD", 23},
                                                     {"MLD", 13},
                                                     {"SLCN", 13},
                                                     {"ASD", 11},
                                                     {"OTH", 4},
                                                     {"NSA", 3},
                                                     {"PD", 2.5},
                                                     {"HI", 2},
                                                     {"VI", 1.2},
                                                     {"SLD", 0.5},
                                                     {"MSI", 0.2}});
constexpr auto kEhcPlans = std::to_array<W>({{"ASD", 34},
                                             {"SLCN", 18},
                                             {"SEMH", 17},
                                             {"MLD", 7},
                                             {"PD", 5},
                                             {"SLD", 4},
                                             {"SPLD", 4},
                                             {"HI", 2},
                                             {"OTH", 2},
                                             {"DS", 1.5},
                                             {"VI", 1},
                                             {"PMLD", 1},
                                             {"MSI", 0.4}});
// Second and third needs: the ones that most often sit alongside another.
constexpr auto kFurtherNeeds = std::to_array<W>(
    {{"SEMH", 30}, {"SLCN", 25}, {"SPLD", 12}, {"MLD", 10}, {"ASD", 10}, {"PD", 5}, {"OTH", 4}, {"HI", 2}, {"VI", 2}});

bool usable_on(std::string_view type, Date d) {
  const auto* code = model::find_sen_type(type);
  return code && code->valid_on(d);
}

// Deals needs to `count` pupils by quota rather than independent draws, so a school's mix
// always keeps the national order; a little jitter per school keeps schools different.
std::vector<std::string_view> deal_needs(Random& rng, std::span<const W> table, std::size_t count, Date on) {
  std::vector<double> weights;
  double total = 0.0;
  for (const auto& row : table) {
    double w = usable_on(row.value, on) ? row.weight * rng.uniform(0.85, 1.15) : 0.0;
    weights.push_back(w);
    total += w;
  }
  std::vector<std::size_t> quota(table.size(), 0);
  std::vector<std::pair<double, std::size_t>> remainders;
  std::size_t dealt = 0;
  for (std::size_t i = 0; i < table.size(); ++i) {
    double exact = static_cast<double>(count) * weights[i] / total;
    quota[i] = static_cast<std::size_t>(exact);
    dealt += quota[i];
    remainders.emplace_back(exact - static_cast<double>(quota[i]), i);
  }
  std::sort(remainders.begin(), remainders.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (std::size_t i = 0; dealt < count; ++i, ++dealt) ++quota[remainders[i % remainders.size()].second];
  std::vector<std::string_view> needs;
  for (std::size_t i = 0; i < table.size(); ++i) needs.insert(needs.end(), quota[i], table[i].value);
  rng.shuffle(std::span<std::string_view>(needs));
  return needs;
}

Date usable_from(std::string_view type, Date d) {
  const auto* code = model::find_sen_type(type);
  if (code && code->valid_from && is_before(d, *code->valid_from)) {
    d = *code->valid_from;
    while (model::is_weekend(d) || is_bank_holiday(d)) d = add_days(d, 1);
  }
  return d;
}

bool goes_with(std::string_view first, std::string_view other) {
  const bool severe = first == "SLD" || first == "PMLD" || first == "DS";
  return other != first && !(severe && (other == "MLD" || other == "SPLD"));
}

void add_needs(Random& rng, SyntheticPupil& p, std::string_view primary_need, Date from, Date latest) {
  p.needs.push_back({usable_from(primary_need, from), 1, primary_need});
  if (primary_need == "NSA") return;  // no specialist assessment yet: nothing more to rank
  const double u = rng.uniform();
  const int extra = p.sen_now == 'E' ? (u < 0.45 ? 0 : u < 0.85 ? 1 : 2) : (u < 0.6 ? 0 : u < 0.9 ? 1 : 2);
  for (int rank = 2; rank <= extra + 1; ++rank) {
    for (int attempt = 0; attempt < 10; ++attempt) {
      std::string_view type = pick_from(rng, kFurtherNeeds);
      bool fits = goes_with(primary_need, type);
      for (const auto& need : p.needs) fits = fits && need.type != type;
      if (!fits) continue;
      p.needs.push_back({usable_from(type, some_weekday(rng, p.needs.front().start, latest, 1.3)), rank, type});
      break;
    }
  }
}

// Status changes, oldest first; all dates fall before the export date.
void write_history(SyntheticSchool& school, std::size_t index, std::string_view primary_need) {
  SyntheticPupil& p = school.pupils[index];
  Random rng = pupil_strand(school, index, 0);
  const Date started = school_start_of(school, p.nc_year);
  const Date earliest = add_days(started, 20);
  const Date latest = add_days(school.file_date, -14);
  const int window = days_between(earliest, latest);
  auto add = [&p](Date d, char provision) { p.sen_history.push_back({d, provision}); };

  if (p.left_register) {
    Date support = some_weekday(rng, earliest, add_days(latest, -200), 1.0);
    add(support, 'K');
    add(some_weekday(rng, add_days(support, 120), latest), 'N');
    return;
  }
  if (p.sen_now == 'E') {
    if (window > 320 && rng.bernoulli(0.7)) {
      // The usual road: SEN support first, then an EHC needs assessment and a plan.
      Date support = some_weekday(rng, earliest, add_days(latest, -260));
      add(support, 'K');
      add(some_weekday(rng, add_days(support, 200), latest, 0.9), 'E');
      add_needs(rng, p, primary_need, support, latest);
    } else {
      // A plan issued in the early years, or straight after an assessment parents requested.
      Date from = add_days(p.dob, 3 * 365 + 120);
      Date to = rng.bernoulli(0.6) ? earliest_of(add_days(started, 300), latest) : latest;
      Date plan = some_weekday(rng, from, to);
      // Before the 2014 reforms a plan was a statement (S), converted to an EHC plan by
      // 31 March 2018: write that history rather than an EHC plan dated before EHC plans existed.
      const Date reforms = *sm::model::parse_date("2014-09-01");
      if (std::chrono::sys_days{plan} < std::chrono::sys_days{reforms}) {
        add(plan, 'S');
        add(some_weekday(rng, reforms, *sm::model::parse_date("2018-03-30")), 'E');
      } else {
        add(plan, 'E');
      }
      add_needs(rng, p, primary_need, plan, latest);
    }
    return;
  }
  Date support;
  const double road = rng.uniform();
  if (road < 0.10 && window > 240) {
    // Recorded as "no SEN" on entry, identified later.
    Date none = some_weekday(rng, earliest, add_days(latest, -180), 1.5);
    add(none, 'N');
    support = some_weekday(rng, add_days(none, 60), latest, 0.8);
  } else if (road < 0.18 && window > 560) {
    // Came off the register after good progress, and went back on.
    Date first = some_weekday(rng, earliest, add_days(latest, -400), 1.2);
    Date off = some_weekday(rng, add_days(first, 150), add_days(latest, -200));
    add(first, 'K');
    add(off, 'N');
    support = some_weekday(rng, add_days(off, 120), latest);
  } else {
    support = some_weekday(rng, earliest, latest, 0.8);
  }
  add(support, 'K');
  add_needs(rng, p, primary_need, support, latest);
}

double year_factor(int nc_year, bool ehc) {
  // Needs are identified as pupils get older, through primary above all.
  constexpr std::array<double, 12> kSupport{0.6, 0.85, 1.0, 1.05, 1.1, 1.15, 1.15, 1.05, 1.05, 1.0, 0.95, 0.95};
  constexpr std::array<double, 12> kEhc{0.5, 0.7, 0.85, 1.0, 1.1, 1.2, 1.3, 1.0, 1.0, 1.0, 1.0, 1.0};
  return (ehc ? kEhc : kSupport)[static_cast<std::size_t>(nc_year)];
}

}  // namespace

void generate_sen_register(SyntheticSchool& school) {
  Random rng = strand_for(school, Strand::sen_register);
  auto& pupils = school.pupils;
  const double n = static_cast<double>(pupils.size());
  const auto ehc_count = static_cast<std::size_t>(std::lround(n * rng.uniform(0.034, 0.046)));
  const auto support_count = static_cast<std::size_t>(std::lround(n * rng.uniform(0.125, 0.155)));
  const auto former_count = static_cast<std::size_t>(std::lround(n * rng.uniform(0.025, 0.04)));

  // Boys, and pupils eligible for free school meals, are more often identified.
  std::vector<double> weights(pupils.size());
  for (std::size_t i = 0; i < pupils.size(); ++i) {
    const auto& p = pupils[i];
    weights[i] = (p.sex == Sex::male ? 2.4 : 1.0) * year_factor(p.nc_year, true) * (p.fsm.empty() ? 1.0 : 1.5);
  }
  for (std::size_t i : sample_without_replacement(rng, weights, ehc_count)) pupils[i].sen_now = 'E';
  for (std::size_t i = 0; i < pupils.size(); ++i) {
    const auto& p = pupils[i];
    const bool eal = school.families[p.family].first_language != "ENG";
    weights[i] = p.sen_now != 'N' ? 0.0
                                  : (p.sex == Sex::male ? 1.6 : 1.0) * year_factor(p.nc_year, false) *
                                        (p.fsm.empty() ? 1.0 : 1.8) * (eal ? 0.8 : 1.0);
  }
  for (std::size_t i : sample_without_replacement(rng, weights, support_count)) pupils[i].sen_now = 'K';
  for (std::size_t i = 0; i < pupils.size(); ++i) {
    const auto& p = pupils[i];
    weights[i] =
        p.sen_now != 'N' || p.nc_year == 0 ? 0.0 : (p.sex == Sex::male ? 1.3 : 1.0) * (p.fsm.empty() ? 1.0 : 1.3);
  }
  for (std::size_t i : sample_without_replacement(rng, weights, former_count)) pupils[i].left_register = true;

  std::vector<std::size_t> with_plan;
  std::vector<std::size_t> on_support;
  for (std::size_t i = 0; i < pupils.size(); ++i) {
    if (pupils[i].sen_now == 'E') with_plan.push_back(i);
    if (pupils[i].sen_now == 'K') on_support.push_back(i);
  }
  const std::span<const W> support_table =
      school.spec.phase == Phase::primary ? std::span<const W>(kSupportPrimary) : std::span<const W>(kSupportSecondary);
  const auto plan_needs = deal_needs(rng, kEhcPlans, with_plan.size(), school.file_date);
  const auto support_needs = deal_needs(rng, support_table, on_support.size(), school.file_date);
  for (std::size_t k = 0; k < with_plan.size(); ++k) write_history(school, with_plan[k], plan_needs[k]);
  for (std::size_t k = 0; k < on_support.size(); ++k) write_history(school, on_support[k], support_needs[k]);
  for (std::size_t i = 0; i < pupils.size(); ++i)
    if (pupils[i].left_register) write_history(school, i, {});
}

}  // namespace sm::generator
