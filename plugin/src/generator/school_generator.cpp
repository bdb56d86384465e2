#include "generator/school_generator.hpp"

#include <algorithm>
#include <array>
#include <pugixml.hpp>
#include <stdexcept>
#include <tuple>

#include "ctf/ctf_writer.hpp"
#include "generator/school_builder.hpp"
#include "model/digits.hpp"

namespace sm::generator {
namespace {
using model::add_days;
using model::format_date;

std::string county_for(const std::string& la) {
  constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kCounties{{
      {"825", "Buckinghamshire"},
      {"845", "East Sussex"},
      {"850", "Hampshire"},
      {"886", "Kent"},
      {"936", "Surrey"},
      {"938", "West Sussex"},
  }};
  for (const auto& [code, county] : kCounties)
    if (code == la) return std::string(county);
  return {};
}

// A URN that stays with the school whatever the seed: derived from its LA and establishment.
std::string urn_for(const SchoolSpec& spec) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a
  for (char c : spec.la + spec.estab) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return std::to_string(100000 + hash % 60000);
}

std::string school_name_for(Random& rng, Phase phase, std::string_view town) {
  const std::string place(town);
  const std::string saint = "St " + std::string(rng.pick(patron_saints())) + "'s";
  const std::string park = std::string(rng.pick(street_stems())) + " Park";
  const std::array<std::string, 5> primary{place + " Primary School", place + " Community Primary School",
                                           saint + " CofE Primary School", saint + " Catholic Primary School",
                                           park + " Primary Academy"};
  const std::array<std::string, 6> secondary{place + " Academy",           place + " High School",
                                             place + " Community College", saint + " Catholic High School",
                                             "The " + place + " School",   park + " Academy"};
  return phase == Phase::primary ? primary[rng.index(primary.size())] : secondary[rng.index(secondary.size())];
}

void plan_identity(SyntheticSchool& school) {
  Random rng = strand_for(school, Strand::identity);
  const auto all_towns = town_names();
  std::vector<std::string_view> towns(all_towns.begin(), all_towns.end());
  rng.shuffle(std::span<std::string_view>(towns));
  towns.resize(5);
  school.towns = towns;
  school.county = county_for(school.spec.la);
  school.urn = urn_for(school.spec);
  school.name =
      school.spec.school_name.empty() ? school_name_for(rng, school.spec.phase, towns[0]) : school.spec.school_name;
  while (school.feeder_estabs.size() < 10) {
    std::string estab = "2" + std::to_string(rng.uniform_int(0, 999) + 1000).substr(1);
    if (std::find(school.feeder_estabs.begin(), school.feeder_estabs.end(), estab) == school.feeder_estabs.end())
      school.feeder_estabs.push_back(estab);
  }
}

// --- writing the CTF ---------------------------------------------------------------------

using ctf::add_text;

void add_text(pugi::xml_node parent, const char* name, int value) {
  add_text(parent, name, std::to_string(value));
}

void add_date(pugi::xml_node parent, const char* name, Date value) {
  add_text(parent, name, format_date(value));
}

void write_basic_details(pugi::xml_node pupil, const SyntheticPupil& p, const Family& family) {
  auto basic = pupil.append_child("BasicDetails");
  if (!p.preferred_surname.empty()) add_text(basic, "PreferredSurname", p.preferred_surname);
  if (!p.preferred_forename.empty()) add_text(basic, "PreferredForename", p.preferred_forename);
  if (!p.middle_names.empty()) add_text(basic, "MiddleNames", p.middle_names);
  add_text(basic, "NCyearActual", p.nc_year == 0 ? std::string("R") : std::to_string(p.nc_year));
  add_text(basic, "Ethnicity", family.ethnicity);
  add_text(basic, "EthnicitySource", "P");  // provided by the parent
  auto language = basic.append_child("Languages").append_child("Type");
  add_text(language, "LanguageType", "F");
  add_text(language, "Language", family.first_language);
  add_text(basic, "MedicalFlag", p.medical ? "true" : "false");
  add_text(basic, "EnrolStatus", "C");
}

void write_sen_history(pugi::xml_node pupil, const SyntheticPupil& p) {
  if (p.sen_history.empty()) return;
  auto history = pupil.append_child("SENhistory");
  for (const auto& change : p.sen_history) {
    auto sen = history.append_child("SEN");
    add_date(sen, "StartDate", change.start);
    add_text(sen, "SENprovision", std::string(1, change.provision));
  }
  if (p.needs.empty()) return;
  auto needs = history.append_child("SENneeds");
  for (const auto& need : p.needs) {
    auto node = needs.append_child("SENneed");
    add_date(node, "NeedStartDate", need.start);
    add_text(node, "SENtypeRank", need.rank);
    add_text(node, "SENtype", need.type);
  }
}

void write_attendance(pugi::xml_node pupil, const SyntheticPupil& p, const SyntheticSchool& school) {
  const auto& a = p.attendance;
  auto year = pupil.append_child("Attendance").append_child("YearData");
  add_text(year, "Year", school.calendar.academic_year);
  add_text(year, "LEA", school.spec.la);
  add_text(year, "Estab", school.spec.estab);
  add_text(year, "SchoolName", school.name);
  add_text(year, "SessionsPossible", a.possible);
  add_text(year, "SessionsAuthorised", a.authorised);
  add_text(year, "SessionsAttended", a.attended);
  add_text(year, "SessionsUnauthorised", a.unauthorised);
  auto sessions = year.append_child("AttendSessions");
  add_date(sessions, "AttendanceStartDate", a.start);
  add_text(sessions, "AttendanceMarks", a.marks);
}

void write_assessments(pugi::xml_node pupil, const SyntheticPupil& p) {
  auto all = pupil.append_child("StageAssessments");
  for (const auto& stage : p.assessments) {
    auto key_stage = all.append_child("KeyStage");
    add_text(key_stage, "Stage", stage.stage);
    for (const auto& r : stage.results) {
      auto node = key_stage.append_child("StageAssessment");
      add_text(node, "Locale", "EN");
      add_text(node, "Year", r.year);
      add_text(node, "Subject", r.subject);
      add_text(node, "Method", "TT");  // test
      add_text(node, "Component", r.component);
      add_text(node, "ResultStatus", "R");
      add_text(node, "ResultQualifier", "SS");  // standardised / scaled score
      add_text(node, "Result", r.result);
      add_date(node, "ResultDate", r.date);
    }
  }
}

void write_address(pugi::xml_node pupil, const PostalAddress& a) {
  auto address = pupil.append_child("Address");
  auto bs7666 = address.append_child("BS7666Address");
  if (!a.saon.empty()) add_text(bs7666, "SAON", a.saon);
  add_text(bs7666, "PAON", a.paon);
  add_text(bs7666, "Street", a.street);
  add_text(bs7666, "Town", a.town);
  if (!a.county.empty()) add_text(bs7666, "AdministrativeArea", a.county);
  add_text(bs7666, "PostTown", a.town);
  add_text(address, "PostCode", a.postcode);
}

void write_contacts(pugi::xml_node pupil, const Family& family) {
  auto contacts = pupil.append_child("Contacts");
  int order = 0;
  for (const auto& c : family.contacts) {
    auto contact = contacts.append_child("Contact");
    add_text(contact, "Order", ++order);
    add_text(contact, "Title", c.title);
    add_text(contact, "Surname", c.surname);
    add_text(contact, "Forename", c.forename);
    add_text(contact, "Gender", std::string(1, c.gender));
    add_text(contact, "Relationship", c.relationship);
    add_text(contact, "Responsibility", c.parental_responsibility ? "true" : "false");
    if (!c.phones.empty()) {
      auto phones = contact.append_child("Phones");
      for (const auto& phone : c.phones) {
        auto node = phones.append_child("Phone");
        add_text(node, "TelephoneType", std::string(1, phone.type));
        add_text(node, "PhoneNo", phone.number);
      }
    }
    if (!c.email.empty()) add_text(contact.append_child("Email"), "EmailAddress", c.email);
  }
}

void write_pupil(pugi::xml_node parent, const SyntheticPupil& p, const SyntheticSchool& school) {
  const Family& family = school.families[p.family];
  auto pupil = parent.append_child("Pupil");
  add_text(pupil, "UPN", p.upn);
  if (!p.uln.empty()) add_text(pupil, "UniqueLearnerNumber", p.uln);
  add_text(pupil, "Surname", p.surname);
  add_text(pupil, "Forename", p.forename);
  add_date(pupil, "DOB", p.dob);
  add_text(pupil, "Sex", p.sex == Sex::male ? "M" : "F");
  write_basic_details(pupil, p, family);
  auto care = pupil.append_child("LookedAfter");
  add_text(care, "InCare", p.in_care ? "true" : "false");
  if (p.in_care) add_text(care, "CareAuthority", p.care_authority);
  if (!p.fsm.empty()) {
    auto fsm = pupil.append_child("FSMhistory");
    if (p.fsm_review) add_date(fsm, "FSMreviewDate", *p.fsm_review);
    for (const auto& spell : p.fsm) {
      auto instance = fsm.append_child("FSMinstance");
      add_date(instance, "FSMstartDate", spell.start);
      if (spell.end) add_date(instance, "FSMendDate", *spell.end);
      add_text(instance, "UKcountry", "ENG");
    }
  }
  write_sen_history(pupil, p);
  write_attendance(pupil, p, school);
  write_assessments(pupil, p);
  write_address(pupil, family.address);
  write_contacts(pupil, family);
}

std::string write_ctf(const SyntheticSchool& school) {
  pugi::xml_document doc;
  auto root = ctf::write_ctf_start(
      doc, {export_date_time(school), "full", "senmap synthetic school", school.spec.la, school.spec.estab, school.urn,
            school.name, std::to_string(school.calendar.academic_year)});

  // MIS exports list pupils by name; the UPN settles ties so the order never varies.
  std::vector<const SyntheticPupil*> order;
  for (const auto& p : school.pupils) order.push_back(&p);
  std::sort(order.begin(), order.end(), [](const SyntheticPupil* a, const SyntheticPupil* b) {
    return std::tie(a->surname, a->forename, a->upn) < std::tie(b->surname, b->forename, b->upn);
  });
  auto pupils = root.append_child("CTFpupilData");
  for (const SyntheticPupil* p : order) write_pupil(pupils, *p, school);

  // Written straight into the string: a 20,000-pupil file is over 100 MB, one copy is enough.
  return ctf::ctf_text(doc, school.pupils.size() * 7000 + 4096);
}

}  // namespace

