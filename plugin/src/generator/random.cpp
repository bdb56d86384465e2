#include "generator/random.hpp"

#include <algorithm>
#include <cmath>

namespace sm::generator {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

constexpr double kLn2 = 0.69314718055994530942;
constexpr double kHalfPi = 1.57079632679489661923;

// cos and sin of a fraction of a full turn. Reducing `turns` by quarter turns is exact in
// binary, so only a short Taylor series on [-pi/4, pi/4] is left to evaluate.
void cos_sin_of_turns(double turns, double& c, double& s) {
  double quarters = turns * 4.0;
  double k = std::floor(quarters + 0.5);
  double x = (quarters - k) * kHalfPi;
  double x2 = x * x;
  double cos_x = 1.0;
  double sin_x = 1.0;
  // Horner form of the Taylor series, 10 terms each: error far below one ulp on this range.
  for (int n = 20; n >= 2; n -= 2) cos_x = 1.0 - x2 / (n * (n - 1)) * cos_x;
  for (int n = 21; n >= 3; n -= 2) sin_x = 1.0 - x2 / (n * (n - 1)) * sin_x;
  sin_x *= x;
  switch (static_cast<int>(k) & 3) {
    case 0:
      c = cos_x;
      s = sin_x;
      break;
    case 1:
      c = -sin_x;
      s = cos_x;
      break;
    case 2:
      c = -cos_x;
      s = -sin_x;
      break;
    default:
      c = sin_x;
      s = -cos_x;
      break;
  }
}

}  // namespace

double portable_log(double x) {
  int exponent = 0;
  double m = std::frexp(x, &exponent);  // exact: x = m * 2^exponent, m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    --exponent;
  }
  // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172.
  double s = (m - 1.0) / (m + 1.0);
  double s2 = s * s;
  double sum = 0.0;
  for (int n = 25; n >= 3; n -= 2) sum = (1.0 / n + sum) * s2;
  return 2.0 * s * (1.0 + sum) + exponent * kLn2;
}

double portable_exp(double x) {
  double k = std::floor(x / kLn2 + 0.5);
  double r = x - k * kLn2;  // |r| <= ln2 / 2
  double sum = 1.0;
  for (int n = 16; n >= 1; --n) sum = 1.0 + r / n * sum;
  return std::ldexp(sum, static_cast<int>(k));
}

Random::Random(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& word : state_) word = splitmix64(x);
}

Random Random::stream(std::uint64_t seed, std::uint64_t strand) {
  std::uint64_t x = seed ^ 0x5EA5C0DE00000000ULL;
  std::uint64_t mixed = splitmix64(x);
  std::uint64_t y = strand;
  return Random(mixed ^ splitmix64(y));
}

std::uint64_t Random::next() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

std::size_t Random::index(std::size_t count) {
  // Rejection keeps every index equally likely (plain modulo would favour the low ones).
  const std::uint64_t range = count;
  const std::uint64_t threshold = (0 - range) % range;
  for (;;) {
    std::uint64_t r = next();
    if (r >= threshold) return static_cast<std::size_t>(r % range);
  }
}

int Random::uniform_int(int lo, int hi) {
  if (hi <= lo) return lo;
  auto span = static_cast<std::size_t>(static_cast<long long>(hi) - lo + 1);
  return static_cast<int>(lo + static_cast<long long>(index(span)));
}

double Random::uniform() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Random::uniform(double lo, double hi) {
  return lo + (hi - lo) * uniform();
}

double Random::normal(double mean, double sd) {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return mean + sd * spare_normal_;
  }
  double u1 = 1.0 - uniform();  // (0, 1]: log stays finite
  double u2 = uniform();
  double radius = std::sqrt(-2.0 * portable_log(u1));  // sqrt is exact-rounded by IEEE
  double c = 0.0;
  double s = 0.0;
  cos_sin_of_turns(u2, c, s);
  spare_normal_ = radius * s;
  has_spare_normal_ = true;
  return mean + sd * radius * c;
}

bool Random::bernoulli(double p) {
  return uniform() < p;
}

std::size_t Random::pick_weighted(std::span<const double> weights) {
  double total = 0.0;
  for (double w : weights) total += w;
  double target = uniform() * total;
  std::size_t last_positive = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] <= 0.0) continue;
    if (target < weights[i]) return i;
    target -= weights[i];
    last_positive = i;
  }
  return last_positive;
}

std::vector<std::size_t> sample_without_replacement(Random& rng, std::span<const double> weights, std::size_t count) {
  // Key = log(u) / w: the largest keys form a weighted sample without replacement.
  std::vector<std::pair<double, std::size_t>> keyed;
  keyed.reserve(weights.size());
  for (std::size_t i = 0; i < weights.size(); ++i) {
    double u = 1.0 - rng.uniform();
    if (weights[i] > 0.0) keyed.emplace_back(portable_log(u) / weights[i], i);
  }
  count = std::min(count, keyed.size());
  // Ties broken by index, so the order never depends on the sort algorithm.
  std::partial_sort(
      keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(count), keyed.end(),
      [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<std::size_t> chosen;
  chosen.reserve(count);
  for (std::size_t i = 0; i < count; ++i) chosen.push_back(keyed[i].second);
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

}  // namespace sm::generator
