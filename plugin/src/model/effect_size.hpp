// Effect sizes for "is this intervention working": Hedges' g with 95% confidence intervals,
// after Borenstein, Hedges, Higgins & Rothstein (2009), Introduction to Meta-Analysis, ch. 4.
#pragma once
#include <optional>
#include <vector>

namespace sm::model {

struct EffectSize {
  double g = 0;                    // Hedges' g (small-sample corrected)
  double se = 0;                   // standard error of g
  double ci_low = 0, ci_high = 0;  // 95% confidence interval
  int n = 0;                       // pupils (both groups for a comparison)
};

double mean(const std::vector<double>& xs);
double sample_sd(const std::vector<double>& xs);  // n - 1 denominator
double correlation(const std::vector<double>& xs, const std::vector<double>& ys);

// Pre/post on one group (standardised mean change, Borenstein eq. 4.27-4.29): the gain over the
// within-group SD recovered from the SD of differences and the pre/post correlation.
// Empty below 3 pupils, or when the scores do not vary.
std::optional<EffectSize> paired_effect(const std::vector<double>& pre, const std::vector<double>& post);

// From summary statistics (the same formulas; also what the tests check against the book's
// worked examples).
EffectSize paired_effect(double mean_difference, double sd_difference, double r, int n);
EffectSize independent_effect(double mean1, double sd1, int n1, double mean2, double sd2, int n2);

// Two independent groups (eq. 4.18-4.24): e.g. the gains of pupils on a provision against the
// gains of similar pupils who were not. Empty below 2 in either group, or with no variance.
std::optional<EffectSize> independent_effect(const std::vector<double>& treated, const std::vector<double>& comparison);

}  // namespace sm::model