// --- helpers shared by the generation steps -----------------------------------------------

Random strand_for(const SyntheticSchool& school, Strand strand) {
  return Random::stream(school.spec.seed, static_cast<std::uint64_t>(strand));
}

Random pupil_strand(const SyntheticSchool& school, std::size_t pupil, int purpose) {
  return Random::stream(school.spec.seed, 0x100000000ULL + pupil * 4 + static_cast<std::uint64_t>(purpose));
}

bool is_before(Date a, Date b) {
  return std::chrono::sys_days{a} < std::chrono::sys_days{b};
}
Date latest_of(Date a, Date b) {
  return is_before(a, b) ? b : a;
}
Date earliest_of(Date a, Date b) {
  return is_before(a, b) ? a : b;
}

Date some_weekday(Random& rng, Date from, Date to, double lean) {
  const int span = std::max(0, model::days_between(from, to));
  double u = rng.uniform();
  if (lean != 1.0 && u > 0.0) u = portable_exp(lean * portable_log(u));
  Date d = add_days(from, std::min(span, static_cast<int>(u * (span + 1))));
  // Schools are shut in August: such records are dated at the start of September instead.
  if (d.month() == std::chrono::August) d = Date{d.year(), std::chrono::September, std::chrono::day{2}};
  while (model::is_weekend(d)) d = add_days(d, 1);
  if (is_before(to, d)) {
    d = to;
    while (model::is_weekend(d)) d = add_days(d, -1);
  }
  if (is_before(d, from)) {
    d = from;
    while (model::is_weekend(d)) d = add_days(d, 1);
  }
  return d;
}

