#include "sync/roster_apply.hpp"

#include <map>
#include <set>

namespace sm::sync {
namespace {
using model::RosterFileMode;
using model::RosterStatus;

class RosterApply {
 public:
  RosterApply(const oneroster::RosterData& data, store::RosterStore& store, ImportReport& report)
      : data_(data), store_(store), report_(report) {}

  void run() {
    sessions();
    people();
    classes();
    enrollments();
    line_items();
    results();
    // What waited from earlier bundles for students matched since (by this bundle's users or a
    // CTF in between) joins its class now: a later unchanged bundle is never read again.
    auto applied = store_.apply_waiting();
    report_.details["students_matched_later"] += applied.students;
    report_.details["enrollments_applied_from_waiting"] = applied.enrollments;
    report_.details["results_applied_from_waiting"] = applied.results;
  }

 private:
  void problem(const std::string& file, std::size_t line, std::string record, std::string rule,
               std::string value = {}) {
    auto it = data_.locations.find(file);
    report_.problems.push_back({it == data_.locations.end() ? file : it->second, line, "", "", std::move(value),
                                std::move(rule), std::move(record)});
  }

  void sessions() {
    auto mode = data_.mode("academicSessions");
    if (mode == RosterFileMode::bulk) store_.delete_all_sessions();
    for (const auto& s : data_.sessions) {
      if (s.status == RosterStatus::to_be_deleted)
        store_.delete_session(s.sourced_id);
      else
        store_.upsert_session(s);
    }
    report_.details["academic_sessions"] = data_.sessions.size();
  }

  void people() {
    // Students an earlier bundle could not match, whose pupil the MIS has since sent.
    report_.details["students_matched_later"] = store_.match_remembered();
    std::map<std::string, bool> listed;
    std::size_t staff = 0, students = 0;
    for (const auto& u : data_.users) {
      if (u.status == RosterStatus::to_be_deleted) {
        store_.mark_person_left(u.sourced_id);
        store_.forget_student(u.sourced_id);
        continue;
      }
      listed[u.sourced_id] = true;
      if (u.role == model::RosterRole::student) {
        auto pupil = u.upn.empty() ? std::nullopt : store_.pupil_by_upn(u.upn);
        if (!pupil) {
          // Reported, not fatal: a new arrival is often in the roster before the MIS's CTF.
          unmatched_.insert(u.sourced_id);
          store_.remember_unmatched(u.sourced_id, u.upn);
          auto it = data_.locations.find("users");
          report_.warnings.push_back(
              {it == data_.locations.end() ? "users.csv" : it->second, u.line, "identifier", u.upn, u.upn,
               u.upn.empty() ? "student has no UPN (identifier or {UPN:...} in userIds): not matched"
                             : "no pupil with this UPN (import the school's CTF first): not matched",
               u.sourced_id});
          continue;
        }
        store_.upsert_student(u.sourced_id, *pupil);
        ++students;
      } else if (u.role == model::RosterRole::teacher || u.role == model::RosterRole::aide ||
                 u.role == model::RosterRole::administrator) {
        store_.upsert_staff(u);
        ++staff;
      }  // parents, guardians and others are not staff: they get no access
    }
    if (data_.mode("users") == RosterFileMode::bulk) {
      store_.mark_unlisted_people_left(listed);
      store_.forget_unlisted_unmatched(listed);
    }
    report_.details["students_matched"] = students;
    report_.details["students_unmatched"] = unmatched_.size();
    report_.details["staff"] = staff;
  }

  void classes() {
    std::map<std::string, bool> listed;
    for (const auto& c : data_.classes) {
      if (c.status == RosterStatus::to_be_deleted) {
        store_.end_class(c.sourced_id);
        continue;
      }
      listed[c.sourced_id] = true;
      store_.upsert_class(c);
    }
    if (data_.mode("classes") == RosterFileMode::bulk) store_.end_unlisted_classes(listed);
    report_.details["classes"] = listed.size();
  }

