#include "live/session_marks.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <utility>

#include "model/attendance_tally.hpp"

namespace sm::live {

int register_year(model::Date day) {
  return static_cast<int>(day.year()) - (static_cast<unsigned>(day.month()) < 9 ? 1 : 0);
}

std::size_t register_page_cap(model::Date from, model::Date today, std::size_t pupils, std::size_t per_page,
                              std::size_t at_least) {
  const auto days = static_cast<std::size_t>(std::max(0, model::days_between(from, today)));
  const std::size_t expected = 2 * (days * 5 / 7 + 2) * std::max<std::size_t>(pupils, 1);
  return std::max(at_least, 2 * expected / std::max<std::size_t>(per_page, 1) + 10);
}

std::size_t add_session_marks(const std::vector<SessionMark>& marks, int year, LiveRead& out) {
  // mis_id -> (day, session) -> mark
  std::map<std::string, std::map<std::pair<model::Date, int>, char>> held;
  std::size_t used = 0;
  for (const auto& m : marks) {
    if (register_year(m.day) != year) continue;
    held[m.mis_id][{m.day, m.pm ? 1 : 0}] = m.mark;
    ++used;
  }
  for (auto& pupil : out.pupils) {
    pupil.carries.attendance = true;
    auto sessions = held.find(pupil.mis_id);
    if (sessions == held.end()) continue;
    model::AttendanceYear attendance;
    attendance.year = year;
    auto first = sessions->second.begin()->first.first;
    auto last = sessions->second.rbegin()->first.first;
    attendance.marks_start = first;
    for (auto d = first; !(last < d); d = model::add_days(d, 1)) {
      if (model::is_weekend(d)) continue;  // the marks string holds weekdays only
      for (int s = 0; s < 2; ++s) {
        auto it = sessions->second.find({d, s});
        attendance.marks += it == sessions->second.end() ? '-' : it->second;
      }
    }
    model::count_totals_from_marks(attendance);
    pupil.attendance.push_back(std::move(attendance));
  }
  return used;
}

}  // namespace sm::live
