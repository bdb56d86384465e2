// Staff for the synthetic school's classes. Secondary: enough English, Maths and Science
// teachers for about six sets each, other subjects' teachers up to about one teacher per 16
// pupils (they tutor the forms), and a teaching assistant per dozen pupils with SEN, placed in
// the sets with most SEN. Primary: a teacher per class and teaching assistants in the classes
// with most SEN. Names come from the pupils' pools, so no record describes a real person.
#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "generator/school_roster.hpp"

namespace sm::generator {
namespace {

constexpr double kPupilsPerTeacher = 16.0;
constexpr std::size_t kSetsPerCoreTeacher = 6;
constexpr double kSenPupilsPerAssistant = 12.0;      // secondary
constexpr double kAssistantsPerPrimaryClass = 0.75;  // primary
constexpr std::size_t kSetsPerAssistant = 6;         // a secondary TA follows a few sets
constexpr int kSecondarySenWeightForAssistant = 6;   // a set "with many pupils with SEN"

// Who works in English schools, roughly (DfE "School workforce in England").
constexpr double kFemaleSecondaryTeachers = 0.64;
constexpr double kFemalePrimaryTeachers = 0.86;
constexpr double kFemaleAssistants = 0.90;
constexpr double kStaffOfEnglishHeritage = 0.84;

std::string upper_letters(std::string_view name) {
  std::string out;
  for (char c : login_letters(name))
    if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
  return out;
}

// How much support a class's pupils need: an EHC plan counts double.
int sen_weight(const SyntheticSchool& school, const SchoolClass& c) {
  int weight = 0;
  for (std::size_t i : c.pupils)
    weight += school.pupils[i].sen_now == 'E' ? 2 : school.pupils[i].sen_now == 'K' ? 1 : 0;
  return weight;
}

class StaffRecruiter {
 public:
  explicit StaffRecruiter(const SyntheticSchool& school) : rng_(Random::stream(school.spec.seed, kStaffStrand)) {
    for (const EthnicGroup& group : ethnic_groups()) group_weights_.push_back(group.weight);
  }

  std::size_t hire(std::vector<StaffMember>& staff, StaffRole role, double female_share) {
    StaffMember s;
    s.role = role;
    s.sex = rng_.bernoulli(female_share) ? Sex::female : Sex::male;
    Heritage forenames = Heritage::english;
    Heritage surnames = Heritage::english;
    if (!rng_.bernoulli(kStaffOfEnglishHeritage)) {
      const EthnicGroup& group = ethnic_groups()[rng_.pick_weighted(group_weights_)];
      std::vector<double> weights;
      for (const Lineage& l : group.lineages) weights.push_back(l.weight);
      const Lineage& lineage = group.lineages[rng_.pick_weighted(weights)];
      forenames = lineage.forenames;
      surnames = lineage.surnames;
    }
    // Staff are the parents' generation, so their names come from those lists.
    const NamePool& pool = name_pool(forenames);
    s.forename = rng_.pick(s.sex == Sex::female ? pool.mothers : pool.fathers);
    s.surname = surname_form(rng_.pick(name_pool(surnames).surnames), s.sex == Sex::female);
    s.code = unique_code(s.forename, s.surname);
    s.login = unique_login(s.forename, s.surname);
    staff.push_back(std::move(s));
    return staff.size() - 1;
  }

  Random& rng() { return rng_; }

 private:
  // First initial, surname initial, then another letter of the surname (John Smith: JSM),
  // then any letter, then any two letters after the first initial.
  std::string unique_code(std::string_view forename, std::string_view surname) {
    const char f = (upper_letters(forename) + "X")[0];
    const std::string s = upper_letters(surname) + "X";
    auto take = [this](std::string code) { return codes_.insert(std::move(code)).second; };
    for (std::size_t k = 1; k < s.size(); ++k)
      if (std::string code{f, s[0], s[k]}; take(code)) return code;
    for (char c = 'A'; c <= 'Z'; ++c)
      if (std::string code{f, s[0], c}; take(code)) return code;
    for (char c = 'A'; c <= 'Z'; ++c)
      for (char d = 'A'; d <= 'Z'; ++d)
        if (std::string code{f, c, d}; take(code)) return code;
    for (int n = 1;; ++n)  // more than 700 staff sharing a first initial
      if (std::string code = f + std::to_string(n); take(code)) return code;
  }

  std::string unique_login(std::string_view forename, std::string_view surname) {
    std::string base = login_letters(forename).substr(0, 1) + "." + login_letters(surname);
    if (logins_.insert(base).second) return base;
    for (int n = 2;; ++n)
      if (std::string login = base + std::to_string(n); logins_.insert(login).second) return login;
  }

