// A year of attendance marks per pupil, two per weekday (AM, PM) from the first day of the
// autumn term, with totals that agree with the DfE code table.
#include <algorithm>
#include <stdexcept>

#include "generator/synthetic_school.hpp"
#include "model/attendance_tally.hpp"
#include "model/reference_data.hpp"

namespace sm::generator {
namespace {
using model::add_days;

constexpr char kPresentAm = '/';
constexpr char kPresentPm = '\\';

struct SchoolEvents {
  std::vector<std::size_t> trip_day;      // per NC year: position of the year group's trip
  std::vector<std::size_t> break_starts;  // first closed weekday of each break of a week or more
  std::size_t leavers_from;               // Year 11 are no longer required to attend from here
};

SchoolEvents plan_events(const SyntheticSchool& school) {
  Random rng = strand_for(school, Strand::school_events);
  const auto& days = school.calendar.weekdays;
  SchoolEvents events;
  std::vector<std::size_t> summer_days;
  for (std::size_t i = 0; i < days.size(); ++i)
    if (days[i].open && days[i].term == 2 && static_cast<unsigned>(days[i].date.month()) < 7) summer_days.push_back(i);
  for (int year = 0; year < 12; ++year) events.trip_day.push_back(summer_days[rng.index(summer_days.size())]);

  for (std::size_t i = 1; i < days.size(); ++i) {
    if (days[i].open || !days[i - 1].open) continue;
    std::size_t closed = 0;
    while (i + closed < days.size() && !days[i + closed].open) ++closed;
    if (closed >= 5) events.break_starts.push_back(i);
  }
  events.break_starts.push_back(days.size());  // the summer holiday

  // Compulsory schooling ends on the last Friday in June of Year 11.
  const int y = school.calendar.academic_year + 1;
  Date last_friday{std::chrono::year{y}, std::chrono::June, std::chrono::day{30}};
  while (weekday_of(last_friday) != 5) last_friday = add_days(last_friday, -1);
  events.leavers_from = school.calendar.position_of(add_days(last_friday, 3));
  return events;
}

// The pupil's underlying absence rate: most pupils miss a few days, a long tail misses many.
// Pupils with SEN, and disadvantaged pupils, are absent more (as in the national figures).
double absence_rate(Random& rng, const SyntheticPupil& p, bool primary) {
  double median = primary ? 0.021 : 0.025;
  double sigma = primary ? 1.1 : 1.0;
  double severe = primary ? 0.005 : 0.008;
  if (p.sen_now == 'K') {
    median *= 1.3;
    severe *= 3.0;
  }
  if (p.sen_now == 'E') {
    median *= 1.5;
    sigma += 0.1;
    severe *= 4.0;
  }
  if (p.left_register) median *= 1.2;
  if (!p.fsm.empty()) {
    median *= 1.45;
    severe *= 1.5;
  }
  if (rng.bernoulli(severe)) return rng.uniform(0.5, 0.85);
  return std::min(0.45, median * portable_exp(sigma * rng.normal()));
}

double season(Date d) {
  const unsigned month = static_cast<unsigned>(d.month());
  if (month == 12 || month <= 2) return 1.3;  // winter illness
  if (month >= 6 && month <= 7) return 0.75;
  return 1.0;
}

bool present_all_day(const std::string& marks, std::size_t day) {
  return marks[2 * day] == kPresentAm && marks[2 * day + 1] == kPresentPm;
}

void set_day(std::string& marks, std::size_t day, char code) {
  marks[2 * day] = code;
  marks[2 * day + 1] = code;
}

void count(YearAttendance& year) {
  model::AttendanceTally tally;
  tally.add_all(year.marks);
  if (tally.unknown) throw std::logic_error("generator wrote an unknown attendance mark");
  year.possible = tally.possible;
  year.attended = tally.attended;
  year.authorised = tally.authorised;
  year.unauthorised = tally.unauthorised;
}

class PupilMarks {
 public:
  PupilMarks(const SyntheticSchool& school, const SchoolEvents& events, std::size_t index)
      : school_(school), events_(events), pupil_(school.pupils[index]), rng_(pupil_strand(school, index, 1)) {}

  YearAttendance build() {
    const auto& days = school_.calendar.weekdays;
    marks_.assign(days.size() * 2, '#');
    for (std::size_t i = 0; i < days.size(); ++i) {
      if (!days[i].open) continue;
      const bool left = pupil_.nc_year == 11 && i >= events_.leavers_from;
      if (is_before(days[i].date, pupil_.on_roll_from))
        set_day(marks_, i, 'Z');
      else if (left)
        set_day(marks_, i, 'X');
      else {
        marks_[2 * i] = kPresentAm;
        marks_[2 * i + 1] = kPresentPm;
        expected_.push_back(i);
      }
    }
    if (!expected_.empty()) {
      const double rate = absence_rate(rng_, pupil_, school_.spec.phase == Phase::primary);
      add_term_time_holiday(rate);
      add_suspensions();
      add_off_site_provision();
      add_absence_spells(rate);
      add_trip_and_sport();
    }
    return totals();
  }

 private:
  void add_term_time_holiday(double rate) {
    const double chance = (school_.spec.phase == Phase::primary ? 0.06 : 0.04) * (rate > 0.08 ? 2.0 : 1.0);
    if (!rng_.bernoulli(chance)) return;
    std::size_t at = events_.break_starts[rng_.index(events_.break_starts.size())];
    int length = rng_.uniform_int(3, 5);
    // The days just before a break: a cheaper week away.
    while (at > 0 && length > 0) {
      --at;
      if (!school_.calendar.weekdays[at].open) continue;
      if (present_all_day(marks_, at)) set_day(marks_, at, 'G');
      --length;
    }
  }