Date school_start_of(const SyntheticSchool& school, int nc_year) {
  Date d{std::chrono::year{school.calendar.academic_year - nc_year}, std::chrono::September, std::chrono::day{1}};
  while (model::is_weekend(d)) d = add_days(d, 1);
  return d;
}

SyntheticSchool build_school(const SchoolSpec& spec) {
  if (spec.pupils < 1) throw std::invalid_argument("school generator: pupils must be at least 1");
  if (!model::all_digits(spec.la, 3)) throw std::invalid_argument("school generator: la must be 3 digits");
  if (!model::all_digits(spec.estab, 4)) throw std::invalid_argument("school generator: estab must be 4 digits");
  SyntheticSchool school;
  school.spec = spec;
  school.calendar = school_calendar_for(spec.academic_year);
  school.file_date = school.calendar.last_day();
  if (spec.as_of && is_before(*spec.as_of, school.file_date)) school.file_date = *spec.as_of;
  plan_identity(school);
  generate_roll(school);
  generate_sen_register(school);
  generate_care_and_health(school);
  generate_attendance(school);
  generate_assessments(school);
  cut_attendance_at_export(school);
  return school;
}

// The export runs at the end of the last afternoon of the summer term.
std::string export_date_time(const SyntheticSchool& school) {
  return format_date(school.file_date) + "T16:30:00";
}

std::string generate_ctf(const SchoolSpec& spec) {
  return write_ctf(build_school(spec));
}

}  // namespace sm::generator
