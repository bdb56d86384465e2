#include "model/effect_size.hpp"

#include <cmath>
#include <numeric>

namespace sm::model {
namespace {
constexpr double kZ95 = 1.959963984540054;  // two-sided 95% normal quantile

EffectSize with_interval(double g, double se, int n) {
  return {g, se, g - kZ95 * se, g + kZ95 * se, n};
}
}  // namespace

double mean(const std::vector<double>& xs) {
  return xs.empty() ? 0.0 : std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
}

double sample_sd(const std::vector<double>& xs) {
  if (xs.size() < 2) return 0.0;
  double m = mean(xs), sum = 0;
  for (double x : xs) sum += (x - m) * (x - m);
  return std::sqrt(sum / static_cast<double>(xs.size() - 1));
}

double correlation(const std::vector<double>& xs, const std::vector<double>& ys) {
  if (xs.size() != ys.size() || xs.size() < 2) return 0.0;
  double mx = mean(xs), my = mean(ys), sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) * (xs[i] - mx);
    syy += (ys[i] - my) * (ys[i] - my);
  }
  return (sxx > 0 && syy > 0) ? sxy / std::sqrt(sxx * syy) : 0.0;
}

EffectSize paired_effect(double mean_difference, double sd_difference, double r, int n) {
  double s_within = sd_difference / std::sqrt(2.0 * (1.0 - r));
  double d = mean_difference / s_within;
  double var_d = (1.0 / n + d * d / (2.0 * n)) * 2.0 * (1.0 - r);
  double j = 1.0 - 3.0 / (4.0 * (n - 1.0) - 1.0);
  return with_interval(j * d, j * std::sqrt(var_d), n);
}

EffectSize independent_effect(double mean1, double sd1, int n1, double mean2, double sd2, int n2) {
  double pooled = std::sqrt(((n1 - 1.0) * sd1 * sd1 + (n2 - 1.0) * sd2 * sd2) / (n1 + n2 - 2.0));
  double d = (mean1 - mean2) / pooled;
  double var_d = static_cast<double>(n1 + n2) / (static_cast<double>(n1) * n2) + d * d / (2.0 * (n1 + n2));
  double j = 1.0 - 3.0 / (4.0 * (n1 + n2 - 2.0) - 1.0);
  return with_interval(j * d, j * std::sqrt(var_d), n1 + n2);
}

std::optional<EffectSize> paired_effect(const std::vector<double>& pre, const std::vector<double>& post) {
  const auto n = pre.size();
  if (n < 3 || post.size() != n) return std::nullopt;
  std::vector<double> diff(n);
  for (std::size_t i = 0; i < n; ++i) diff[i] = post[i] - pre[i];
  double r = correlation(pre, post);
  double s_diff = sample_sd(diff);
  if (s_diff <= 0 || r >= 1.0) return std::nullopt;
  return paired_effect(mean(diff), s_diff, r, static_cast<int>(n));
}

std::optional<EffectSize> independent_effect(const std::vector<double>& treated,
                                             const std::vector<double>& comparison) {
  if (treated.size() < 2 || comparison.size() < 2) return std::nullopt;
  double s1 = sample_sd(treated), s2 = sample_sd(comparison);
  if (s1 <= 0 && s2 <= 0) return std::nullopt;
  return independent_effect(mean(treated), s1, static_cast<int>(treated.size()), mean(comparison), s2,
                            static_cast<int>(comparison.size()));
}

}  // namespace sm::model
