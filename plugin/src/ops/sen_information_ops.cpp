// The SEN Information Report: the yearly report every school must publish on its website (SEND
// Regulations 2014, reg. 51 and Schedule 1; the Code of Practice 6.79-6.83). senmap drafts each of
// its sections from the school's own figures, for the SENCO to edit and publish; what the SENCO
// writes is kept per school year and section, and is the text from then on. It is published, so
// it names no pupil and hides any count of fewer than five pupils, as the governors' report does.
#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <tuple>

#include "model/dates.hpp"
#include "model/number_text.hpp"
#include "model/reference_data.hpp"
#include "ops/operation.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

constexpr std::int64_t kFewestPublished = 5;  // as the governors' report: below it, a count is not published
constexpr std::size_t kMaxSectionText = 20000;

// The report's sections, in the order the regulations list the information (Schedule 1).
struct InformationSection {
  std::string_view key, heading;
};
constexpr std::array<InformationSection, 15> kSections{{
    {"kinds_of_sen", "The kinds of special educational needs we provide for"},
    {"identification", "How we identify and assess pupils with SEN"},
    {"involving_parents", "How we consult and involve parents"},
    {"involving_pupils", "How we consult and involve pupils"},
    {"graduated_approach", "Assessing and reviewing progress: the graduated approach"},
    {"transition", "Supporting pupils moving between phases and into adulthood"},
    {"teaching", "Our approach to teaching pupils with SEN"},
    {"adaptations", "How we adapt the curriculum and the learning environment"},
    {"staff_expertise", "Staff expertise and training"},
    {"evaluating_effectiveness", "Evaluating the effectiveness of our provision"},
    {"inclusion_in_activities", "Including pupils with SEN in activities with other pupils"},
    {"emotional_social", "Supporting emotional and social development"},
    {"other_agencies", "Working with other agencies"},
    {"complaints", "Complaints about SEN provision"},
    {"local_offer", "The local authority's local offer"},
}};

std::string sections_text() {
  std::string out;
  for (const auto& s : kSections) out += (out.empty() ? "" : ", ") + std::string(s.key);
  return out;
}

// A count as published: the number, or "fewer than 5".
std::string published(std::int64_t n) {
  return n > 0 && n < kFewestPublished ? "fewer than 5" : std::to_string(n);
}

std::int64_t scalar(store::Database& db, const std::string& sql, std::int64_t school, const std::string& from = "",
                    const std::string& to = "") {
  auto s = db.prepare(sql);
  s.bind(1, school);
  if (!from.empty()) s.bind(2, from).bind(3, to);
  return s.step() && !s.is_null(0) ? s.integer(0) : 0;
}

std::string percent_words(std::int64_t part, std::int64_t whole) {
  if (whole < kFewestPublished) return "";
  return std::to_string(static_cast<int>(std::lround(100.0 * static_cast<double>(part) / static_cast<double>(whole)))) +
         "%";
}

// Each section's draft from the school's figures for the year (from and to: 1 August to 31 July).
struct Drafting {
  Context& context;
  std::int64_t school;
  std::string from, to, year_name, la;
};

std::string draft_kinds(const Drafting& d) {
  std::map<std::string, std::int64_t> by_area;
  std::int64_t k = 0, e = 0, roll = 0;
  for (const auto& [id, p] : report::load_pupil_facts(d.context.db, d.context.today)) {
    if (!p.on_roll || p.school_id != d.school) continue;
    ++roll;
    if (p.status == "K") ++k;
    if (p.status == "E") ++e;
    if ((p.status == "K" || p.status == "E") && !p.primary_area.empty()) ++by_area[p.primary_area];
  }
  std::string out = "We are an inclusive school. Of our " + model::count_text(roll) + " pupils, " + published(k + e) +
                    " have special educational needs: " + published(k) + " receive SEN support and " + published(e) +
                    " have an education, health and care (EHC) plan. We provide for needs in all four broad areas "
                    "of the SEND Code of Practice. The primary needs of pupils on our SEN register today are:";
  for (const auto* area : {"Communication and interaction", "Cognition and learning",
                           "Social, emotional and mental health", "Sensory and/or physical"})
    out += "\n- " + std::string(area) + ": " + published(by_area[area]) + " pupils";
  return out;
}