  Random rng_;
  std::vector<double> group_weights_;
  std::set<std::string> codes_;
  std::set<std::string> logins_;
};

void staff_secondary(const SyntheticSchool& school, std::vector<SchoolClass>& classes, StaffRecruiter& recruiter,
                     std::vector<StaffMember>& staff) {
  std::vector<std::size_t> core;
  for (std::string_view subject : {"English", "Maths", "Science"}) {
    std::vector<std::size_t> sets;
    for (std::size_t c = 0; c < classes.size(); ++c)
      if (classes[c].subject == subject) sets.push_back(c);
    const std::size_t count = std::max<std::size_t>(1, (sets.size() + kSetsPerCoreTeacher - 1) / kSetsPerCoreTeacher);
    std::vector<std::size_t> department;
    for (std::size_t k = 0; k < count; ++k)
      department.push_back(recruiter.hire(staff, StaffRole::teacher, kFemaleSecondaryTeachers));
    // Each teacher takes sets across the years and the range of attainment.
    for (std::size_t j = 0; j < sets.size(); ++j) classes[sets[j]].teacher = department[j % department.size()];
    core.insert(core.end(), department.begin(), department.end());
  }
  const auto wanted =
      static_cast<std::size_t>(std::lround(static_cast<double>(school.pupils.size()) / kPupilsPerTeacher));
  std::vector<std::size_t> others;
  while (core.size() + others.size() < wanted)
    others.push_back(recruiter.hire(staff, StaffRole::teacher, kFemaleSecondaryTeachers));

  // Forms go first to teachers with no set in this export, so most teachers have a class.
  recruiter.rng().shuffle(std::span<std::size_t>(others));
  recruiter.rng().shuffle(std::span<std::size_t>(core));
  std::vector<std::size_t> tutors = others;
  tutors.insert(tutors.end(), core.begin(), core.end());
  std::size_t next = 0;
  for (SchoolClass& c : classes)
    if (c.kind == ClassKind::tutor_group) c.teacher = tutors[next++ % tutors.size()];
}

void place_assistants(const SyntheticSchool& school, std::vector<SchoolClass>& classes, StaffRecruiter& recruiter,
                      std::vector<StaffMember>& staff) {
  const bool primary = school.spec.phase == Phase::primary;
  const auto sen_pupils = std::count_if(school.pupils.begin(), school.pupils.end(),
                                        [](const SyntheticPupil& p) { return p.sen_now != 'N'; });
  const double wanted = primary ? kAssistantsPerPrimaryClass * static_cast<double>(classes.size())
                                : static_cast<double>(sen_pupils) / kSenPupilsPerAssistant;
  std::vector<std::size_t> assistants;
  while (assistants.empty() || static_cast<double>(assistants.size()) < wanted - 0.5)
    assistants.push_back(recruiter.hire(staff, StaffRole::teaching_assistant, kFemaleAssistants));

  std::vector<std::pair<int, std::size_t>> needing;  // (SEN weight, class)
  for (std::size_t c = 0; c < classes.size(); ++c) {
    if (classes[c].kind == ClassKind::tutor_group) continue;  // TAs support lessons, not registration
    const int weight = sen_weight(school, classes[c]);
    if (weight >= (primary ? 1 : kSecondarySenWeightForAssistant)) needing.emplace_back(weight, c);
  }
  std::sort(needing.begin(), needing.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  const std::size_t per_assistant = primary ? 1 : kSetsPerAssistant;
  const std::size_t placed = std::min(needing.size(), assistants.size() * per_assistant);
  for (std::size_t k = 0; k < placed; ++k)
    classes[needing[k].second].assistants.push_back(assistants[k % assistants.size()]);
}

// MIS staff lists run by surname: number the staff in that order and repoint the classes.
void order_by_name(std::vector<StaffMember>& staff, std::vector<SchoolClass>& classes) {
  std::vector<std::size_t> order(staff.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(staff[a].surname, staff[a].forename, staff[a].code) <
           std::tie(staff[b].surname, staff[b].forename, staff[b].code);
  });
  std::vector<std::size_t> new_index(staff.size());
  std::vector<StaffMember> sorted;
  for (std::size_t k = 0; k < order.size(); ++k) {
    new_index[order[k]] = k;
    sorted.push_back(std::move(staff[order[k]]));
  }
  staff = std::move(sorted);
  for (SchoolClass& c : classes) {
    if (c.teacher != kNoTeacher) c.teacher = new_index[c.teacher];
    for (std::size_t& a : c.assistants) a = new_index[a];
  }
}

}  // namespace

std::string login_letters(std::string_view name) {
  std::string out;
  for (char c : ascii_fold(name)) {
    if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += c;
  }
  return out;
}

std::vector<StaffMember> generate_staff(const SyntheticSchool& school, std::vector<SchoolClass>& classes) {
  StaffRecruiter recruiter(school);
  std::vector<StaffMember> staff;
  if (school.spec.phase == Phase::primary) {
    for (SchoolClass& c : classes) c.teacher = recruiter.hire(staff, StaffRole::teacher, kFemalePrimaryTeachers);
  } else {
    staff_secondary(school, classes, recruiter, staff);
  }
  place_assistants(school, classes, recruiter, staff);
  order_by_name(staff, classes);
  return staff;
}

}  // namespace sm::generator
