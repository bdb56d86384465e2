// Impact: which interventions moved pupils, by how much, at what cost, and against similar
// pupils who were not on them. Says plainly when there are too few pupils to conclude anything.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <set>

#include "model/effect_size.hpp"
#include "model/measure.hpp"
#include "model/number_text.hpp"
#include "model/provision_cost.hpp"
#include "ops/operation.hpp"
#include "report/pupil_lookups.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

constexpr int kMinimumToConclude = 5;  // below this a group says nothing about an intervention

double round2(double v) {
  return std::round(v * 100.0) / 100.0;
}

json::value effect_json(const std::optional<model::EffectSize>& e) {
  if (!e) return nullptr;
  return json::object{
      {"hedges_g", round2(e->g)}, {"ci95", json::array{round2(e->ci_low), round2(e->ci_high)}}, {"n", e->n}};
}

std::string conclusion(std::size_t n, const std::optional<model::EffectSize>& within,
                       const std::optional<model::EffectSize>& against) {
  if (n < kMinimumToConclude)
    return "Too few pupils (" + std::to_string(n) +
           ") with a baseline and an exit measure to conclude anything: at least " +
           std::to_string(kMinimumToConclude) + " are needed.";
  const auto& e = against ? against : within;
  if (!e) return "The scores do not vary enough to measure an effect.";
  std::string versus =
      against ? "compared with similar pupils not on it" : "from baseline to exit (no comparison group)";
  if (e->ci_low <= 0 && e->ci_high >= 0) return "No clear effect " + versus + ": the 95% interval includes zero.";
  return std::string(e->g > 0 ? "Pupils gained more " : "Pupils gained less ") + versus + " (Hedges' g " +
         model::decimal_text(e->g) + ").";
}

// What a SENCO reads when no ended placement could be measured: the counts and what to set.
std::string why_no_measures(const std::map<std::string, std::size_t>& not_used, bool has_measure) {
  std::string counts;
  for (const auto& [reason, n] : not_used) {
    std::string words = reason;
    std::replace(words.begin(), words.end(), '_', ' ');
    counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + words;
  }
  return "No ended placement has a baseline and an exit of one kind (" + counts +
         "). Enter them when placing and ending (a score such as 94, or an age such as 9y2m)" +
         (has_measure ? "" : ", or set the provision's measure (measure_subject) so the MIS's results are read") + ".";
}

struct Scores {
  std::int64_t pupil = 0;
  std::string nc_year, start, end;
  double baseline = 0, exit = 0;
  std::int64_t attended = 0;
};