std::string draft_identification(const Drafting& d) {
  const auto assessed = scalar(d.context.db,
                               "SELECT COUNT(*) FROM sen_cycle c JOIN pupil p ON p.id = c.pupil_id WHERE p.school_id "
                               "= ?1 AND c.assessed_on BETWEEN ?2 AND ?3",
                               d.school, d.from, d.to);
  return "Teachers watch every pupil's progress and attendance; when a pupil is falling behind or we are concerned, "
         "the class teacher and the SENCO assess their needs together, using the pupil's attainment against their "
         "peers, standardised tests, attendance, observations, advice from outside professionals, and the views of "
         "the pupil and their parents. Our SEN records also flag pupils whose attainment is low and falling while they "
         "are not on the register, so that no need goes unnoticed. In " +
         d.year_name + " so far we have completed " + published(assessed) +
         " assessments as part of the graduated approach.";
}

std::string draft_parents(const Drafting& d) {
  const auto meetings = scalar(d.context.db,
                               "SELECT COUNT(*) FROM parent_meeting m JOIN pupil p ON p.id = m.pupil_id WHERE "
                               "p.school_id = ?1 AND m.met_on BETWEEN ?2 AND ?3",
                               d.school, d.from, d.to);
  const auto voices = review_voices(d.context.db, d.school, d.from, d.to);
  std::string out =
      "Parents are partners in their child's support. We meet the parents of every pupil on SEN support "
      "at least three times a year, agree the plan with them, and ask for their views at every review. "
      "In " +
      d.year_name + " so far we have held " + published(meetings) + " meetings with parents";
  const auto share = percent_words(voices.with_parent_views, voices.reviews);
  if (!share.empty()) out += ", and parents' views were recorded at " + share + " of reviews";
  return out + ".";
}

std::string draft_pupils(const Drafting& d) {
  const auto voices = review_voices(d.context.db, d.school, d.from, d.to);
  std::string out =
      "Pupils help to plan their own support: their views are asked for when their needs are assessed "
      "and at every review, and each has a one-page profile saying what helps them learn";
  const auto share = percent_words(voices.with_pupil_views, voices.reviews);
  if (!share.empty()) out += ". This year pupils' own views were recorded at " + share + " of reviews";
  return out + ".";
}

std::string draft_graduated(const Drafting& d) {
  auto s = d.context.db.prepare(
      "SELECT COUNT(*), COUNT(CASE WHEN t.result = 'achieved' THEN 1 END), COUNT(CASE WHEN t.result = 'partly' THEN 1 "
      "END) FROM cycle_target t JOIN sen_cycle c ON c.id = t.cycle_id JOIN pupil p ON p.id = c.pupil_id WHERE "
      "p.school_id = ?1 AND c.reviewed_on BETWEEN ?2 AND ?3 AND t.result IS NOT NULL");
  s.bind(1, d.school).bind(2, d.from).bind(3, d.to);
  s.step();
  const auto judged = s.integer(0);
  std::string out =
      "Support follows the graduated approach of assess, plan, do and review. Each pupil's plan sets "
      "specific targets with a date to review them, usually each term; the interventions we use have "
      "entry and exit criteria and are measured before and after.";
  if (judged >= kFewestPublished)
    out += " Of the " + std::to_string(judged) + " targets reviewed in " + d.year_name + " so far, " +
           percent_words(s.integer(1), judged) + " were achieved and " + percent_words(s.integer(2), judged) +
           " partly achieved.";
  return out;
}

