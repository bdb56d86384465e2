// The synthetic school's classes. Secondary: mixed-ability tutor groups of about 30, and
// English, Maths and Science sets of about 27 by attainment (Set 1 the top set). Lower sets
// are kept smaller, as schools do for pupils who need more help, and so hold more pupils with
// SEN. Primary: each year group split into mixed-ability classes of about 30.
#include <algorithm>
#include <array>
#include <charconv>
#include <tuple>

#include "generator/school_roster.hpp"

namespace sm::generator {
namespace {

constexpr std::size_t kTutorGroupSize = 30;
constexpr std::size_t kSetSize = 27;
constexpr std::size_t kPrimaryClassSize = 30;

// Tutor group letters without I and O, which read as 1 and 0 on a timetable.
constexpr std::string_view kGroupLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ";

// Primary classes are named, here after trees, each name used once across the school.
constexpr auto kClassNames = std::to_array<std::string_view>(
    {"Oak",   "Ash",      "Birch",   "Willow",   "Rowan",    "Hazel",  "Elm",   "Beech",
     "Maple", "Cedar",    "Holly",   "Chestnut", "Sycamore", "Alder",  "Larch", "Pine",
     "Yew",   "Hawthorn", "Juniper", "Aspen",    "Poplar",   "Cherry", "Lime",  "Hornbeam"});

struct SetSubject {
  std::string_view name;  // as the timetable says it
  std::string_view code;  // in the class code: "7Ma3"
  std::string_view test;  // CTF subject of the termly test that sets it; empty: both tests
};
constexpr std::array<SetSubject, 3> kSetSubjects{
    {{"English", "En", "RDG"}, {"Maths", "Ma", "MAT"}, {"Science", "Sc", ""}}};

// How well the pupil did in this year's termly tests: the mean standardised score. A "B"
// (working below the test) counts as below the scale; an "A" (absent) says nothing.
double attainment(const SyntheticSchool& school, const SyntheticPupil& pupil, std::string_view test) {
  double sum = 0.0;
  int count = 0;
  for (const TestResult* r : termly_results(school, pupil)) {
    if ((!test.empty() && r->subject != test) || r->result == "A") continue;
    int score = 50;
    if (r->result != "B") std::from_chars(r->result.data(), r->result.data() + r->result.size(), score);
    sum += score;
    ++count;
  }
  return count > 0 ? sum / count : 100.0;  // no test sat yet: placed in the middle
}

// Equal shares that differ by one at most.
std::vector<std::size_t> even_sizes(std::size_t pupils, std::size_t groups) {
  std::vector<std::size_t> sizes(groups, pupils / groups);
  for (std::size_t i = 0; i < pupils % groups; ++i) ++sizes[i];
  return sizes;
}

// The top set about 15% over the mean size, the bottom set about 20% under it.
std::vector<std::size_t> tapered_sizes(std::size_t pupils, std::size_t sets) {
  if (sets == 1) return {pupils};
  std::vector<double> exact;
  double total_weight = 0.0;
  for (std::size_t i = 0; i < sets; ++i) {
    exact.push_back(1.15 - 0.35 * static_cast<double>(i) / static_cast<double>(sets - 1));
    total_weight += exact.back();
  }
  std::vector<std::size_t> sizes;
  std::vector<std::pair<double, std::size_t>> remainders;
  std::size_t dealt = 0;
  for (std::size_t i = 0; i < sets; ++i) {
    exact[i] *= static_cast<double>(pupils) / total_weight;
    sizes.push_back(static_cast<std::size_t>(exact[i]));
    dealt += sizes.back();
    remainders.emplace_back(exact[i] - static_cast<double>(sizes.back()), i);
  }
  // Largest remainders first, ties to the upper set: the same split on every platform.
  std::sort(remainders.begin(), remainders.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (std::size_t i = 0; dealt < pupils; ++i, ++dealt) ++sizes[remainders[i].second];
  return sizes;
}

std::size_t groups_for(std::size_t pupils, std::size_t size) {
  return (pupils + size - 1) / size;
}

class ClassPlanner {
 public:
  explicit ClassPlanner(const SyntheticSchool& school)
      : school_(school), rng_(Random::stream(school.spec.seed, kClassesStrand)) {}

  std::vector<SchoolClass> plan() {
    const bool primary = school_.spec.phase == Phase::primary;
    for (int year = primary ? 0 : 7; year <= (primary ? 6 : 11); ++year) {
      std::vector<std::size_t> year_group;
      for (std::size_t i = 0; i < school_.pupils.size(); ++i)
        if (school_.pupils[i].nc_year == year) year_group.push_back(i);
      if (year_group.empty()) continue;
      if (primary) {
        add_primary_classes(year, year_group);
      } else {
        add_tutor_groups(year, year_group);
        for (const SetSubject& subject : kSetSubjects) add_sets(year, subject, year_group);
      }
    }
    for (SchoolClass& c : classes_) sort_register(c.pupils);
    return std::move(classes_);
  }

 private:
  // Mixed ability: the year group in a random order, dealt into groups of equal size.
  std::vector<std::vector<std::size_t>> mixed_groups(std::vector<std::size_t> year_group, std::size_t size) {
    rng_.shuffle(std::span<std::size_t>(year_group));
    std::vector<std::vector<std::size_t>> groups;
    auto next = year_group.begin();
    for (std::size_t n : even_sizes(year_group.size(), groups_for(year_group.size(), size))) {
      groups.emplace_back(next, next + static_cast<std::ptrdiff_t>(n));
      next += static_cast<std::ptrdiff_t>(n);
    }
    return groups;
  }

  void add_primary_classes(int year, const std::vector<std::size_t>& year_group) {
    for (auto& pupils : mixed_groups(year_group, kPrimaryClassSize)) {
      const std::size_t n = primary_classes_named_++;
      std::string name(kClassNames[n % kClassNames.size()]);
      if (n >= kClassNames.size()) name += std::to_string(n / kClassNames.size() + 1);  // a very large school
      SchoolClass c;
      c.kind = ClassKind::primary_class;
      c.nc_year = year;
      c.code = (year == 0 ? std::string("R") : std::to_string(year)) + name;
      c.title = (year == 0 ? std::string("Reception ") : "Year " + std::to_string(year) + " ") + name;
      c.pupils = std::move(pupils);
      classes_.push_back(std::move(c));
    }
  }

  void add_tutor_groups(int year, const std::vector<std::size_t>& year_group) {
    std::size_t letter = 0;
    for (auto& pupils : mixed_groups(year_group, kTutorGroupSize)) {
      std::string name = std::to_string(year) + kGroupLetters[letter % kGroupLetters.size()];
      if (letter >= kGroupLetters.size()) name += std::to_string(letter / kGroupLetters.size() + 1);
      ++letter;
      SchoolClass c;
      c.kind = ClassKind::tutor_group;
      c.nc_year = year;
      c.code = name;
      c.title = "Tutor Group " + name;
      c.pupils = std::move(pupils);
      classes_.push_back(std::move(c));
    }
  }

  // By test results with a little noise: setting also weighs teachers' judgement and the
  // timetable, so sets overlap a few points at the edges.
  void add_sets(int year, const SetSubject& subject, const std::vector<std::size_t>& year_group) {
    std::vector<std::pair<double, std::size_t>> ranked;
    ranked.reserve(year_group.size());
    for (std::size_t i : year_group)
      ranked.emplace_back(attainment(school_, school_.pupils[i], subject.test) + rng_.normal(0.0, 5.0), i);
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    auto next = ranked.begin();
    int set = 0;
    for (std::size_t n : tapered_sizes(ranked.size(), groups_for(ranked.size(), kSetSize))) {
      ++set;
      SchoolClass c;
      c.kind = ClassKind::teaching_set;
      c.nc_year = year;
      c.subject = subject.name;
      c.code = std::to_string(year) + std::string(subject.code) + std::to_string(set);
      c.title = "Year " + std::to_string(year) + " " + std::string(subject.name) + " Set " + std::to_string(set);
      for (std::size_t k = 0; k < n; ++k, ++next) c.pupils.push_back(next->second);
      classes_.push_back(std::move(c));
    }
  }

  // Registers list pupils by name; the UPN settles ties so the order never varies.
  void sort_register(std::vector<std::size_t>& pupils) const {
    std::sort(pupils.begin(), pupils.end(), [this](std::size_t a, std::size_t b) {
      const SyntheticPupil& x = school_.pupils[a];
      const SyntheticPupil& y = school_.pupils[b];
      return std::tie(x.surname, x.forename, x.upn) < std::tie(y.surname, y.forename, y.upn);
    });
  }

  const SyntheticSchool& school_;
  Random rng_;
  std::vector<SchoolClass> classes_;
  std::size_t primary_classes_named_ = 0;
};

}  // namespace

std::vector<const TestResult*> termly_results(const SyntheticSchool& school, const SyntheticPupil& pupil) {
  const std::string year = std::to_string(school.calendar.academic_year);
  std::vector<const TestResult*> out;
  for (const KeyStageResults& stage : pupil.assessments)
    for (const TestResult& r : stage.results)
      if (r.component == "SS" && r.year == year) out.push_back(&r);
  return out;
}

std::vector<SchoolClass> plan_classes(const SyntheticSchool& school) {
  return ClassPlanner(school).plan();
}

}  // namespace sm::generator
