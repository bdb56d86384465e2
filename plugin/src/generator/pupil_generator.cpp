// The roll: households, pupils' names and dates of birth, UPNs and ULNs, free school meals;
// then (after the SEN register exists) looked-after children and medical flags.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "generator/synthetic_school.hpp"
#include "model/upn.hpp"

namespace sm::generator {
namespace {
using model::add_days;
using model::days_between;

// Nearby authorities, for pupils who moved in and for children placed by another LA.
constexpr std::array<std::string_view, 10> kOtherLas{"845", "846", "850", "852", "886",
                                                     "887", "936", "938", "825", "826"};

// The grandparents' generation, for English families (other pools' names change less).
constexpr std::array<std::string_view, 10> kGrandmothers{"Susan",    "Julie", "Karen",     "Linda", "Jean",
                                                         "Margaret", "Carol", "Christine", "Janet", "Patricia"};
constexpr std::array<std::string_view, 10> kGrandfathers{"Peter", "John",  "Alan",   "Keith", "Graham",
                                                         "Brian", "Colin", "Trevor", "Kevin", "Barry"};

std::string other_la(Random& rng, const std::string& own) {
  for (;;) {
    std::string_view la = rng.pick(std::span<const std::string_view>(kOtherLas));
    if (la != own) return std::string(la);
  }
}

std::string digits(Random& rng, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += static_cast<char>('0' + rng.uniform_int(0, 9));
  return out;
}

std::string lower_alnum(std::string_view text) {
  std::string out;
  for (char c : ascii_fold(text)) {
    if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += c;
  }
  return out;
}

// Ofcom keeps 07700 900000-900999 and 01632 960000-960999 for fiction: never a real line.
std::string mobile_number(Random& rng) {
  return "07700 900" + digits(rng, 3);
}
std::string landline_number(Random& rng) {
  return "01632 960" + digits(rng, 3);
}

std::string email_for(Random& rng, std::string_view forename, std::string_view surname) {
  // example.com/.org/.net are reserved for documentation (RFC 2606): nothing is ever sent.
  constexpr std::array<std::string_view, 3> kDomains{"example.com", "example.org", "example.net"};
  std::string local = lower_alnum(forename);
  double style = rng.uniform();
  if (style < 0.5)
    local += "." + lower_alnum(surname);
  else if (style < 0.75)
    local = local.substr(0, 1) + lower_alnum(surname);
  else
    local += lower_alnum(surname) + digits(rng, 2);
  return local + "@" + std::string(rng.pick(std::span<const std::string_view>(kDomains)));
}

std::string_view pick_name(Random& rng, std::span<const std::string_view> names) {
  return rng.pick(names);
}

std::string any_surname(Random& rng, Heritage heritage, bool female) {
  return std::string(surname_form(pick_name(rng, name_pool(heritage).surnames), female));
}

PostalAddress make_address(Random& rng, const SyntheticSchool& school) {
  static constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";
  PostalAddress a;
  std::size_t town = rng.bernoulli(0.55) ? 0 : 1 + rng.index(school.towns.size() - 1);
  a.town = school.towns[town];
  // One draw per statement: the operands of + may be evaluated in either order, which would
  // make the output depend on the compiler.
  a.street = pick_name(rng, street_stems());
  a.street += " " + std::string(pick_name(rng, street_kinds()));
  double kind = rng.uniform();
  if (kind < 0.10) {
    a.saon = "Flat " + std::to_string(rng.uniform_int(1, 24));
    a.paon = pick_name(rng, street_stems());
    a.paon += rng.bernoulli(0.5) ? " House" : " Court";
  } else if (kind < 0.16) {
    a.paon = pick_name(rng, house_names());
  } else {
    a.paon = std::to_string(rng.uniform_int(1, rng.bernoulli(0.7) ? 60 : 220));
  }
  // Shaped like a real postcode, but the "XX" area does not exist.
  a.postcode = "XX" + std::to_string(town + 1) + " " + digits(rng, 1);
  a.postcode += kInwardLetters[rng.index(kInwardLetters.size())];
  a.postcode += kInwardLetters[rng.index(kInwardLetters.size())];
  a.county = school.county;
  return a;
}

void add_phones_and_email(Random& rng, FamilyContact& c, bool first) {
  if (first && rng.bernoulli(0.35)) c.phones.push_back({'H', landline_number(rng)});
  if (rng.bernoulli(0.95)) c.phones.push_back({'M', mobile_number(rng)});
  if (rng.bernoulli(first ? 0.85 : 0.5)) c.email = email_for(rng, c.forename, c.surname);
}

std::vector<FamilyContact> make_parents(Random& rng, const Family& f) {
  const bool two_parents = rng.bernoulli(0.68);
  const bool mother_first = rng.bernoulli(two_parents ? 0.75 : 0.88);
  // A hyphenated family name usually joins the two parents' own surnames.
  auto hyphen = f.surname_boys.find('-');
  const bool joined = hyphen != std::string::npos && f.surname_heritage == Heritage::english;

  FamilyContact mother{
      "", std::string(pick_name(rng, name_pool(f.forename_heritage).mothers)), "", 'F', "PAR", true, {}, ""};
  const bool mother_shares = rng.bernoulli(two_parents ? 0.72 : 0.55);
  if (joined)
    mother.surname = f.surname_girls.substr(hyphen + 1);
  else
    mother.surname = mother_shares ? f.surname_girls : any_surname(rng, f.forename_heritage, true);
  if (rng.bernoulli(0.02))
    mother.title = "Dr";
  else if (mother_shares && two_parents && !joined && rng.bernoulli(0.85))
    mother.title = "Mrs";
  else
    mother.title = rng.bernoulli(0.55) ? "Ms" : "Miss";

  FamilyContact father{rng.bernoulli(0.02) ? "Dr" : "Mr",
                       std::string(pick_name(rng, name_pool(f.surname_heritage).fathers)),
                       joined ? f.surname_boys.substr(0, hyphen) : f.surname_boys,
                       'M',
                       "PAR",
                       true,
                       {},
                       ""};

  std::vector<FamilyContact> contacts;
  if (two_parents || mother_first) contacts.push_back(mother_first ? mother : father);
  if (two_parents) contacts.push_back(mother_first ? father : mother);
  if (!two_parents && !mother_first) contacts.push_back(father);
  if (rng.bernoulli(0.08)) {
    // A grandparent kept as an emergency contact, without parental responsibility.
    const bool grandmother = rng.bernoulli(0.7);
    const NamePool& pool = name_pool(f.surname_heritage);
    const bool english = f.surname_heritage == Heritage::english;
    auto names = grandmother ? (english ? std::span<const std::string_view>(kGrandmothers) : pool.mothers)
                             : (english ? std::span<const std::string_view>(kGrandfathers) : pool.fathers);
    contacts.push_back(FamilyContact{grandmother ? "Mrs" : "Mr",
                                     std::string(pick_name(rng, names)),
                                     grandmother ? f.surname_girls : f.surname_boys,
                                     grandmother ? 'F' : 'M',
                                     "FAM",
                                     false,
                                     {},
                                     ""});
  }
  for (std::size_t i = 0; i < contacts.size(); ++i) add_phones_and_email(rng, contacts[i], i == 0);
  return contacts;
}

std::vector<FsmSpell> household_fsm(Random& rng, const SyntheticSchool& school) {
  std::vector<FsmSpell> spells;
  if (!rng.bernoulli(0.26)) return spells;
  const Date latest = add_days(school.file_date, -20);
  Date start = some_weekday(rng, add_days(school.file_date, -9 * 365), latest, 0.8);
  if (rng.bernoulli(0.7)) {
    spells.push_back({start, std::nullopt});
    return spells;
  }
  Date end = some_weekday(rng, add_days(start, 90), add_days(start, 1500));
  if (!is_before(end, latest)) end = latest;
  spells.push_back({start, end});
  // Some households become eligible again after a spell of work.
  if (rng.bernoulli(0.3) && days_between(end, latest) > 120) {
    spells.push_back({some_weekday(rng, add_days(end, 60), latest, 1.5), std::nullopt});
  }
  return spells;
}

class RollBuilder {
 public:
  explicit RollBuilder(SyntheticSchool& school) : school_(school), rng_(strand_for(school, Strand::roll)) {
    const double diversity = rng_.uniform(0.75, 1.25);  // towns differ: a seed-deterministic mix
    for (const auto& group : ethnic_groups()) {
      const bool majority = group.code == "WBRI" || group.code == "NOBT" || group.code == "REFU";
      group_weights_.push_back(group.weight * (majority ? 1.0 : diversity));
    }
  }

