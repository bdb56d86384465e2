#include "report/pupil_lookups.hpp"

namespace sm::report {

std::string upn_of(store::Database& db, std::int64_t pupil) {
  auto& s = db.cached("SELECT upn FROM pupil WHERE id = ?1");
  s.bind(1, pupil);
  auto upn = s.step() ? s.text(0) : std::string();
  s.reset();
  return upn;
}

std::optional<ResultOn> result_near(store::Database& db, std::int64_t pupil, const std::string& subject,
                                    const std::string& date, bool before) {
  auto& s =
      db.cached(std::string("SELECT result, result_date FROM assessment_result WHERE pupil_id = ?1 AND subject = ?2 "
                            "AND result_date IS NOT NULL AND result_date ") +
                (before ? "<= ?3 ORDER BY result_date DESC" : ">= ?3 ORDER BY result_date") + " LIMIT 1");
  s.bind(1, pupil).bind(2, subject).bind(3, date);
  if (!s.step()) return std::nullopt;
  return ResultOn{s.text(0), s.text(1)};
}

}  // namespace sm::report
