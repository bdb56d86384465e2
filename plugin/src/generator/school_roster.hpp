// Who teaches whom in the synthetic school: its classes and staff, which the CTF never
// carries but a rostering export (OneRoster) does. Built after the pupils, from them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "generator/synthetic_school.hpp"

namespace sm::generator {

enum class ClassKind {
  tutor_group,    // secondary form: registration and pastoral care, mixed ability
  teaching_set,   // secondary English, Maths or Science set, grouped by attainment
  primary_class,  // primary: one class a year group (or more), taught nearly everything together
};

constexpr std::size_t kNoTeacher = static_cast<std::size_t>(-1);

struct SchoolClass {
  ClassKind kind = ClassKind::primary_class;
  int nc_year = 0;
  std::string code;                     // the MIS short name: "7A", "7Ma3", "3Oak"
  std::string title;                    // "Tutor Group 7A", "Year 7 Maths Set 3", "Year 3 Oak"
  std::string subject;                  // "English", "Maths", "Science"; empty for tutor groups and primary classes
  std::vector<std::size_t> pupils;      // indexes into SyntheticSchool::pupils, in register order
  std::size_t teacher = kNoTeacher;     // index into the staff list
  std::vector<std::size_t> assistants;  // teaching assistants who support in this class
};

enum class StaffRole { teacher, teaching_assistant };

struct StaffMember {
  StaffRole role = StaffRole::teacher;
  std::string forename;
  std::string surname;
  Sex sex = Sex::female;
  std::string code;   // the timetabler's initials, unique in the school: "JSM"
  std::string login;  // "j.smith": username and the left of the e-mail address
};

struct SchoolRoster {
  std::vector<SchoolClass> classes;
  std::vector<StaffMember> staff;
};

// Classes with their pupils (class_planner.cpp): no staff yet.
std::vector<SchoolClass> plan_classes(const SyntheticSchool& school);

// Staff for those classes (staff_generator.cpp): fills each class's teacher and assistants.
std::vector<StaffMember> generate_staff(const SyntheticSchool& school, std::vector<SchoolClass>& classes);

inline SchoolRoster build_roster(const SyntheticSchool& school) {
  SchoolRoster roster;
  roster.classes = plan_classes(school);
  roster.staff = generate_staff(school, roster.classes);
  return roster;
}

// Lower-case ASCII letters and digits only: "O'Neill" -> "oneill", "Zoë" -> "zoe".
std::string login_letters(std::string_view name);

// The pupil's termly standardised scores this year (component SS of the current key stage).
std::vector<const TestResult*> termly_results(const SyntheticSchool& school, const SyntheticPupil& pupil);

// Random strands of their own, numbered clear of synthetic_school.hpp's `Strand` values and of
// the per-pupil strands, so no draw here shares a stream with the school the CTF describes.
constexpr std::uint64_t kClassesStrand = 0x0C1A55;
constexpr std::uint64_t kStaffStrand = 0x057AFF;

}  // namespace sm::generator