std::string draft_transition(const Drafting& d) {
  const auto prepared = scalar(d.context.db,
                               "SELECT COUNT(*) FROM phase_transfer t JOIN pupil p ON p.id = t.pupil_id WHERE "
                               "p.school_id = ?1 AND t.information_shared_on IS NOT NULL",
                               d.school);
  std::string out =
      "We plan each move early: pupils visit their next setting, their plan, one-page profile and "
      "records go ahead of them, and our SENCO meets theirs. For pupils with an EHC plan the review "
      "before a move between phases is held in time for the local authority to name the new setting.";
  if (prepared > 0)
    out += " Records have been shared with the next setting for " + published(prepared) + " pupils preparing to move.";
  return out;
}

std::string catalogue_list(const Drafting& d, int wave, const std::string& area = "") {
  auto s = d.context.db.prepare(
      "SELECT name FROM provision WHERE retired_on IS NULL AND (?1 = 0 OR wave = ?1) AND (?2 = '' OR ',' || areas || "
      "',' LIKE '%,' || ?2 || ',%') ORDER BY name");
  s.bind(1, wave).bind(2, area);
  std::string out;
  while (s.step()) out += (out.empty() ? "" : "; ") + s.text(0);
  return out;
}

std::string draft_teaching(const Drafting& d) {
  std::string out =
      "High quality teaching, adapted to each pupil, comes first: teachers know the needs of the pupils "
      "they teach from each pupil's class provision map and one-page profile.";
  const auto targeted = catalogue_list(d, 2), specialist = catalogue_list(d, 3);
  if (!targeted.empty()) out += " Targeted support in small groups or one to one includes: " + targeted + ".";
  if (!specialist.empty()) out += " Specialist support includes: " + specialist + ".";
  return out;
}

std::string draft_adaptations(const Drafting& d) {
  const auto today = model::format_date(d.context.today);
  const auto arrangements = scalar(d.context.db,
                                   "SELECT COUNT(DISTINCT a.pupil_id) FROM access_arrangement a JOIN pupil p ON p.id = "
                                   "a.pupil_id WHERE p.school_id = ?1 AND a.valid_from <= ?2 AND (a.valid_to IS NULL "
                                   "OR a.valid_to >= ?3)",
                                   d.school, today, today);
  std::string out =
      "We adapt how we teach and the classroom itself: visual timetables, pre-taught vocabulary, "
      "seating, breaks and technology, as each pupil's profile says. Exam access arrangements reflect "
      "each pupil's normal way of working";
  out += arrangements > 0 ? "; " + published(arrangements) + " pupils have access arrangements in place." : ".";
  const auto universal = catalogue_list(d, 1);
  if (!universal.empty()) out += " Adjustments for whole classes include: " + universal + ".";
  return out;
}

std::string draft_staff(const Drafting& d) {
  auto s = d.context.db.prepare(
      "SELECT COUNT(*), COUNT(DISTINCT t.staff_id) FROM staff_training t JOIN staff s ON s.id = t.staff_id WHERE "
      "s.school_id = ?1 AND t.completed_on BETWEEN ?2 AND ?3");
  s.bind(1, d.school).bind(2, d.from).bind(3, d.to);
  s.step();
  auto areas = d.context.db.prepare(
      "SELECT DISTINCT t.area FROM staff_training t JOIN staff s ON s.id = t.staff_id WHERE s.school_id = ?1 AND "
      "t.completed_on BETWEEN ?2 AND ?3 ORDER BY t.area");
  areas.bind(1, d.school).bind(2, d.from).bind(3, d.to);
  std::string covered;
  while (areas.step()) covered += (covered.empty() ? "" : "; ") + areas.text(0);
  auto senco = d.context.db.prepare("SELECT award, hours_per_week FROM senco_role WHERE school_id = ?1");
  senco.bind(1, d.school);
  std::string out = "Our SENCO";
  if (senco.step()) {
    if (!senco.is_null(0) && senco.text(0) == "held") out += " holds the National Award for SEN Co-ordination and";
    out += " has " + model::decimal_text(senco.real(1)) + " hours a week for the role.";
  } else {
    out += " leads SEN provision across the school.";
  }
  out += " In " + d.year_name + " so far " + std::to_string(s.integer(1)) + " members of staff have completed " +
         std::to_string(s.integer(0)) + " SEND courses";
  if (!covered.empty()) out += ", covering " + covered;
  return out +
         ". Staff rate their own confidence with each area of need, and training goes first where it reaches "
         "the most pupils.";
}