  void add_suspensions() {
    double chance = school_.spec.phase == Phase::primary ? 0.004 : 0.025;
    if (!pupil_.needs.empty() && pupil_.needs.front().type == "SEMH") chance *= 3.0;
    if (pupil_.sex == Sex::male) chance *= 1.6;
    if (pupil_.sen_now != 'N') chance *= 1.5;
    if (!pupil_.fsm.empty()) chance *= 1.4;
    if (!rng_.bernoulli(std::min(chance, 0.6))) return;
    const int times = rng_.bernoulli(0.25) ? 2 : 1;
    for (int t = 0; t < times; ++t) {
      const double u = rng_.uniform();
      const std::size_t length = u < 0.45 ? 1 : u < 0.75 ? 2 : u < 0.9 ? 3 : 5;
      const std::size_t first = rng_.index(expected_.size());
      for (std::size_t k = first; k < std::min(first + length, expected_.size()); ++k)
        set_day(marks_, expected_[k], 'E');
    }
  }

  // Some pupils with SEMH needs spend one day a week at alternative provision.
  void add_off_site_provision() {
    if (school_.spec.phase != Phase::secondary || pupil_.needs.empty() || pupil_.needs.front().type != "SEMH") return;
    if (!rng_.bernoulli(pupil_.sen_now == 'E' ? 0.35 : 0.06)) return;
    const int weekday = rng_.uniform_int(1, 5);
    for (std::size_t day : expected_)
      if (weekday_of(school_.calendar.weekdays[day].date) == weekday && present_all_day(marks_, day))
        set_day(marks_, day, 'B');
  }

  char spell_reason(double rate) {
    const double s = std::clamp((rate - 0.05) / 0.25, 0.0, 1.0);
    const std::array<Weighted<char>, 5> reasons{
        {{'I', 72 - 40 * s}, {'O', 6 + 22 * s}, {'N', 6 + 8 * s}, {'C', 8}, {'M', 4}}};
    return pick_from(rng_, reasons);
  }

  // Absence comes in spells (a few days of illness), not as scattered single sessions.
  void add_absence_spells(double rate) {
    const double mean_days = std::min(10.0, 1.8 + 12.0 * std::max(0.0, rate - 0.1));
    const double start_chance = rate / (mean_days * (1.0 - rate));
    const double scale = 1.0 / portable_log(mean_days / (mean_days - 1.0));  // 1 + floor(Exp) has mean `mean_days`
    const double medical = pupil_.sen_now != 'N' ? 0.012 : 0.004;
    int spell_left = 0;
    char spell_code = 'I';
    for (std::size_t day : expected_) {
      if (!present_all_day(marks_, day)) continue;
      const Date date = school_.calendar.weekdays[day].date;
      if (spell_left == 0 && rng_.bernoulli(std::min(0.95, start_chance * season(date)))) {
        spell_code = spell_reason(rate);
        spell_left = 1 + static_cast<int>(-scale * portable_log(1.0 - rng_.uniform()));
        spell_left = spell_code == 'M' ? 1 : std::min(spell_left, 15);  // an appointment takes a day at most
      }
      if (spell_left > 0) {
        set_day(marks_, day, spell_code);
        --spell_left;
        continue;
      }
      if (rng_.bernoulli(medical))
        marks_[2 * day + (rng_.bernoulli(0.5) ? 0 : 1)] = 'M';
      else if (rng_.bernoulli(0.001 + 0.02 * rate))
        marks_[2 * day] = 'U';
      else if (rng_.bernoulli(0.01 + 0.08 * rate))
        marks_[2 * day] = 'L';
    }
  }

  void add_trip_and_sport() {
    const std::size_t trip = events_.trip_day[static_cast<std::size_t>(pupil_.nc_year)];
    if (present_all_day(marks_, trip) && !is_before(school_.calendar.weekdays[trip].date, pupil_.on_roll_from))
      set_day(marks_, trip, 'V');
    if (!rng_.bernoulli(0.12)) return;
    for (int fixture = rng_.uniform_int(1, 3); fixture > 0; --fixture) {
      std::size_t day = expected_[rng_.index(expected_.size())];
      if (marks_[2 * day + 1] == kPresentPm) marks_[2 * day + 1] = 'P';
    }
  }

  YearAttendance totals() const {
    YearAttendance year;
    year.start = school_.calendar.first_day();
    year.marks = marks_;
    count(year);
    return year;
  }

  const SyntheticSchool& school_;
  const SchoolEvents& events_;
  const SyntheticPupil& pupil_;
  Random rng_;
  std::string marks_;
  std::vector<std::size_t> expected_;  // open days the pupil was expected in
};

}  // namespace

void generate_attendance(SyntheticSchool& school) {
  const SchoolEvents events = plan_events(school);
  for (std::size_t i = 0; i < school.pupils.size(); ++i)
    school.pupils[i].attendance = PupilMarks(school, events, i).build();
}

// Exported mid-year: the marks up to the export day (the days after have not happened). Cut
// last, once the termly scores have read the whole year's marks, so the days before the export
// day are the same whatever that day is.
void cut_attendance_at_export(SyntheticSchool& school) {
  std::size_t days = 0;
  const auto& weekdays = school.calendar.weekdays;
  while (days < weekdays.size() && !is_before(school.file_date, weekdays[days].date)) ++days;
  if (days == weekdays.size()) return;
  for (auto& pupil : school.pupils) {
    pupil.attendance.marks.resize(2 * days);
    count(pupil.attendance);
  }
}

}  // namespace sm::generator