// `school`: only one school's pupils, those placed and those compared (a trust's database).
json::value provision_impact(Context& context, std::int64_t provision, std::optional<std::int64_t> school) {
  auto p = context.db.prepare(
      "SELECT name, measure_subject, group_size, sessions_per_week, minutes_per_session, weeks, "
      "staff_hourly_cost_pence, "
      "resource_cost_pence FROM provision WHERE id = ?1");
  p.bind(1, provision);
  if (!p.step()) throw NotFound("no provision with id " + std::to_string(provision));
  auto name = p.text(0);
  auto subject = p.optional_text(1);
  double cost = model::pounds(
      model::cost_per_pupil_pence(p.real(3), p.integer(4), p.integer(5), p.integer(6), p.integer(7), p.integer(2)));

  // Ended placements with a numeric baseline and exit: entered, or from the MIS's results.
  auto s = context.db.prepare(
      "SELECT pl.pupil_id, COALESCE(pu.nc_year, ''), pl.start_date, pl.end_date, pl.baseline, pl.exit_value, "
      "(SELECT COUNT(*) FROM session_attendance a JOIN provision_session ps ON ps.id = a.session_id "
      " WHERE a.placement_id = pl.id AND a.present = 1 AND ps.status = 'delivered') "
      "FROM placement pl JOIN pupil pu ON pu.id = pl.pupil_id WHERE pl.provision_id = ?1 AND pl.end_date IS NOT NULL "
      "AND (?2 IS NULL OR pu.school_id = ?2)");
  s.bind(1, provision);
  school ? s.bind(2, *school) : s.bind_null(2);
  std::vector<Scores> by_kind[2];  // scores, ages in months: never mixed in one effect
  std::size_t ended = 0;
  std::map<std::string, std::size_t> not_used;  // why an ended placement is left out, and how often
  while (s.step()) {
    ++ended;
    Scores sc{s.integer(0), s.text(1), s.text(2), s.text(3), 0, 0, s.integer(6)};
    auto pre = s.optional_text(4), post = s.optional_text(5);
    if (!pre && subject)
      if (auto m = report::result_near(context.db, sc.pupil, *subject, sc.start, true)) pre = m->value;
    if (!post && subject)
      if (auto m = report::result_near(context.db, sc.pupil, *subject, sc.end, false)) post = m->value;
    if (!pre || !post) {
      ++not_used[!pre ? "no_baseline" : "no_exit"];
      continue;
    }
    auto b = model::parse_measure(*pre), e = model::parse_measure(*post);
    if (!b || !e) {
      ++not_used["not_a_score_or_age"];
      continue;
    }
    if (b->kind != e->kind) {
      ++not_used["baseline_and_exit_of_different_kinds"];
      continue;
    }
    sc.baseline = b->value;
    sc.exit = e->value;
    by_kind[b->kind == model::Measure::Kind::score ? 0 : 1].push_back(sc);
  }
  // The kind most placements were measured in; the others are counted, not mixed in.
  const bool ages = by_kind[1].size() > by_kind[0].size();
  std::vector<Scores> placed = std::move(by_kind[ages ? 1 : 0]);
  if (!by_kind[ages ? 0 : 1].empty())
    not_used[ages ? "scores_where_most_were_ages" : "ages_where_most_were_scores"] = by_kind[ages ? 0 : 1].size();
  std::vector<double> pre, post, gains, attended;
  for (const auto& sc : placed) {
    pre.push_back(sc.baseline);
    post.push_back(sc.exit);
    gains.push_back(sc.exit - sc.baseline);
    attended.push_back(static_cast<double>(sc.attended));
  }
  auto within = model::paired_effect(pre, post);

  // Comparison: for each placed pupil, one pupil of the same year never on this provision, with
  // a baseline within 5 points over the same dates. Used once each.
  std::vector<double> comparison;
  if (subject && !ages) {  // the MIS's results are scores: no comparison for ages typed by hand
    std::set<std::int64_t> used;
    for (const auto& sc : placed) {
      auto candidates = context.db.prepare(
          "SELECT p.id FROM pupil p WHERE p.nc_year = ?1 AND p.left_on IS NULL AND p.id NOT IN "
          "(SELECT pupil_id FROM placement WHERE provision_id = ?2) AND (?3 IS NULL OR p.school_id = ?3) ORDER BY "
          "p.id");
      candidates.bind(1, sc.nc_year).bind(2, provision);
      school ? candidates.bind(3, *school) : candidates.bind_null(3);
      while (candidates.step()) {
        auto id = candidates.integer(0);
        if (used.count(id)) continue;
        auto b = report::result_near(context.db, id, *subject, sc.start, true);
        auto e = report::result_near(context.db, id, *subject, sc.end, false);
        if (!b || !e) continue;
        double before = number_of(b->value).value_or(NAN), after = number_of(e->value).value_or(NAN);
        if (std::isnan(before) || std::isnan(after) || std::abs(before - sc.baseline) > 5) continue;
        used.insert(id);
        comparison.push_back(after - before);
        break;
      }
    }
  }
  auto against = comparison.size() >= kMinimumToConclude ? model::independent_effect(gains, comparison) : std::nullopt;

  json::object out{
      {"provision", {{"id", provision}, {"name", name}}},
      {"placements_ended", ended},
      {"with_baseline_and_exit", placed.size()},
      {"measured_as", ages ? "age in months" : "score"},
      {"not_used", json::value_from(not_used)},
      {"cost_per_pupil", round2(cost)},
      {"effect", effect_json(placed.size() >= kMinimumToConclude ? within : std::nullopt)},
      {"comparison",
       {{"pupils", comparison.size()},
        {"mean_gain", comparison.empty() ? json::value(nullptr) : json::value(round2(model::mean(comparison)))},
        {"effect_against", effect_json(against)}}},
      {"conclusion", conclusion(placed.size(), within, against)}};
  if (!placed.empty()) {
    out["mean_baseline"] = round2(model::mean(pre));
    out["mean_exit"] = round2(model::mean(post));
    out["mean_gain"] = round2(model::mean(gains));
    out["gain_vs_sessions_attended_r"] =
        placed.size() >= 3 ? json::value(round2(model::correlation(attended, gains))) : nullptr;
  }
  if (placed.empty() && ended > 0) out["why_no_measures"] = why_no_measures(not_used, subject.has_value());
  const auto& best = against ? against : (placed.size() >= kMinimumToConclude ? within : std::nullopt);
  out["cost_per_unit_effect"] = best && best->g > 0 ? json::value(round2(cost / best->g)) : nullptr;
  return out;
}

json::value impact(Context& context, const json::object& r) {
  json::array out;
  auto school = school_of_request(context.db, r);
  if (const auto* id = r.if_contains("provision_id"); id && !id->is_null()) {
    out.push_back(provision_impact(context, id->to_number<std::int64_t>(), school));
  } else {
    auto all = context.db.prepare("SELECT id FROM provision ORDER BY wave, name");
    std::vector<std::int64_t> ids;
    while (all.step()) ids.push_back(all.integer(0));
    for (auto id : ids) out.push_back(provision_impact(context, id, school));
  }
  return json::object{{"provisions", std::move(out)},
                      {"method",
                       "Hedges' g (Borenstein et al. 2009): pre/post within the group; gains against a "
                       "comparison group of same-year pupils with a baseline within 5 points"}};
}

}  // namespace

void add_impact_operations(std::vector<Operation>& out) {
  out.push_back({"report.impact",
                 "Impact of each provision: gains, Hedges' g with 95% interval, gain against sessions attended, cost "
                 "per pupil and per unit of effect, against similar pupils where the data allows",
                 false,
                 {{"provision_id", FieldType::integer, false, "one provision (default: all)"}, school_field()},
                 impact});
}

}  // namespace sm::ops
