// The synthetic school as plain records, built in steps (roll, SEN register, care and health,
// attendance, assessments) and then written out as a CTF by school_generator.cpp.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "generator/name_pools.hpp"
#include "generator/random.hpp"
#include "generator/school_calendar.hpp"
#include "generator/school_generator.hpp"

namespace sm::generator {

struct PostalAddress {
  std::string saon;  // flat, e.g. "Flat 3"; empty for a house
  std::string paon;  // house number or name
  std::string street;
  std::string town;
  std::string county;  // empty when the LA is not in our small table
  std::string postcode;
};

struct Phone {
  char type;  // 'H' home, 'M' mobile
  std::string number;
};

struct FamilyContact {
  std::string title;
  std::string forename;
  std::string surname;
  char gender;               // 'F' or 'M'
  std::string relationship;  // "PAR" parent, "CAR" carer, "FAM" other family member
  bool parental_responsibility;
  std::vector<Phone> phones;
  std::string email;  // empty when none held
};

struct FsmSpell {
  Date start;
  std::optional<Date> end;
};

// One household: pupils at the school who are siblings share it.
struct Family {
  Heritage forename_heritage;
  Heritage surname_heritage;
  std::string ethnicity;
  std::string surname_boys;  // surnames such as Kowalski/Kowalska change with sex
  std::string surname_girls;
  std::string first_language;  // DfE code, "ENG" for most
  PostalAddress address;
  std::vector<FamilyContact> contacts;
  std::vector<FsmSpell> fsm;          // the household's free school meals eligibility
  std::vector<std::size_t> children;  // its pupils on roll (indexes into SyntheticSchool::pupils)
  bool fostered = false;
};

enum class Sex { female, male };

struct SenStatusChange {
  Date start;
  char provision;  // 'N', 'K' or 'E'
};

struct RankedNeed {
  Date start;
  int rank;
  std::string_view type;
};

struct TestResult {
  std::string year;
  std::string_view subject;
  std::string_view component;
  std::string result;  // a score, or a letter (A absent, B working below the test)
  Date date;
};

struct KeyStageResults {
  std::string_view stage;
  std::vector<TestResult> results;
};

struct YearAttendance {
  Date start;
  std::string marks;  // two characters (AM, PM) per weekday from `start`
  int possible = 0;
  int authorised = 0;
  int attended = 0;
  int unauthorised = 0;
};

struct SyntheticPupil {
  std::size_t family = 0;
  std::string upn;
  std::string uln;  // Year 10 and 11 only
  std::string surname;
  std::string forename;
  std::string middle_names;
  std::string preferred_surname;
  std::string preferred_forename;
  Date dob;
  Sex sex = Sex::female;
  int nc_year = 0;    // 0 = Reception
  Date on_roll_from;  // first day of this year on roll: later than term start for in-year joiners
  bool medical = false;
  bool in_care = false;
  std::string care_authority;
  std::vector<FsmSpell> fsm;
  std::optional<Date> fsm_review;
  char sen_now = 'N';
  bool left_register = false;  // was on SEN support earlier, no longer
  std::vector<SenStatusChange> sen_history;
  std::vector<RankedNeed> needs;
  YearAttendance attendance;
  std::vector<KeyStageResults> assessments;
};

struct SyntheticSchool {
  SchoolSpec spec;
  SchoolCalendar calendar;
  Date file_date;  // the export date: last day of the summer term, or the spec's as_of within the year
  std::string name;
  std::string urn;
  std::vector<std::string_view> towns;  // [0] is the school's own town
  std::string county;
  std::vector<std::string> feeder_estabs;  // primaries that allocated most secondary UPNs
  std::vector<Family> families;
  std::vector<SyntheticPupil> pupils;  // in generation order; the writer sorts by name
};

// Independent random strands, so each step's numbers do not depend on the others' draws.
enum class Strand : std::uint64_t { identity = 1, roll, sen_register, care, school_events };
Random strand_for(const SyntheticSchool& school, Strand strand);
// Per-pupil strands: `purpose` 0 SEN history, 1 attendance, 2 assessments.
Random pupil_strand(const SyntheticSchool& school, std::size_t pupil, int purpose);

// The steps, in the order generate_ctf runs them.
void generate_roll(SyntheticSchool& school);             // pupil_generator.cpp
void generate_sen_register(SyntheticSchool& school);     // sen_register.cpp
void generate_care_and_health(SyntheticSchool& school);  // pupil_generator.cpp
void generate_attendance(SyntheticSchool& school);       // attendance_generator.cpp
void generate_assessments(SyntheticSchool& school);      // assessment_generator.cpp
void cut_attendance_at_export(SyntheticSchool& school);  // attendance_generator.cpp: marks up to file_date

// Shared date helpers.
bool is_before(Date a, Date b);
Date latest_of(Date a, Date b);
Date earliest_of(Date a, Date b);
// A weekday outside August between `from` and `to` (inclusive); `lean` > 1 favours early
// dates, < 1 late ones. Returns `from` moved to a weekday when the window is empty.
Date some_weekday(Random& rng, Date from, Date to, double lean = 1.0);
Date school_start_of(const SyntheticSchool& school, int nc_year);  // 1 Sep they joined Reception

}  // namespace sm::generator
