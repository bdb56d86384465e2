#include "store/pupil_summary.hpp"

#include <string>

#include "model/attendance_tally.hpp"

namespace sm::store {

void write_trends(Database& db, std::int64_t pupil, std::string_view source,
                  const std::vector<model::SubjectTrend>& trends, bool is_new) {
  if (!is_new)
    db.cached("DELETE FROM assessment_trend WHERE pupil_id = ?1 AND source = ?2").bind(1, pupil).bind(2, source).run();
  auto& insert = db.cached(
      "INSERT INTO assessment_trend (pupil_id, source, subject, previous_on, previous_score, latest_on, latest_score) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  for (const auto& t : trends) {
    insert.bind(1, pupil).bind(2, source).bind(3, t.subject).bind(4, t.previous.date).bind_real(5, t.previous.value);
    insert.bind(6, t.latest.date).bind_real(7, t.latest.value).run();
  }
}

void refresh_trends(Database& db, std::int64_t pupil, std::string_view source) {
  model::TrendBuilder builder;
  auto& results = db.cached(
      "SELECT subject, result, result_date FROM assessment_result WHERE pupil_id = ?1 AND source = ?2 AND result_date "
      "IS NOT NULL "
      "ORDER BY seq");
  results.bind(1, pupil).bind(2, source);
  while (results.step()) builder.add(results.text_view(0), results.text_view(1), results.text_view(2));
  results.reset();
  write_trends(db, pupil, source, builder.trends());
}

void backfill_summaries(Database& db) {
  auto years = db.prepare("SELECT pupil_id, year, estab, marks FROM attendance_year WHERE marks IS NOT NULL");
  auto count = db.prepare(
      "UPDATE attendance_year SET marks_possible = ?4, marks_attended = ?5 WHERE pupil_id = ?1 AND year = ?2 AND estab "
      "= ?3");
  while (years.step()) {
    model::AttendanceTally t;
    t.add_all(years.text_view(3));
    count.bind(1, years.integer(0))
        .bind(2, years.integer(1))
        .bind(3, years.text(2))
        .bind(4, t.possible)
        .bind(5, t.attended)
        .run();
  }
  auto pupils = db.prepare("SELECT DISTINCT pupil_id, source FROM assessment_result");
  while (pupils.step()) refresh_trends(db, pupils.integer(0), pupils.text(1));
}

}  // namespace sm::store