  void build() {
    const bool primary = school_.spec.phase == Phase::primary;
    const int first_year = primary ? 0 : 7;
    const int year_count = primary ? 7 : 5;
    std::vector<int> years;
    years.reserve(static_cast<std::size_t>(school_.spec.pupils));  // at least 1 (school_generator.cpp)
    for (int i = 0; i < school_.spec.pupils; ++i) years.push_back(first_year + i % year_count);
    rng_.shuffle(std::span<int>(years));
    school_.pupils.reserve(years.size());
    for (int nc_year : years) add_pupil(nc_year);
  }

 private:
  Family new_family() {
    const auto groups = ethnic_groups();
    const EthnicGroup& group = groups[rng_.pick_weighted(group_weights_)];
    std::vector<double> lineage_weights;
    for (const Lineage& l : group.lineages) lineage_weights.push_back(l.weight);
    const Lineage& lineage = group.lineages[rng_.pick_weighted(lineage_weights)];
    Family f;
    f.forename_heritage = lineage.forenames;
    f.surname_heritage = lineage.surnames;
    f.ethnicity = group.code;
    std::string_view entry = pick_name(rng_, name_pool(f.surname_heritage).surnames);
    f.surname_boys = surname_form(entry, false);
    f.surname_girls = surname_form(entry, true);
    if (f.surname_heritage == Heritage::english && rng_.bernoulli(0.05)) {
      std::string second(pick_name(rng_, name_pool(Heritage::english).surnames));
      if (second != f.surname_boys && second.find(' ') == std::string::npos) {
        f.surname_boys += "-" + second;
        f.surname_girls = f.surname_boys;
      }
    }
    const Heritage home = f.surname_heritage != Heritage::english ? f.surname_heritage : f.forename_heritage;
    const NamePool& home_pool = name_pool(home);
    f.first_language = rng_.bernoulli(home_pool.other_language_share * group.language_factor)
                           ? std::string(pick_from(rng_, home_pool.home_languages))
                           : "ENG";
    f.address = make_address(rng_, school_);
    f.contacts = make_parents(rng_, f);
    f.fsm = household_fsm(rng_, school_);
    return f;
  }

