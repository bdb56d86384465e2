#include "store/roster_store.hpp"

#include "store/date_column.hpp"
#include "store/pupil_summary.hpp"

namespace sm::store {
namespace {
const char* role_name(model::RosterRole r) {
  switch (r) {
    case model::RosterRole::student:
      return "student";
    case model::RosterRole::teacher:
      return "teacher";
    case model::RosterRole::aide:
      return "aide";
    case model::RosterRole::administrator:
      return "administrator";
    case model::RosterRole::other:
      break;
  }
  return "other";
}
std::optional<std::int64_t> single_id(Statement& s) {
  if (!s.step()) return std::nullopt;
  return s.integer(0);
}
}  // namespace

RosterStore::RosterStore(Database& db, std::int64_t school_id, std::string today)
    : db_(db), school_id_(school_id), today_(std::move(today)) {}

std::optional<std::int64_t> RosterStore::pupil_by_upn(const std::string& upn) {
  auto& s = db_.cached("SELECT id FROM pupil WHERE upn = ?1");
  s.bind(1, upn);
  return single_id(s);
}

void RosterStore::upsert_session(const model::AcademicSession& a) {
  auto& s = db_.cached(
      "INSERT OR REPLACE INTO academic_session (school_id, sourced_id, title, type, start_date, end_date, "
      "parent_sourced_id, school_year) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  s.bind(1, school_id_).bind(2, a.sourced_id).bind(3, a.title).bind(4, a.type).bind(5, model::format_date(a.start));
  s.bind(6, model::format_date(a.end)).bind_borrowed(7, a.parent_sourced_id).bind_borrowed(8, a.school_year).run();
}

void RosterStore::delete_session(const std::string& id) {
  db_.cached("DELETE FROM academic_session WHERE school_id = ?1 AND sourced_id = ?2")
      .bind(1, school_id_)
      .bind(2, id)
      .run();
}

void RosterStore::delete_all_sessions() {
  db_.cached("DELETE FROM academic_session WHERE school_id = ?1").bind(1, school_id_).run();
}

void RosterStore::upsert_student(const std::string& sourced_id, std::int64_t pupil_id) {
  db_.cached("DELETE FROM roster_unmatched WHERE school_id = ?1 AND sourced_id = ?2")
      .bind(1, school_id_)
      .bind(2, sourced_id)
      .run();
  auto& s = db_.cached(
      "INSERT INTO roster_student (school_id, sourced_id, pupil_id, left_on) VALUES (?1,?2,?3,NULL) "
      "ON CONFLICT (school_id, sourced_id) DO UPDATE SET pupil_id = excluded.pupil_id, left_on = NULL");
  s.bind(1, school_id_).bind(2, sourced_id).bind(3, pupil_id).run();
}

void RosterStore::remember_unmatched(const std::string& sourced_id, const std::string& upn) {
  db_.cached("INSERT OR REPLACE INTO roster_unmatched (school_id, sourced_id, upn) VALUES (?1, ?2, ?3)")
      .bind(1, school_id_)
      .bind(2, sourced_id)
      .bind_borrowed(3, upn)
      .run();
}

bool RosterStore::is_unmatched(const std::string& sourced_id) {
  auto& s = db_.cached("SELECT 1 FROM roster_unmatched WHERE school_id = ?1 AND sourced_id = ?2");
  s.bind(1, school_id_).bind(2, sourced_id);
  return s.step();
}

std::size_t RosterStore::match_remembered() {
  auto& s = db_.cached(
      "SELECT u.sourced_id, p.id FROM roster_unmatched u JOIN pupil p ON p.upn = u.upn WHERE u.school_id = ?1");
  s.bind(1, school_id_);
  std::vector<std::pair<std::string, std::int64_t>> found;
  while (s.step()) found.emplace_back(s.text(0), s.integer(1));
  for (const auto& [sourced_id, pupil] : found) {
    upsert_student(sourced_id, pupil);
    db_.cached("DELETE FROM roster_unmatched WHERE school_id = ?1 AND sourced_id = ?2")
        .bind(1, school_id_)
        .bind(2, sourced_id)
        .run();
  }
  return found.size();
}

void RosterStore::upsert_staff(const model::RosterUser& u) {
  auto& s = db_.cached(
      "INSERT INTO staff (school_id, sourced_id, given_name, family_name, preferred_given_name, email, username, "
      "identifier, role, left_on) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,NULL) ON CONFLICT (school_id, sourced_id) DO "
      "UPDATE SET given_name = excluded.given_name, family_name = excluded.family_name, "
      "preferred_given_name = excluded.preferred_given_name, email = excluded.email, username = excluded.username, "
      "identifier = excluded.identifier, role = excluded.role, left_on = NULL");
  s.bind(1, school_id_).bind(2, u.sourced_id).bind(3, u.given_name).bind(4, u.family_name);
  s.bind_borrowed(5, u.preferred_given_name).bind_borrowed(6, u.email).bind_borrowed(7, u.username);
  s.bind_borrowed(8, u.identifier).bind(9, role_name(u.role)).run();
}

void RosterStore::mark_person_left(const std::string& id) {
  for (auto table : {"staff", "roster_student"}) {
    auto& s = db_.cached(std::string("UPDATE ") + table +
                         " SET left_on = ?3 WHERE school_id = ?1 AND sourced_id = ?2 AND left_on IS NULL");
    s.bind(1, school_id_).bind(2, id).bind(3, today_).run();
  }
}

std::vector<std::string> RosterStore::unlisted(const std::string& sql, const std::map<std::string, bool>& listed) {
  auto& ids = db_.cached(sql);
  ids.bind(1, school_id_);
  std::vector<std::string> gone;
  while (ids.step())
    if (!listed.count(ids.text(0))) gone.push_back(ids.text(0));
  return gone;
}

void RosterStore::mark_unlisted_people_left(const std::map<std::string, bool>& listed) {
  for (auto table : {"staff", "roster_student"})
    for (const auto& id :
         unlisted(std::string("SELECT sourced_id FROM ") + table + " WHERE school_id = ?1 AND left_on IS NULL", listed))
      mark_person_left(id);
}

std::optional<std::int64_t> RosterStore::student_pupil(const std::string& id) {
  auto& s =
      db_.cached("SELECT pupil_id FROM roster_student WHERE school_id = ?1 AND sourced_id = ?2 AND left_on IS NULL");
  s.bind(1, school_id_).bind(2, id);
  return single_id(s);
}

std::optional<std::int64_t> RosterStore::staff_id(const std::string& id) {
  auto& s = db_.cached("SELECT id FROM staff WHERE school_id = ?1 AND sourced_id = ?2 AND left_on IS NULL");
  s.bind(1, school_id_).bind(2, id);
  return single_id(s);
}

std::int64_t RosterStore::upsert_class(const model::RosterClass& c) {
  std::string terms;
  for (const auto& t : c.term_sourced_ids) terms += (terms.empty() ? "" : ",") + t;
  auto& s = db_.cached(
      "INSERT INTO school_class (school_id, sourced_id, title, class_code, subjects, term_ids, ended_on) "
      "VALUES (?1,?2,?3,?4,?5,?6,NULL) ON CONFLICT (school_id, sourced_id) DO UPDATE SET title = excluded.title, "
      "class_code = excluded.class_code, subjects = excluded.subjects, term_ids = excluded.term_ids, ended_on = NULL "
      "RETURNING id");
  s.bind(1, school_id_).bind(2, c.sourced_id).bind(3, c.title).bind_borrowed(4, c.class_code);
  s.bind_borrowed(5, c.subjects).bind_borrowed(6, terms);
  if (!s.step()) throw StoreError("could not record class " + c.sourced_id);
  return s.integer(0);
}

void RosterStore::end_class(const std::string& id) {
  db_.cached("UPDATE school_class SET ended_on = ?3 WHERE school_id = ?1 AND sourced_id = ?2 AND ended_on IS NULL")
      .bind(1, school_id_)
      .bind(2, id)
      .bind(3, today_)
      .run();
}

void RosterStore::end_unlisted_classes(const std::map<std::string, bool>& listed) {
  for (const auto& id :
       unlisted("SELECT sourced_id FROM school_class WHERE school_id = ?1 AND ended_on IS NULL", listed))
    end_class(id);
}

std::optional<std::int64_t> RosterStore::class_id(const std::string& id) {
  auto& s = db_.cached("SELECT id FROM school_class WHERE school_id = ?1 AND sourced_id = ?2 AND ended_on IS NULL");
  s.bind(1, school_id_).bind(2, id);
  return single_id(s);
}

void RosterStore::clear_members() {
  db_.cached("DELETE FROM class_member WHERE class_id IN (SELECT id FROM school_class WHERE school_id = ?1)")
      .bind(1, school_id_)
      .run();
}

void RosterStore::upsert_member(std::int64_t class_id, const model::RosterEnrollment& e,
                                std::optional<std::int64_t> pupil, std::optional<std::int64_t> staff, bool replacing) {
  if (replacing) delete_member(e.sourced_id);  // a delta may move an enrolment to another class: never in both
  // A plain INSERT: the row cannot be held (a bulk file cleared the members, a delta deleted it
  // above, and the reader refuses a sourcedId listed twice). INSERT OR REPLACE would make SQLite
  // keep a statement journal for every row, written to a temp file: a third of a trust's sync.
  auto& s = db_.cached(
      "INSERT INTO class_member (class_id, sourced_id, pupil_id, staff_id, role, is_primary, begin_date, "
      "end_date) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  s.bind(1, class_id).bind(2, e.sourced_id);
  if (pupil)
    s.bind(3, *pupil);
  else
    s.bind_null(3);
  if (staff)
    s.bind(4, *staff);
  else
    s.bind_null(4);
  s.bind(5, role_name(e.role))
      .bind(6, e.primary ? 1 : 0)
      .bind(7, date_or_null(e.begin))
      .bind(8, date_or_null(e.end))
      .run();
}

void RosterStore::delete_member(const std::string& id) {
  db_.cached(
         "DELETE FROM class_member WHERE sourced_id = ?2 AND class_id IN (SELECT id FROM school_class WHERE school_id "
         "= ?1)")
      .bind(1, school_id_)
      .bind(2, id)
      .run();
}

void RosterStore::wait_enrollment(const model::RosterEnrollment& e) {
  auto& s = db_.cached(
      "INSERT OR REPLACE INTO roster_waiting_enrollment (school_id, sourced_id, class_sourced_id, user_sourced_id, "
      "role, "
      "is_primary, begin_date, end_date) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  s.bind(1, school_id_).bind(2, e.sourced_id).bind(3, e.class_sourced_id).bind(4, e.user_sourced_id);
  s.bind(5, role_name(e.role))
      .bind(6, e.primary ? 1 : 0)
      .bind(7, date_or_null(e.begin))
      .bind(8, date_or_null(e.end))
      .run();
}

void RosterStore::wait_result(const model::GradebookResult& r) {
  auto& s = db_.cached(
      "INSERT OR REPLACE INTO roster_waiting_result (school_id, sourced_id, line_item_sourced_id, student_sourced_id, "
      "score_status, score, score_date) VALUES (?1,?2,?3,?4,?5,?6,?7)");
  s.bind(1, school_id_).bind(2, r.sourced_id).bind(3, r.line_item_sourced_id).bind(4, r.student_sourced_id);
  s.bind_borrowed(5, r.score_status).bind(6, r.score).bind(7, date_or_null(r.score_date)).run();
}

void RosterStore::forget_waiting_enrollment(const std::string& id) {
  db_.cached("DELETE FROM roster_waiting_enrollment WHERE school_id = ?1 AND sourced_id = ?2")
      .bind(1, school_id_)
      .bind(2, id)
      .run();
}

void RosterStore::forget_waiting_result(const std::string& id) {
  db_.cached("DELETE FROM roster_waiting_result WHERE school_id = ?1 AND sourced_id = ?2")
      .bind(1, school_id_)
      .bind(2, id)
      .run();
}

void RosterStore::clear_waiting_enrollments() {
  db_.cached("DELETE FROM roster_waiting_enrollment WHERE school_id = ?1").bind(1, school_id_).run();
}

void RosterStore::clear_waiting_results() {
  db_.cached("DELETE FROM roster_waiting_result WHERE school_id = ?1").bind(1, school_id_).run();
}

void RosterStore::forget_student(const std::string& id) {
  for (auto sql : {"DELETE FROM roster_unmatched WHERE school_id = ?1 AND sourced_id = ?2",
                   "DELETE FROM roster_waiting_enrollment WHERE school_id = ?1 AND user_sourced_id = ?2",
                   "DELETE FROM roster_waiting_result WHERE school_id = ?1 AND student_sourced_id = ?2"})
    db_.cached(sql).bind(1, school_id_).bind(2, id).run();
}

void RosterStore::forget_unlisted_unmatched(const std::map<std::string, bool>& listed) {
  for (const auto& id : unlisted("SELECT sourced_id FROM roster_unmatched WHERE school_id = ?1", listed))
    forget_student(id);
}

RosterStore::Applied RosterStore::apply_waiting() {
  Applied applied;
  applied.students = match_remembered();
  {
    // Read whole before writing: the inserts below must not run under an open read of the table.
    struct Waiting {
      model::RosterEnrollment e;
      std::int64_t class_id, pupil;
    };
    std::vector<Waiting> ready;
    auto& s = db_.cached(
        "SELECT w.sourced_id, w.class_sourced_id, w.user_sourced_id, w.is_primary, w.begin_date, w.end_date, c.id, "
        "rs.pupil_id FROM roster_waiting_enrollment w "
        "JOIN roster_student rs ON rs.school_id = w.school_id AND rs.sourced_id = w.user_sourced_id AND rs.left_on IS "
        "NULL "
        "JOIN school_class c ON c.school_id = w.school_id AND c.sourced_id = w.class_sourced_id AND c.ended_on IS NULL "
        "WHERE w.school_id = ?1");
    s.bind(1, school_id_);
    while (s.step()) {
      model::RosterEnrollment e;
      e.sourced_id = s.text(0);
      e.class_sourced_id = s.text(1);
      e.user_sourced_id = s.text(2);
      e.role = model::RosterRole::student;
      e.primary = s.integer(3) != 0;
      if (auto d = s.optional_text(4)) e.begin = model::parse_date(*d);
      if (auto d = s.optional_text(5)) e.end = model::parse_date(*d);
      ready.push_back({std::move(e), s.integer(6), s.integer(7)});
    }
    s.reset();
    for (const auto& w : ready) {
      upsert_member(w.class_id, w.e, w.pupil, std::nullopt, true);
      forget_waiting_enrollment(w.e.sourced_id);
    }
    applied.enrollments = ready.size();
  }
  {
    struct Waiting {
      model::GradebookResult r;
      std::int64_t pupil;
      std::string title;
    };
    std::vector<Waiting> ready;
    auto& s = db_.cached(
        "SELECT w.sourced_id, w.line_item_sourced_id, w.student_sourced_id, w.score_status, w.score, w.score_date, "
        "rs.pupil_id, li.title FROM roster_waiting_result w "
        "JOIN roster_student rs ON rs.school_id = w.school_id AND rs.sourced_id = w.student_sourced_id AND rs.left_on "
        "IS NULL "
        "JOIN line_item li ON li.school_id = w.school_id AND li.sourced_id = w.line_item_sourced_id "
        "WHERE w.school_id = ?1");
    s.bind(1, school_id_);
    while (s.step()) {
      model::GradebookResult r;
      r.sourced_id = s.text(0);
      r.line_item_sourced_id = s.text(1);
      r.student_sourced_id = s.text(2);
      r.score_status = s.optional_text(3).value_or("");
      r.score = s.text(4);
      if (auto d = s.optional_text(5)) r.score_date = model::parse_date(*d);
      ready.push_back({std::move(r), s.integer(6), s.text(7)});
    }
    s.reset();
    for (const auto& w : ready) {
      delete_result(w.r.sourced_id);
      insert_result(w.pupil, w.r, w.title);
      forget_waiting_result(w.r.sourced_id);
    }
    applied.results = ready.size();
    refresh_result_trends();
  }
  return applied;
}

RosterStore::Applied apply_waiting_roster(Database& db) {
  std::vector<std::int64_t> schools;
  {
    auto s = db.prepare(
        "SELECT school_id FROM roster_unmatched UNION SELECT school_id FROM roster_waiting_enrollment "
        "UNION SELECT school_id FROM roster_waiting_result");
    while (s.step()) schools.push_back(s.integer(0));
  }
  RosterStore::Applied total;
  for (auto school : schools) {
    auto applied = RosterStore(db, school, "").apply_waiting();
    total.students += applied.students;
    total.enrollments += applied.enrollments;
    total.results += applied.results;
  }
  return total;
}

void RosterStore::upsert_line_item(const model::LineItem& i) {
  auto& s = db_.cached(
      "INSERT OR REPLACE INTO line_item (school_id, sourced_id, title, class_sourced_id, category, assign_date, "
      "due_date) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7)");
  s.bind(1, school_id_).bind(2, i.sourced_id).bind(3, i.title).bind_borrowed(4, i.class_sourced_id);
  s.bind_borrowed(5, i.category).bind(6, date_or_null(i.assign_date)).bind(7, date_or_null(i.due_date)).run();
}

void RosterStore::delete_line_item(const std::string& id) {
  db_.cached("DELETE FROM line_item WHERE school_id = ?1 AND sourced_id = ?2").bind(1, school_id_).bind(2, id).run();
}

void RosterStore::delete_all_line_items() {
  db_.cached("DELETE FROM line_item WHERE school_id = ?1").bind(1, school_id_).run();
}

std::optional<std::string> RosterStore::line_item_title(const std::string& id) {
  auto& s = db_.cached("SELECT title FROM line_item WHERE school_id = ?1 AND sourced_id = ?2");
  s.bind(1, school_id_).bind(2, id);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

void RosterStore::delete_all_results() {
  db_.cached(
         "DELETE FROM assessment_result WHERE source = 'oneroster' AND pupil_id IN "
         "(SELECT pupil_id FROM roster_student WHERE school_id = ?1)")
      .bind(1, school_id_)
      .run();
  db_.cached(
         "DELETE FROM assessment_trend WHERE source = 'oneroster' AND pupil_id IN "
         "(SELECT pupil_id FROM roster_student WHERE school_id = ?1)")
      .bind(1, school_id_)
      .run();
}

void RosterStore::delete_result(const std::string& id) {
  // Scoped to this school's pupils: another school's export may reuse the same result ids.
  // (EXISTS per row, not IN: an IN list of the school's pupils would be rebuilt on every call.)
  auto& s = db_.cached(
      "DELETE FROM assessment_result WHERE source = 'oneroster' AND source_ref = ?1 AND EXISTS "
      "(SELECT 1 FROM roster_student rs WHERE rs.school_id = ?2 AND rs.pupil_id = assessment_result.pupil_id) "
      "RETURNING pupil_id");
  s.bind(1, id).bind(2, school_id_);
  while (s.step()) results_changed_.insert(s.integer(0));
  s.reset();
}

void RosterStore::insert_result(std::int64_t pupil, const model::GradebookResult& r, const std::string& title) {
  auto it = next_seq_.find(pupil);
  if (it == next_seq_.end()) {
    auto& max =
        db_.cached("SELECT COALESCE(MAX(seq), 0) FROM assessment_result WHERE pupil_id = ?1 AND source = 'oneroster'");
    max.bind(1, pupil);
    max.step();
    it = next_seq_.emplace(pupil, max.integer(0)).first;
  }
  auto& s = db_.cached(
      "INSERT INTO assessment_result (pupil_id, source, seq, subject, method, component, result_status, result, "
      "result_date, source_ref) VALUES (?1, 'oneroster', ?2, ?3, 'gradebook', ?4, ?5, ?6, ?7, ?8)");
  s.bind(1, pupil)
      .bind(2, ++it->second)
      .bind(3, title)
      .bind(4, r.line_item_sourced_id)
      .bind_borrowed(5, r.score_status);
  s.bind(6, r.score).bind(7, date_or_null(r.score_date)).bind(8, r.sourced_id).run();
  results_changed_.insert(pupil);
}

void RosterStore::refresh_result_trends() {
  for (auto pupil : results_changed_) refresh_trends(db_, pupil, "oneroster");
  results_changed_.clear();
}

}  // namespace sm::store