  void enrollments() {
    const bool bulk = data_.mode("enrollments") == RosterFileMode::bulk;
    if (bulk) {
      store_.clear_members();
      store_.clear_waiting_enrollments();
    }
    std::size_t applied = 0, waiting = 0;
    for (const auto& e : data_.enrollments) {
      if (e.status == RosterStatus::to_be_deleted) {
        store_.delete_member(e.sourced_id);
        store_.forget_waiting_enrollment(e.sourced_id);
        continue;
      }
      auto class_id = store_.class_id(e.class_sourced_id);
      if (!class_id) {
        problem("enrollments", e.line, e.sourced_id, "classSourcedId refers to no class in this bundle or the store",
                e.class_sourced_id);
        continue;
      }
      // Already reported with the student (this bundle or an earlier one): the enrolment waits
      // for the pupil, kept in the store so that no later order of files can lose it.
      if (unmatched_.count(e.user_sourced_id) || store_.is_unmatched(e.user_sourced_id)) {
        store_.wait_enrollment(e);
        ++waiting;
        continue;
      }
      auto pupil = store_.student_pupil(e.user_sourced_id);
      auto staff = pupil ? std::nullopt : store_.staff_id(e.user_sourced_id);
      if (!pupil && !staff) {
        problem("enrollments", e.line, e.sourced_id, "userSourcedId refers to no user in this bundle or the store",
                e.user_sourced_id);
        continue;
      }
      store_.upsert_member(*class_id, e, pupil, staff, !bulk);
      if (!bulk) store_.forget_waiting_enrollment(e.sourced_id);
      ++applied;
    }
    report_.details["enrollments"] = applied;
    report_.details["enrollments_waiting"] = waiting;
  }

  void line_items() {
    if (data_.mode("lineItems") == RosterFileMode::bulk) store_.delete_all_line_items();
    for (const auto& i : data_.line_items) {
      if (i.status == RosterStatus::to_be_deleted)
        store_.delete_line_item(i.sourced_id);
      else
        store_.upsert_line_item(i);
    }
    report_.details["line_items"] = data_.line_items.size();
  }

  void results() {
    const bool bulk = data_.mode("results") == RosterFileMode::bulk;
    if (bulk) {
      store_.delete_all_results();
      store_.clear_waiting_results();
    }
    std::size_t applied = 0, waiting = 0;
    for (const auto& r : data_.results) {
      if (!bulk) {  // a delta replaces or removes that result
        store_.delete_result(r.sourced_id);
        store_.forget_waiting_result(r.sourced_id);
      }
      if (r.status == RosterStatus::to_be_deleted) continue;
      if (unmatched_.count(r.student_sourced_id) || store_.is_unmatched(r.student_sourced_id)) {
        store_.wait_result(r);
        ++waiting;
        continue;
      }
      auto pupil = store_.student_pupil(r.student_sourced_id);
      if (!pupil) {
        problem("results", r.line, r.sourced_id, "studentSourcedId refers to no student in this bundle or the store",
                r.student_sourced_id);
        continue;
      }
      auto title = store_.line_item_title(r.line_item_sourced_id);
      if (!title) {
        problem("results", r.line, r.sourced_id, "lineItemSourcedId refers to no line item in this bundle or the store",
                r.line_item_sourced_id);
        continue;
      }
      store_.insert_result(*pupil, r, *title);
      ++applied;
    }
    store_.refresh_result_trends();
    report_.details["results"] = applied;
    report_.details["results_waiting"] = waiting;
  }

  const oneroster::RosterData& data_;
  store::RosterStore& store_;
  ImportReport& report_;
  std::set<std::string> unmatched_;
};

}  // namespace

void apply_roster(const oneroster::RosterData& data, store::RosterStore& store, ImportReport& report) {
  RosterApply(data, store, report).run();
}

}  // namespace sm::sync