std::string draft_effectiveness(const Drafting& d) {
  const auto measured = scalar(d.context.db,
                               "SELECT COUNT(*) FROM placement pl JOIN pupil p ON p.id = pl.pupil_id WHERE p.school_id "
                               "= ?1 AND pl.exit_date BETWEEN ?2 AND ?3 AND pl.baseline IS NOT NULL AND pl.exit_value "
                               "IS NOT NULL",
                               d.school, d.from, d.to);
  std::string out =
      "We measure each intervention: a baseline before it starts and an exit measure when it ends, so we "
      "can see which ones move pupils on and at what cost, and stop those that do not.";
  if (measured > 0)
    out += " In " + d.year_name + " so far " + published(measured) + " interventions have ended with both measures.";
  return out +
         " Governors receive a termly report on SEND, with attendance, exclusions and attainment of pupils with "
         "SEN against their peers.";
}

std::string draft_activities(const Drafting&) {
  return "[The SENCO to write: how pupils with SEN take part in clubs, trips, residentials and school events with "
         "other pupils, and the adjustments made so that they can.]";
}

std::string draft_emotional(const Drafting& d) {
  std::string out =
      "Pupils' wellbeing matters as much as their learning: every pupil has a trusted adult, and "
      "pupils with social, emotional and mental health needs have support planned like any other need.";
  const auto semh = catalogue_list(d, 0, "SEMH");
  if (!semh.empty()) out += " Support we run includes: " + semh + ".";
  return out;
}

std::string draft_agencies(const Drafting& d) {
  auto s = d.context.db.prepare("SELECT name FROM agency WHERE school_id = ?1 ORDER BY name");
  s.bind(1, d.school);
  std::string names;
  while (s.step()) names += (names.empty() ? "" : "; ") + s.text(0);
  std::string out =
      "We work with health, social care and local authority services to meet pupils' needs, and make "
      "referrals with parents' consent.";
  if (!names.empty()) out += " The services we work with include: " + names + ".";
  return out;
}

std::string draft_complaints(const Drafting&) {
  return "If you are unhappy with the support for your child, please talk first to your child's teacher or the SENCO. "
         "If that does not settle it, our complaints procedure (on our website) explains the next steps. Parents "
         "may also contact the local authority's SEND information, advice and support service, and may appeal to "
         "the First-tier Tribunal (SEND) about EHC needs assessments and plans.";
}

std::string draft_local_offer(const Drafting& d) {
  return "Our local authority (LA code " + d.la +
         ") publishes its local offer: the services available to children and young people with SEND and their "
         "families. [The SENCO to add the address of the local offer's website.]";
}

using Drafter = std::string (*)(const Drafting&);
constexpr std::array<Drafter, 15> kDrafters{draft_kinds,     draft_identification, draft_parents,    draft_pupils,
                                            draft_graduated, draft_transition,     draft_teaching,   draft_adaptations,
                                            draft_staff,     draft_effectiveness,  draft_activities, draft_emotional,
                                            draft_agencies,  draft_complaints,     draft_local_offer};

