// A pupil's latest two scores in each subject: what "low and falling over two assessment points"
// is judged on. Kept by the importers as results arrive, so the nightly rules read a few
// thousand pairs instead of every result ever imported.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sm::model {

struct DatedScore {
  std::string date;  // YYYY-MM-DD
  double value = 0;
};

struct SubjectTrend {
  std::string subject;
  DatedScore previous, latest;
};

// A score is a result made only of a number ("94", "101.5"); letters such as A (absent) or
// B (working below the test) carry none.
std::optional<double> score_of(std::string_view result);

// Fed a pupil's results from one source in the order they were stored; keeps each subject's two
// latest dated scores (on the same date, the later one stored counts as the later).
class TrendBuilder {
 public:
  void add(std::string_view subject, std::string_view result, std::string_view date);
  // The subjects with two scores: only those can show a trend. In the order first seen.
  std::vector<SubjectTrend> trends() const;

 private:
  struct Slot {
    SubjectTrend trend;
    bool has_previous = false, has_latest = false;
  };
  std::vector<Slot> slots_;  // a pupil has a handful of subjects: a vector beats a map
};

}  // namespace sm::model