  // Siblings share a household; twins share a year group and a birthday.
  std::size_t choose_family(int nc_year, const SyntheticPupil*& twin) {
    twin = nullptr;
    const double sibling_share = school_.spec.phase == Phase::primary ? 0.26 : 0.18;
    if (!school_.families.empty() && rng_.bernoulli(sibling_share)) {
      for (int attempt = 0; attempt < 6; ++attempt) {
        std::size_t f = rng_.index(school_.families.size());
        const Family& family = school_.families[f];
        if (family.children.size() >= 4) continue;
        const SyntheticPupil* same_year = nullptr;
        for (std::size_t child : family.children)
          if (school_.pupils[child].nc_year == nc_year) same_year = &school_.pupils[child];
        if (same_year && !rng_.bernoulli(0.05)) continue;
        twin = same_year;
        return f;
      }
    }
    school_.families.push_back(new_family());
    return school_.families.size() - 1;
  }

  std::string forename_for(const Family& family, Sex sex, std::string_view avoid) {
    const NamePool& pool = name_pool(family.forename_heritage);
    auto names = sex == Sex::male ? pool.boys : pool.girls;
    for (int attempt = 0; attempt < 8; ++attempt) {
      std::string_view name = pick_name(rng_, names);
      bool taken = name == avoid;
      for (std::size_t child : family.children) taken = taken || school_.pupils[child].forename == name;
      if (!taken) return std::string(name);
    }
    return std::string(pick_name(rng_, names));
  }

