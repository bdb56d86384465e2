// Termly standardised scores in reading and maths (mean 100, sd 15), and for secondary pupils
// the KS2 scaled scores they arrived with. Pupils with SEN score lower on average, most of
// all where the need bears on the subject (SPLD on reading, MLD on both).
#include <algorithm>
#include <array>
#include <cmath>

#include "generator/synthetic_school.hpp"
#include "model/reference_data.hpp"

namespace sm::generator {
namespace {
using model::add_days;

struct NeedEffect {
  std::string_view type;
  double reading;  // in standard deviations, against all pupils
  double maths;
};
constexpr auto kNeedEffects = std::to_array<NeedEffect>({
    {"SLCN", -0.7, -0.5},
    {"ASD", -0.3, -0.2},
    {"SPLD", -0.85, -0.45},
    {"MLD", -1.2, -1.2},
    {"SLD", -2.6, -2.6},
    {"PMLD", -3.2, -3.2},
    {"SEMH", -0.5, -0.5},
    {"HI", -0.6, -0.45},
    {"VI", -0.45, -0.35},
    {"MSI", -1.2, -1.2},
    {"PD", -0.3, -0.3},
    {"OTH", -0.45, -0.45},
    {"NSA", -0.5, -0.5},
    {"DS", -2.3, -2.4},
});

struct TestDays {
  Date reading;
  Date maths;
};

std::size_t open_day_from(const SchoolCalendar& cal, Date d, int step) {
  std::size_t at = cal.weekdays.size();
  for (int guard = 0; guard < 60 && at == cal.weekdays.size(); ++guard, d = add_days(d, step))
    if (cal.is_open(d)) at = cal.position_of(d);
  return at;
}

// Reading one day and maths the next school day of the same term, in early December, late
// March and early July: the usual windows for termly standardised tests.
std::array<TestDays, 3> plan_tests(const SchoolCalendar& cal) {
  const int y = cal.academic_year;
  const std::array<std::pair<Date, int>, 3> windows{{
      {Date{std::chrono::year{y}, std::chrono::December, std::chrono::day{1}}, +1},
      {Date{std::chrono::year{y + 1}, std::chrono::March, std::chrono::day{20}}, -1},
      {Date{std::chrono::year{y + 1}, std::chrono::July, std::chrono::day{1}}, +1},
  }};
  std::array<TestDays, 3> tests;
  for (std::size_t t = 0; t < 3; ++t) {
    std::size_t reading = open_day_from(cal, windows[t].first, windows[t].second);
    std::size_t maths = reading + 1;
    while (maths < cal.weekdays.size() && !cal.weekdays[maths].open) ++maths;
    if (maths >= cal.weekdays.size() || cal.weekdays[maths].term != cal.weekdays[reading].term) {
      maths = reading - 1;
      while (!cal.weekdays[maths].open) --maths;
    }
    tests[t] = {cal.weekdays[reading].date, cal.weekdays[maths].date};
  }
  return tests;
}

std::string_view current_stage(int nc_year) {
  if (nc_year == 0) return "FS";
  if (nc_year <= 2) return "KS1";
  if (nc_year <= 6) return "KS2";
  if (nc_year <= 9) return "KS3";
  return "KS4";
}

int rounded(double x) {
  return static_cast<int>(std::floor(x + 0.5));
}

class PupilScores {
 public:
  PupilScores(const SyntheticSchool& school, std::size_t index)
      : school_(school), pupil_(school.pupils[index]), rng_(pupil_strand(school, index, 2)) {
    const double general = rng_.normal();
    reading_ = 0.8 * general + 0.6 * rng_.normal();
    maths_ = 0.8 * general + 0.6 * rng_.normal();
    double reading_shift = 0.2;
    double maths_shift = 0.2;
    if (pupil_.sen_now != 'N' && !pupil_.needs.empty()) {
      for (const auto& effect : kNeedEffects) {
        if (effect.type != pupil_.needs.front().type) continue;
        reading_shift = effect.reading;
        maths_shift = effect.maths;
      }
      if (pupil_.sen_now == 'E') {
        reading_shift -= 0.2;
        maths_shift -= 0.2;
      }
    }
    if (pupil_.left_register) {
      reading_shift -= 0.35;
      maths_shift -= 0.35;
    }
    if (!pupil_.fsm.empty()) {
      reading_shift -= 0.25;
      maths_shift -= 0.25;
    }
    if (school.families[pupil_.family].first_language != "ENG") reading_shift -= 0.1;
    reading_ = 0.9 * reading_ + reading_shift;
    maths_ = 0.9 * maths_ + maths_shift;
  }

