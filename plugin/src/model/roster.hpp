// What a rostering source (OneRoster) says about a school: its staff, classes, who is in
// which class, terms and gradebook results. No I/O here.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/dates.hpp"

namespace sm::model {

// OneRoster rows carry a status: a delta file marks removals with "tobedeleted".
enum class RosterStatus { active, to_be_deleted };

struct RosterOrg {
  std::string sourced_id, name, type, identifier;  // identifier: the DfE LA+Estab ("9384123") or URN
  RosterStatus status = RosterStatus::active;
};

enum class RosterRole { student, teacher, aide, administrator, other };

struct RosterUser {
  std::string sourced_id;
  RosterStatus status = RosterStatus::active;
  RosterRole role = RosterRole::other;
  std::string given_name, family_name, preferred_given_name, email, username, identifier;
  std::string upn;  // for students: `identifier`, or a {UPN:...} entry in userIds
  std::string org_sourced_id;
  bool enabled = true;
  std::optional<Date> birth_date;  // from demographics
  std::string sex;                 // from demographics
  std::size_t line = 0;            // where it was read, for messages
};

struct RosterClass {
  std::string sourced_id, title, class_code, school_sourced_id, subjects;
  std::vector<std::string> term_sourced_ids;
  RosterStatus status = RosterStatus::active;
};

struct RosterEnrollment {
  std::string sourced_id, class_sourced_id, user_sourced_id;
  RosterRole role = RosterRole::student;
  bool primary = false;
  std::optional<Date> begin, end;
  RosterStatus status = RosterStatus::active;
  std::size_t line = 0;
};

struct AcademicSession {
  std::string sourced_id, title, type, parent_sourced_id, school_year;
  Date start{}, end{};
  RosterStatus status = RosterStatus::active;
};

struct LineItem {
  std::string sourced_id, title, class_sourced_id, category;
  std::optional<Date> assign_date, due_date;
  RosterStatus status = RosterStatus::active;
};

struct GradebookResult {
  std::string sourced_id, line_item_sourced_id, student_sourced_id, score_status, score;
  std::optional<Date> score_date;
  RosterStatus status = RosterStatus::active;
  std::size_t line = 0;
};

// How a file in the bundle is to be applied (manifest.csv: file.<name> = bulk | delta | absent).
enum class RosterFileMode { absent, bulk, delta };

}  // namespace sm::model