  void add_pupil(int nc_year) {
    const SyntheticPupil* twin = nullptr;
    const std::size_t family_index = choose_family(nc_year, twin);
    Family& family = school_.families[family_index];
    SyntheticPupil p;
    p.family = family_index;
    p.nc_year = nc_year;
    p.sex = rng_.bernoulli(0.51) ? Sex::male : Sex::female;
    p.surname = p.sex == Sex::male ? family.surname_boys : family.surname_girls;
    p.forename = forename_for(family, p.sex, "");
    const double middle = rng_.uniform();
    if (middle < 0.63) p.middle_names = forename_for(family, p.sex, p.forename);
    if (middle < 0.08) p.middle_names += " " + forename_for(family, p.sex, p.forename);
    std::string_view short_name = usual_short_name(p.forename);
    if (!short_name.empty() && rng_.bernoulli(0.35)) {
      p.preferred_forename = short_name;
    } else if (family.forename_heritage == Heritage::chinese && rng_.bernoulli(0.25)) {
      const NamePool& english = name_pool(Heritage::english);
      p.preferred_forename = pick_name(rng_, p.sex == Sex::male ? english.boys : english.girls);
    }
    if (rng_.bernoulli(0.015)) p.preferred_surname = any_surname(rng_, Heritage::english, p.sex == Sex::female);

    const int born = school_.spec.academic_year - 5 - nc_year;  // Sep of `born` .. Aug of born + 1
    const Date first{std::chrono::year{born}, std::chrono::September, std::chrono::day{1}};
    p.dob = twin ? twin->dob : add_days(first, static_cast<int>(rng_.index(365)));
    p.on_roll_from = school_.calendar.first_day();
    const bool joined_this_year = rng_.bernoulli(0.015);
    if (joined_this_year) {
      const int y = school_.spec.academic_year;
      p.on_roll_from = some_weekday(rng_, Date{std::chrono::year{y}, std::chrono::October, std::chrono::day{1}},
                                    Date{std::chrono::year{y + 1}, std::chrono::May, std::chrono::day{20}});
      while (!school_.calendar.is_open(p.on_roll_from)) p.on_roll_from = add_days(p.on_roll_from, 1);
    }
    p.upn = allocate_upn(nc_year, joined_this_year, family.first_language != "ENG");
    if (school_.spec.phase == Phase::secondary && nc_year >= 10) p.uln = allocate_uln();

    // Free school meals follow the household, from the day the pupil started school.
    const Date started = school_start_of(school_, nc_year);
    for (const FsmSpell& spell : family.fsm) {
      if (spell.end && !is_before(started, *spell.end)) continue;
      p.fsm.push_back({latest_of(spell.start, started), spell.end});
    }
    if (!p.fsm.empty() && !p.fsm.back().end && rng_.bernoulli(0.4))
      p.fsm_review = some_weekday(rng_, add_days(school_.file_date, 30), add_days(school_.file_date, 300));

    family.children.push_back(school_.pupils.size());
    school_.pupils.push_back(std::move(p));
  }

  std::string random_primary_estab() { return "2" + digits(rng_, 3); }