  std::vector<KeyStageResults> build(const std::array<TestDays, 3>& tests) {
    std::vector<KeyStageResults> stages;
    KeyStageResults now{current_stage(pupil_.nc_year), {}};
    const std::string year = std::to_string(school_.calendar.academic_year);
    const double progress = rng_.normal(0.0, 0.08);  // per term, against peers
    for (std::size_t t = 0; t < 3; ++t) {
      const double drift = progress * static_cast<double>(t);
      add_termly(now, year, "RDG", reading_ + drift, tests[t].reading);
      add_termly(now, year, "MAT", maths_ + drift, tests[t].maths);
    }
    stages.push_back(std::move(now));
    if (school_.spec.phase == Phase::secondary) add_key_stage_2(stages);
    return stages;
  }

 private:
  // The mark the pupil got in the morning of `d`, or 0 when the day is outside the year.
  char morning_mark(Date d) const {
    std::size_t at = school_.calendar.position_of(d);
    return at < school_.calendar.weekdays.size() ? pupil_.attendance.marks[2 * at] : '\0';
  }

  void add_termly(KeyStageResults& stage, const std::string& year, std::string_view subject, double ability, Date d) {
    const char mark = morning_mark(d);
    if (mark == 'Z' || mark == 'X') return;  // not on roll, or already left
    const double raw = 100.0 + 15.0 * (ability + rng_.normal(0.0, 0.25));
    const auto* code = model::find_attendance_code(mark);
    const bool absent = code && (code->meaning == model::AttendanceMeaning::authorised ||
                                 code->meaning == model::AttendanceMeaning::unauthorised);
    std::string result;
    if (raw < 58.0 && rng_.bernoulli(0.6))
      result = "B";  // working below the test
    else if (absent && rng_.bernoulli(0.08))
      result = "A";  // most absentees sit it on return
    else
      result = std::to_string(std::clamp(rounded(raw), 55, 145));
    // A test after the export day has not been sat yet (drawn all the same, so the earlier
    // results do not depend on the export day).
    if (is_before(school_.file_date, d)) return;
    stage.results.push_back({year, subject, "SS", std::move(result), d});
  }

  // KS2 tests: GPS on the Monday of the second week of May, reading on Tuesday, maths
  // finishing on Thursday. None in 2020 and 2021, when the tests were cancelled.
  void add_key_stage_2(std::vector<KeyStageResults>& stages) {
    const int sat_in = school_.calendar.academic_year - (pupil_.nc_year - 6) + 1;
    if (sat_in == 2020 || sat_in == 2021) return;
    Date monday{std::chrono::year{sat_in}, std::chrono::May, std::chrono::day{8}};
    while (weekday_of(monday) != 1) monday = add_days(monday, 1);
    if (is_bank_holiday(monday)) monday = add_days(monday, 1);
    const std::string year = std::to_string(sat_in);
    KeyStageResults ks2{"KS2", {}};
    auto scaled = [&](double ability) {
      const double raw = 104.0 + 6.5 * (ability + rng_.normal(0.0, 0.3));
      if (raw < 78.0 && rng_.bernoulli(0.7)) return std::string("B");
      if (rng_.bernoulli(0.005)) return std::string("A");
      return std::to_string(std::clamp(rounded(raw), 80, 120));
    };
    ks2.results.push_back({year, "ENG", "GPS", scaled(0.5 * (reading_ + maths_)), monday});
    ks2.results.push_back({year, "ENG", "RD", scaled(reading_), add_days(monday, 1)});
    ks2.results.push_back({year, "MAT", "MA", scaled(maths_), add_days(monday, 3)});
    stages.push_back(std::move(ks2));
  }

  const SyntheticSchool& school_;
  const SyntheticPupil& pupil_;
  Random rng_;
  double reading_ = 0.0;
  double maths_ = 0.0;
};

}  // namespace

void generate_assessments(SyntheticSchool& school) {
  const auto tests = plan_tests(school.calendar);
  for (std::size_t i = 0; i < school.pupils.size(); ++i)
    school.pupils[i].assessments = PupilScores(school, i).build(tests);
}

}  // namespace sm::generator
