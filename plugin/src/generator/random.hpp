// Deterministic pseudo-random numbers for the synthetic school generator.
// xoshiro256** seeded through splitmix64; every draw is built from integer and plain IEEE
// arithmetic (no std:: distributions, no libm), so one seed gives the same school everywhere.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <utility>
#include <vector>

// Clang contracts a*b+c into a fused multiply-add where the target has one, which changes the
// last bit of a double; the generator must give the same bytes on every machine.
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

namespace sm::generator {

class Random {
 public:
  explicit Random(std::uint64_t seed);

  // An independent generator for one strand of the school (a pupil, the calendar), so that
  // drawing one more number in one strand does not shift every number another strand sees.
  static Random stream(std::uint64_t seed, std::uint64_t strand);

  std::uint64_t next();
  int uniform_int(int lo, int hi);                    // inclusive both ends, unbiased
  std::size_t index(std::size_t count);               // [0, count), count > 0
  double uniform();                                   // [0, 1), 53 random bits
  double uniform(double lo, double hi);               // [lo, hi)
  double normal(double mean = 0.0, double sd = 1.0);  // Box-Muller
  bool bernoulli(double p);
  std::size_t pick_weighted(std::span<const double> weights);  // index drawn by weight

  template <class T>
  const T& pick(std::span<const T> items) {
    return items[index(items.size())];
  }

  // Fisher-Yates: std::shuffle's algorithm is unspecified, so its order differs by library.
  template <class T>
  void shuffle(std::span<T> items) {
    for (std::size_t i = items.size(); i > 1; --i) {
      std::size_t j = index(i);
      std::swap(items[i - 1], items[j]);
    }
  }

 private:
  std::uint64_t state_[4];
  double spare_normal_ = 0.0;
  bool has_spare_normal_ = false;
};

// One row of a weighted table: `value` is drawn with probability weight / sum of weights.
template <class T>
struct Weighted {
  T value;
  double weight;
};

// Draws one value from a container of Weighted<T> rows (an std::array or a span).
template <class Table>
const auto& pick_from(Random& rng, const Table& table) {
  double total = 0.0;
  for (const auto& row : table) total += row.weight;
  double target = rng.uniform() * total;
  for (const auto& row : table) {
    if (target < row.weight) return row.value;
    target -= row.weight;
  }
  // Rounding can leave `target` a hair above the last weight: the last positive row wins.
  for (auto it = std::rbegin(table); it != std::rend(table); ++it)
    if (it->weight > 0.0) return it->value;
  return std::begin(table)->value;
}

// `count` distinct indexes drawn with probability proportional to `weights` (Efraimidis-
// Spirakis keys), returned in index order. Zero weights are never drawn.
std::vector<std::size_t> sample_without_replacement(Random& rng, std::span<const double> weights, std::size_t count);

// Natural log and exp from plain IEEE arithmetic: libm results may differ in the last bit
// between platforms, and a single bit can round a score or a date the other way.
double portable_log(double x);  // x > 0
double portable_exp(double x);

}  // namespace sm::generator