  // Check letter + LA + establishment + year allocated + serial: allocated where the pupil
  // first started school in England, so most secondary UPNs come from feeder primaries.
  std::string allocate_upn(int nc_year, bool joined_this_year, bool other_language) {
    const SchoolSpec& spec = school_.spec;
    const bool primary = spec.phase == Phase::primary;
    int allocated = spec.academic_year - nc_year;  // the year they started Reception
    std::string la = spec.la;
    std::string estab;
    const double arrived_later = other_language ? 0.25 : 0.04;  // came to England after Reception
    if (joined_this_year && rng_.bernoulli(0.5)) {
      allocated = spec.academic_year;
      estab = spec.estab;
    } else if (nc_year >= 1 && rng_.bernoulli(arrived_later)) {
      allocated += rng_.uniform_int(1, nc_year);
      const bool at_this_school = primary || allocated >= spec.academic_year - (nc_year - 7);
      estab = at_this_school ? spec.estab : random_primary_estab();
    } else if (primary) {
      if (rng_.bernoulli(0.88)) estab = spec.estab;
    } else if (rng_.bernoulli(0.88)) {
      estab = school_.feeder_estabs[rng_.index(school_.feeder_estabs.size())];
    }
    if (estab.empty()) {
      if (rng_.bernoulli(0.4)) la = other_la(rng_, spec.la);
      estab = random_primary_estab();
    }
    const std::string year = std::to_string(allocated % 100 + 100).substr(1);
    for (int attempt = 0;; ++attempt) {
      if (attempt > 0 && attempt % 40 == 0) estab = random_primary_estab();  // that school's year is full
      char serial[8];
      std::snprintf(serial, sizeof serial, "%03d", rng_.uniform_int(1, 999));
      std::string tail = la;
      tail.append(estab).append(year).append(serial);
      if (!issued_upns_.insert(tail).second) continue;
      auto check = model::upn_check_letter(tail);
      if (!check) throw std::logic_error("UPN built from non-digits: " + tail);
      return *check + tail;
    }
  }

  // Ten digits, the last a check digit: weights 10..2 on the first nine, 10 - (sum mod 11).
  std::string allocate_uln() {
    for (;;) {
      std::string uln = std::to_string(rng_.uniform_int(1, 9));
      uln += digits(rng_, 8);
      int sum = 0;
      for (int i = 0; i < 9; ++i) sum += (uln[static_cast<std::size_t>(i)] - '0') * (10 - i);
      const int check = 10 - sum % 11;
      if (check == 10) continue;  // no valid check digit: draw again
      uln += static_cast<char>('0' + check);
      if (issued_ulns_.insert(uln).second) return uln;
    }
  }

  SyntheticSchool& school_;
  Random rng_;
  std::vector<double> group_weights_;
  std::set<std::string> issued_upns_;
  std::set<std::string> issued_ulns_;
};

}  // namespace

void generate_roll(SyntheticSchool& school) {
  RollBuilder(school).build();
}

void generate_care_and_health(SyntheticSchool& school) {
  Random rng = strand_for(school, Strand::care);
  auto& pupils = school.pupils;
  // Looked-after children live in a foster household of their own here.
  std::vector<double> weights(pupils.size(), 0.0);
  for (std::size_t i = 0; i < pupils.size(); ++i) {
    if (school.families[pupils[i].family].children.size() != 1) continue;
    weights[i] = pupils[i].sen_now == 'E' ? 4.0 : pupils[i].sen_now == 'K' ? 2.5 : 1.0;
  }
  const auto in_care_count =
      static_cast<std::size_t>(std::lround(static_cast<double>(pupils.size()) * rng.uniform(0.006, 0.011)));
  for (std::size_t i : sample_without_replacement(rng, weights, in_care_count)) {
    SyntheticPupil& p = pupils[i];
    Family& home = school.families[p.family];
    p.in_care = true;
    p.care_authority = rng.bernoulli(0.7) ? school.spec.la : other_la(rng, school.spec.la);
    home.fostered = true;
    home.contacts.clear();
    const std::string carers_surname = any_surname(rng, Heritage::english, false);
    const NamePool& english = name_pool(Heritage::english);
    home.contacts.push_back(
        {"Mrs", std::string(pick_name(rng, english.mothers)), carers_surname, 'F', "CAR", false, {}, ""});
    if (rng.bernoulli(0.55))
      home.contacts.push_back(
          {"Mr", std::string(pick_name(rng, english.fathers)), carers_surname, 'M', "CAR", false, {}, ""});
    for (std::size_t c = 0; c < home.contacts.size(); ++c) add_phones_and_email(rng, home.contacts[c], c == 0);
  }
  for (auto& p : pupils) {
    bool always = false;
    for (const auto& need : p.needs)
      always = always || need.type == "PD" || need.type == "VI" || need.type == "HI" || need.type == "MSI" ||
               need.type == "PMLD" || need.type == "DS";
    const double chance = 0.07 + (p.sen_now != 'N' ? 0.1 : 0.0);
    p.medical = rng.bernoulli(chance) || always;
  }
}

}  // namespace sm::generator
