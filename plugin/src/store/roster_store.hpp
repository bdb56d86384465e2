// Writes what a rostering source says: staff, the pupil each student is, classes and their
// members, terms, gradebook items and results. Only sync calls this.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/roster.hpp"
#include "store/database.hpp"

namespace sm::store {

class RosterStore {
 public:
  RosterStore(Database& db, std::int64_t school_id, std::string today);

  std::optional<std::int64_t> pupil_by_upn(const std::string& upn);

  void upsert_session(const model::AcademicSession& s);
  void delete_session(const std::string& sourced_id);
  void delete_all_sessions();

  // Students map to pupils; staff are people in their own right.
  void upsert_student(const std::string& sourced_id, std::int64_t pupil_id);
  void upsert_staff(const model::RosterUser& user);
  // A student with no pupil yet: remembered until a later import can match them.
  void remember_unmatched(const std::string& sourced_id, const std::string& upn);
  bool is_unmatched(const std::string& sourced_id);
  // Students remembered as unmatched whose UPN now belongs to a pupil: matched. Returns how many.
  std::size_t match_remembered();
  void mark_person_left(const std::string& sourced_id);
  // Bulk: everyone the file does not list has left (never deleted).
  void mark_unlisted_people_left(const std::map<std::string, bool>& listed);

  std::optional<std::int64_t> student_pupil(const std::string& sourced_id);
  std::optional<std::int64_t> staff_id(const std::string& sourced_id);

  std::int64_t upsert_class(const model::RosterClass& c);
  void end_class(const std::string& sourced_id);
  void end_unlisted_classes(const std::map<std::string, bool>& listed);
  std::optional<std::int64_t> class_id(const std::string& sourced_id);

  void clear_members();  // bulk enrolments replace every class's members
  // `replacing`: the enrolment may already be held (a delta), perhaps in another class.
  void upsert_member(std::int64_t class_id, const model::RosterEnrollment& e, std::optional<std::int64_t> pupil,
                     std::optional<std::int64_t> staff, bool replacing);
  void delete_member(const std::string& enrollment_sourced_id);

  // Enrolments and results of students with no pupil yet wait (a refused CTF, a new arrival the
  // MIS has not exported yet) and are applied by apply_waiting once the pupil arrives.
  void wait_enrollment(const model::RosterEnrollment& e);
  void wait_result(const model::GradebookResult& r);
  void forget_waiting_enrollment(const std::string& sourced_id);  // deleted or applied by a delta
  void forget_waiting_result(const std::string& sourced_id);
  void clear_waiting_enrollments();  // a bulk file replaces what waited
  void clear_waiting_results();
  // A student the roster no longer lists: not remembered as unmatched, nothing of theirs waits.
  void forget_student(const std::string& sourced_id);
  // Bulk: the unmatched students the file does not list are forgotten.
  void forget_unlisted_unmatched(const std::map<std::string, bool>& listed);
  struct Applied {
    std::size_t students = 0, enrollments = 0, results = 0;
  };
  // Matches remembered students whose pupil has arrived, then applies what waited for them
  // (enrolments into classes still running, results of line items still held).
  Applied apply_waiting();

  void upsert_line_item(const model::LineItem& item);
  void delete_line_item(const std::string& sourced_id);
  void delete_all_line_items();
  std::optional<std::string> line_item_title(const std::string& sourced_id);

  void delete_all_results();  // this school's gradebook results
  void delete_result(const std::string& sourced_id);
  void insert_result(std::int64_t pupil, const model::GradebookResult& r, const std::string& title);
  // Brings the score trends of the pupils whose results changed up to date (after the results).
  void refresh_result_trends();

 private:
  // The sourced ids `sql` (bound to this school) returns that `listed` does not hold.
  std::vector<std::string> unlisted(const std::string& sql, const std::map<std::string, bool>& listed);
  Database& db_;
  std::int64_t school_id_;
  std::string today_;
  std::map<std::int64_t, std::int64_t> next_seq_;  // per pupil, for gradebook result rows
  std::set<std::int64_t> results_changed_;         // pupils whose trends need refreshing
};

// Every school's waiting enrolments and results whose pupils have arrived, applied: run by a CTF
// import, since a CTF is how most pupils arrive. Returns the totals.
RosterStore::Applied apply_waiting_roster(Database& db);

}  // namespace sm::store