json::value information_report(Context& context, const json::object& r) {
  const auto school = school_or_only(context.db, r);
  const int year = requested_academic_year(context, r);
  auto names = context.db.prepare("SELECT la || '-' || estab, name, la FROM school WHERE id = ?1");
  names.bind(1, school);
  names.step();
  Drafting d{context,
             school,
             std::to_string(year) + "-08-01",
             std::to_string(year + 1) + "-07-31",
             model::academic_year_name(year),
             names.text(2)};
  auto edits = context.db.prepare(
      "SELECT section, text, edited_on, edited_by FROM sen_information_text WHERE school_id = ?1 AND academic_year = "
      "?2");
  edits.bind(1, school).bind(2, year);
  std::map<std::string, std::tuple<std::string, std::string, std::string>> edited;
  while (edits.step()) edited[edits.text(0)] = {edits.text(1), edits.text(2), edits.text(3)};
  json::array sections;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < kSections.size(); ++i) {
    const auto& s = kSections[i];
    auto draft = kDrafters[i](d);
    json::object row{{"section", s.key}, {"heading", s.heading}, {"draft", draft}};
    if (auto it = edited.find(std::string(s.key)); it != edited.end()) {
      ++kept;
      row["text"] = std::get<0>(it->second);
      row["edited"] = true;
      row["edited_on"] = std::get<1>(it->second);
    } else {
      row["text"] = draft;
      row["edited"] = false;
      row["edited_on"] = nullptr;
    }
    sections.push_back(std::move(row));
  }
  return json::object{{"title", "SEN Information Report"},
                      {"school", names.text(0)},
                      {"school_name", names.is_null(1) ? json::value(names.text(0)) : json::value(names.text(1))},
                      {"academic_year", d.year_name},
                      {"as_of", model::format_date(context.today)},
                      {"sections_edited", kept},
                      {"sections", std::move(sections)},
                      {"note",
                       "Drafted from the school's own figures for the SENCO to edit and publish (SEND Regulations "
                       "2014, Schedule 1). Counts of fewer than 5 pupils are not published"}};
}

json::value edit_section(Context& context, const json::object& r) {
  const auto school = school_or_only(context.db, r);
  const int year = requested_academic_year(context, r);
  const auto section = text_field(r, "section");
  std::vector<FieldError> errors;
  if (std::none_of(kSections.begin(), kSections.end(), [&](const auto& s) { return s.key == section; }))
    errors.push_back({"section", "must be one of " + sections_text()});
  const auto text = text_field(r, "text");
  if (text.size() > kMaxSectionText) errors.push_back({"text", "at most 20,000 characters"});
  if (!errors.empty()) throw InvalidRequest(errors);
  if (text.empty()) {  // back to senmap's draft
    auto s = context.db.prepare(
        "DELETE FROM sen_information_text WHERE school_id = ?1 AND academic_year = ?2 AND section = ?3");
    s.bind(1, school).bind(2, year).bind(3, section).run();
  } else {
    auto s = context.db.prepare(
        "INSERT INTO sen_information_text (school_id, academic_year, section, text, edited_on, edited_by) VALUES (?1, "
        "?2, ?3, ?4, ?5, ?6) ON CONFLICT (school_id, academic_year, section) DO UPDATE SET text = excluded.text, "
        "edited_on = excluded.edited_on, edited_by = excluded.edited_by");
    s.bind(1, school).bind(2, year).bind(3, section).bind(4, text).bind(5, model::format_date(context.today));
    s.bind(6, context.actor).run();
  }
  auto report = information_report(context, r);
  for (auto& s : report.at("sections").as_array())
    if (s.at("section").as_string() == section) return s;
  return nullptr;
}

}  // namespace

void add_sen_information_operations(std::vector<Operation>& out) {
  using F = FieldType;
  const Field year{"academic_year", F::integer, false, "e.g. 2026 for 2026/27 (default: the latest held)"};
  out.push_back({"report.sen_information",
                 "The SEN Information Report for a school year: each statutory section drafted from the school's "
                 "figures, or as the SENCO edited it (no pupil named; counts under 5 not published)",
                 false,
                 {school_field(), year},
                 information_report});
  out.push_back({"sen_information.edit",
                 "Keep the SENCO's text for one section of the year's SEN Information Report (empty text returns to "
                 "senmap's draft)",
                 true,
                 {school_field(),
                  year,
                  {"section", F::string, true, "the section: " + sections_text()},
                  {"text", F::text, false, "the section's text as it will be published"}},
                 edit_section});
}

}  // namespace sm::ops
