#include "ops/attainment_gaps.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <map>

#include "model/number_text.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// Fewer pupils than this in either group and a term's gap is not worked out: one pupil's result
// would be the whole figure.
constexpr std::size_t kMinGroup = 3;
// A fitted change of a tenth of a standard deviation or more over the terms shown is called
// closing or widening; less is steady. Measures differ in scale (scaled scores, grades, reading
// ages), so the gap is judged in standard deviations of the term's results.
constexpr double kTrendSd = 0.1;
constexpr std::size_t kTrendTerms = 3;  // a trend needs at least three terms with a gap

// Terms by the calendar, so a school without term dates configured is read the same way:
// autumn August to December, spring January to March, summer April to July.
struct Term {
  int year = 0;   // the calendar year it falls in
  int order = 0;  // 0 spring, 1 summer, 2 autumn: order within the calendar year
  bool operator<(const Term& o) const { return year != o.year ? year < o.year : order < o.order; }
  std::string name() const {
    return std::string(order == 0 ? "Spring " : order == 1 ? "Summer " : "Autumn ") + std::to_string(year);
  }
  model::Date from() const {
    using namespace std::chrono;
    return model::Date{year_month_day{std::chrono::year{year}, month{order == 0 ? 1u : order == 1 ? 4u : 8u}, day{1}}};
  }
  model::Date to() const {
    using namespace std::chrono;
    unsigned m = order == 0 ? 3u : order == 1 ? 7u : 12u;
    return model::Date{year_month_day_last{std::chrono::year{year}, month_day_last{month{m}}}};
  }
};

Term term_of(model::Date d) {
  unsigned m = static_cast<unsigned>(d.month());
  return {static_cast<int>(d.year()), m <= 3 ? 0 : m <= 7 ? 1 : 2};
}

struct Result {
  std::string date;
  double value = 0;
};

struct Mean {
  std::size_t n = 0;
  double sum = 0, sum_squares = 0;
  void add(double v) {
    ++n;
    sum += v;
    sum_squares += v * v;
  }
  double mean() const { return sum / static_cast<double>(n); }
};

// Least-squares slope of gap_sd against the term's place, times the span: the change the terms
// shown point to, less swayed by one odd term than the first against the last.
double fitted_change(const std::vector<std::pair<double, double>>& points) {
  double n = static_cast<double>(points.size()), sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const auto& [x, y] : points) {
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  double denominator = n * sxx - sx * sx;
  if (denominator == 0) return 0;
  double slope = (n * sxy - sx * sy) / denominator;
  return slope * (points.back().first - points.front().first);
}

}  // namespace

json::value attainment_gaps(Context& context, const report::SchoolHistory& history, const report::PupilFilter& filter,
                            int terms) {
  // Only results that are numbers: letters (A absent, B below the test) carry no score.
  auto s = context.db.prepare(
      "SELECT subject, pupil_id, CAST(result AS REAL), result_date FROM assessment_result WHERE result_date IS NOT "
      "NULL AND result GLOB '[0-9]*' AND result NOT GLOB '*[^0-9.]*'");
  std::map<std::string, std::map<Term, std::map<std::int64_t, Result>>> held;  // subject -> term -> pupil -> latest
  while (s.step()) {
    auto day = model::parse_date(s.text(3));
    if (!day || *day > context.today) continue;
    auto& latest = held[s.text(0)][term_of(*day)][s.integer(1)];
    if (latest.date.empty() || s.text(3) >= latest.date) latest = {s.text(3), s.real(2)};
  }
  std::map<Term, std::unordered_map<std::int64_t, report::PupilFacts>> facts;  // each term's last day, once
  json::array subjects;
  for (const auto& [subject, by_term] : held) {
    json::array rows;
    std::vector<std::pair<double, double>> points;  // term's place, gap_sd
    double first_gap = 0, last_gap = 0;
    int place = 0, shown = 0;
    auto start = by_term.begin();
    if (static_cast<int>(by_term.size()) > terms) std::advance(start, static_cast<long>(by_term.size()) - terms);
    for (auto it = start; it != by_term.end(); ++it, ++place) {
      const auto& [term, pupils] = *it;
      auto& on_day = facts[term];
      if (on_day.empty()) on_day = history.facts_at(std::min(term.to(), context.today));
      Mean sen, no_sen, all;
      for (const auto& [id, result] : pupils) {
        auto p = on_day.find(id);
        if (p == on_day.end() || !p->second.on_roll || !filter.matches(p->second)) continue;
        (p->second.status == "N" ? no_sen : sen).add(result.value);
        all.add(result.value);
      }
      json::object row{{"term", term.name()},
                       {"from", model::format_date(term.from())},
                       {"to", model::format_date(term.to())},
                       {"sen_pupils", sen.n},
                       {"sen_mean", sen.n ? json::value(model::round1(sen.mean())) : nullptr},
                       {"no_sen_pupils", no_sen.n},
                       {"no_sen_mean", no_sen.n ? json::value(model::round1(no_sen.mean())) : nullptr},
                       {"gap", nullptr},
                       {"gap_sd", nullptr}};
      if (sen.n >= kMinGroup && no_sen.n >= kMinGroup) {
        double gap = no_sen.mean() - sen.mean();
        double variance =
            (all.sum_squares - all.sum * all.sum / static_cast<double>(all.n)) / static_cast<double>(all.n - 1);
        row["gap"] = model::round1(gap);
        if (variance > 0) {
          double gap_sd = gap / std::sqrt(variance);
          row["gap_sd"] = std::round(gap_sd * 100.0) / 100.0;
          points.emplace_back(place, gap_sd);
        }
        if (shown++ == 0) first_gap = gap;
        last_gap = gap;
      }
      rows.push_back(std::move(row));
    }
    json::object out{{"subject", subject}, {"terms", std::move(rows)}};
    if (points.size() >= kTrendTerms) {
      double change = fitted_change(points);
      out["trend"] = change <= -kTrendSd ? "closing" : change >= kTrendSd ? "widening" : "steady";
      out["fitted_change_sd"] = std::round(change * 100.0) / 100.0;
      out["change"] = model::round1(last_gap - first_gap);
    } else {
      out["trend"] = nullptr;  // too few terms with a gap to say
      out["fitted_change_sd"] = nullptr;
      out["change"] = nullptr;
    }
    subjects.push_back(std::move(out));
  }
  return json::object{{"terms_rule",
                       "Terms by the calendar: autumn August to December, spring January to March, summer April to "
                       "July; each pupil's latest result in a term, in the group of their SEN status on its last day"},
                      {"min_group", kMinGroup},
                      {"trend_rule",
                       "Closing or widening when the gap's fitted change over the terms shown is a tenth of a "
                       "standard deviation of the results or more, steady when less; at least three terms with a gap"},
                      {"subjects", std::move(subjects)}};
}

}  // namespace sm::ops
