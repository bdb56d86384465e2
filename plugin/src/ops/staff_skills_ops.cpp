// Staff SEND skills: each member of staff's training (course, day, provider, the area of need it
// covers) and their own confidence in each broad area of need, and the audit that sets them
// against the needs of the pupils each one teaches or supports. Governors ask what training staff
// have had; the SENCO needs to see where training would reach most pupils, not who went on what.
#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "model/dates.hpp"
#include "model/reference_data.hpp"
#include "ops/operation.hpp"
#include "ops/staff_identity.hpp"
#include "report/json_columns.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// Training counts as recent for three years: the span schools' skills audits and the SENCO award
// guidance use for keeping knowledge current.
constexpr int kRecentYears = 3;
// A self-rating of 4 or 5 ("confident", "very confident") meets a need without training.
constexpr std::int64_t kConfident = 4;
constexpr std::size_t kMaxText = 200;

// The four broad areas of need, each with the request field its confidence rating fills.
struct BroadArea {
  std::string_view area, field;
};
constexpr std::array<BroadArea, 4> kAreas{{{"Communication and interaction", "communication_and_interaction"},
                                           {"Cognition and learning", "cognition_and_learning"},
                                           {"Social, emotional and mental health", "social_emotional_mental_health"},
                                           {"Sensory and/or physical", "sensory_and_physical"}}};
constexpr std::string_view kGeneral = "General";

// The broad area a course covers: given as the area, as a census need code within it (training
// in autism is Communication and interaction), or General (the graduated approach, SEND law).
std::optional<std::string> area_of(const std::string& given) {
  for (const auto& a : kAreas)
    if (given == a.area) return std::string(a.area);
  if (given == kGeneral) return std::string(kGeneral);
  if (const auto* type = model::find_sen_type(given)) {
    for (const auto& a : kAreas)
      if (type->area == a.area) return std::string(a.area);
  }
  return std::nullopt;
}

json::array training_of(store::Database& db, std::int64_t staff) {
  auto s = db.prepare(
      "SELECT id, course, completed_on, provider, area, hours FROM staff_training WHERE staff_id = ?1 ORDER BY "
      "completed_on DESC, id DESC");
  s.bind(1, staff);
  json::array out;
  while (s.step())
    out.push_back({{"training_id", s.integer(0)},
                   {"course", s.text(1)},
                   {"completed_on", s.text(2)},
                   {"provider", report::text_or_null(s, 3)},
                   {"area", s.text(4)},
                   {"hours", s.is_null(5) ? json::value(nullptr) : json::value(s.real(5))}});
  return out;
}

// Each area's self-rating, null where none is given.
json::object confidence_of(store::Database& db, std::int64_t staff) {
  json::object out;
  for (const auto& a : kAreas) out[a.field] = nullptr;
  auto s = db.prepare("SELECT area, rating, rated_on FROM staff_confidence WHERE staff_id = ?1");
  s.bind(1, staff);
  while (s.step())
    for (const auto& a : kAreas)
      if (s.text(0) == a.area) out[a.field] = s.integer(1);
  return out;
}

std::string recent_since(const Context& context) {
  const auto t = context.today;
  model::Date since{t.year() - std::chrono::years{kRecentYears}, t.month(), t.day()};
  if (!since.ok()) since = model::Date{since.year() / since.month() / std::chrono::last};
  return model::format_date(since);
}

// The register pupils each member of staff teaches (a running class) or supports (a class's
// aide, a TA assigned to them), with every current need's broad area.
struct Reach {
  std::map<std::int64_t, std::set<std::int64_t>> pupils_of_staff;
  std::map<std::int64_t, std::set<std::string>> areas_of_pupil;
};

Reach reach_of(Context& context, std::int64_t school) {
  Reach reach;
  for (const auto& [id, p] : report::load_pupil_facts(context.db, context.today)) {
    if (!p.on_roll || p.school_id != school || (p.status != "K" && p.status != "E")) continue;
    auto& areas = reach.areas_of_pupil[id];
    for (const auto& need : p.needs)
      if (const auto* type = model::find_sen_type(need))
        for (const auto& a : kAreas)
          if (type->area == a.area) areas.insert(std::string(a.area));
  }
  const auto today = model::format_date(context.today);
  auto s = context.db.prepare(
      "SELECT t.staff_id, s.pupil_id FROM class_member t JOIN class_member s ON s.class_id = t.class_id JOIN "
      "school_class c ON c.id = t.class_id JOIN staff st ON st.id = t.staff_id WHERE t.staff_id IS NOT NULL AND "
      "s.pupil_id IS NOT NULL AND c.ended_on IS NULL AND c.school_id = ?1 AND st.left_on IS NULL AND (t.end_date IS "
      "NULL OR t.end_date >= ?2) AND (s.end_date IS NULL OR s.end_date >= ?2) "
      "UNION SELECT a.staff_id, a.pupil_id FROM ta_assignment a JOIN staff st ON st.id = a.staff_id WHERE "
      "st.school_id = ?1 AND st.left_on IS NULL");
  s.bind(1, school).bind(2, today);
  while (s.step())
    if (reach.areas_of_pupil.count(s.integer(1))) reach.pupils_of_staff[s.integer(0)].insert(s.integer(1));
  return reach;
}

struct Readiness {
  std::optional<std::string> last_trained;  // the latest course in the area, within the recent years
  std::optional<std::int64_t> confidence;
  bool gap() const { return !last_trained && (!confidence || *confidence < kConfident); }
};

// Each member of staff's readiness by area: recent training and their self-rating.
std::map<std::int64_t, std::map<std::string, Readiness>> readiness_of(Context& context, std::int64_t school) {
  std::map<std::int64_t, std::map<std::string, Readiness>> out;
  auto t = context.db.prepare(
      "SELECT t.staff_id, t.area, MAX(t.completed_on) FROM staff_training t JOIN staff s ON s.id = t.staff_id WHERE "
      "s.school_id = ?1 AND t.completed_on >= ?2 GROUP BY t.staff_id, t.area");
  t.bind(1, school).bind(2, recent_since(context));
  while (t.step()) out[t.integer(0)][t.text(1)].last_trained = t.text(2);
  auto c = context.db.prepare(
      "SELECT c.staff_id, c.area, c.rating FROM staff_confidence c JOIN staff s ON s.id = c.staff_id WHERE "
      "s.school_id = ?1");
  c.bind(1, school);
  while (c.step()) out[c.integer(0)][c.text(1)].confidence = c.integer(2);
  return out;
}

json::value skills_of(Context& context, const StaffMember& staff) {
  auto reach = reach_of(context, staff.school_id);
  auto readiness = readiness_of(context, staff.school_id)[staff.id];
  json::array areas;
  const auto& pupils = reach.pupils_of_staff[staff.id];
  for (const auto& a : kAreas) {
    std::size_t n = 0;
    for (auto p : pupils) n += reach.areas_of_pupil[p].count(std::string(a.area));
    const auto& r = readiness[std::string(a.area)];
    areas.push_back({{"area", a.area},
                     {"pupils", n},
                     {"trained_recently", r.last_trained ? json::value(*r.last_trained) : nullptr},
                     {"confidence", r.confidence ? json::value(*r.confidence) : nullptr},
                     {"training_need", n > 0 && r.gap()}});
  }
  return json::object{{"staff_id", staff.reference()},
                      {"name", staff.name},
                      {"register_pupils", pupils.size()},
                      {"training", training_of(context.db, staff.id)},
                      {"confidence", confidence_of(context.db, staff.id)},
                      {"areas", std::move(areas)},
                      {"recent_since", recent_since(context)}};
}

json::value record_training(Context& context, const json::object& r) {
  auto staff = find_staff(context.db, text_field(r, "staff_id"));
  std::vector<FieldError> errors;
  const auto course = text_field(r, "course");
  if (course.empty()) errors.push_back({"course", "the course's title is required"});
  if (course.size() > kMaxText) errors.push_back({"course", "at most 200 characters"});
  const auto provider = text_field(r, "provider");
  if (provider.size() > kMaxText) errors.push_back({"provider", "at most 200 characters"});
  const auto area = area_of(text_field(r, "area"));
  if (!area)
    errors.push_back({"area",
                      "must be a broad area of need (e.g. Cognition and learning), a census need code (e.g. ASD) or "
                      "General"});
  std::optional<double> hours;
  if (const auto* h = r.if_contains("hours"); h && !h->is_null()) {
    hours = h->to_number<double>();
    if (*hours <= 0 || *hours > 1000) errors.push_back({"hours", "must be more than 0 and at most 1,000"});
  }
  const auto completed = model::format_date(date_field(r, "completed_on"));
  if (!errors.empty()) throw InvalidRequest(errors);
  not_in_future(context, completed, "completed_on");
  auto s = context.db.prepare(
      "INSERT INTO staff_training (staff_id, course, completed_on, provider, area, hours, recorded_at, recorded_by) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (staff_id, course, completed_on) DO UPDATE SET provider = "
      "excluded.provider, area = excluded.area, hours = excluded.hours, recorded_at = excluded.recorded_at, "
      "recorded_by = excluded.recorded_by");
  s.bind(1, staff.id).bind(2, course).bind(3, completed);
  if (!provider.empty()) s.bind(4, provider);
  s.bind(5, *area);
  if (hours) s.bind_real(6, *hours);
  s.bind(7, model::format_date(context.today)).bind(8, context.actor).run();
  return skills_of(context, staff);
}

json::value rate_confidence(Context& context, const json::object& r) {
  auto staff = find_staff(context.db, text_field(r, "staff_id"));
  std::vector<FieldError> errors;
  std::vector<std::pair<std::string_view, std::int64_t>> ratings;
  for (const auto& a : kAreas) {
    const auto* v = r.if_contains(a.field);
    if (!v || v->is_null()) continue;
    auto rating = v->to_number<std::int64_t>();
    if (rating < 1 || rating > 5)
      errors.push_back({std::string(a.field), "must be from 1 (not confident) to 5 (very confident)"});
    ratings.emplace_back(a.area, rating);
  }
  if (ratings.empty() && errors.empty())
    errors.push_back({"communication_and_interaction", "rate at least one area of need from 1 to 5"});
  if (!errors.empty()) throw InvalidRequest(errors);
  auto s = context.db.prepare(
      "INSERT INTO staff_confidence (staff_id, area, rating, rated_on) VALUES (?1, ?2, ?3, ?4) ON CONFLICT "
      "(staff_id, area) DO UPDATE SET rating = excluded.rating, rated_on = excluded.rated_on");
  for (const auto& [area, rating] : ratings) {
    s.bind(1, staff.id).bind(2, std::string(area)).bind(3, rating).bind(4, model::format_date(context.today)).run();
    s.reset();
  }
  return skills_of(context, staff);
}

json::value skills(Context& context, const json::object& r) {
  return skills_of(context, find_staff(context.db, text_field(r, "staff_id")));
}

// The whole school's audit: by area, the register pupils with a need in it and how many of the
// staff who work with them are trained or confident; by member of staff, where they need training.
json::value audit(Context& context, const json::object& r) {
  const auto school = school_or_only(context.db, r);
  auto reach = reach_of(context, school);
  auto readiness = readiness_of(context, school);
  struct AreaCount {
    std::set<std::int64_t> pupils, pupils_reached_by_gap, staff, staff_trained, staff_confident, staff_gap,
        staff_unrated;
  };
  std::map<std::string, AreaCount> counts;
  for (const auto& [pupil, areas] : reach.areas_of_pupil)
    for (const auto& area : areas) counts[area].pupils.insert(pupil);
  json::array staff_rows;
  auto names = context.db.prepare(
      "SELECT s.id, sc.la || '-' || sc.estab || '/' || s.sourced_id, COALESCE(s.preferred_given_name, s.given_name) "
      "|| ' ' || s.family_name, s.role FROM staff s JOIN school sc ON sc.id = s.school_id WHERE s.school_id = ?1 AND "
      "s.left_on IS NULL ORDER BY s.family_name, s.given_name, s.id");
  names.bind(1, school);
  auto trained_any =
      context.db.prepare("SELECT COUNT(*) FROM staff_training WHERE staff_id = ?1 AND completed_on >= ?2");
  const auto since = recent_since(context);
  while (names.step()) {
    const auto id = names.integer(0);
    auto& mine = readiness[id];
    const auto& pupils = reach.pupils_of_staff[id];
    json::array needs;
    for (const auto& a : kAreas) {
      const std::string area(a.area);
      std::size_t n = 0;
      for (auto p : pupils)
        if (reach.areas_of_pupil[p].count(area)) {
          ++n;
          if (mine[area].gap()) counts[area].pupils_reached_by_gap.insert(p);
        }
      if (n == 0) continue;
      auto& c = counts[area];
      c.staff.insert(id);
      const auto& ready = mine[area];
      if (ready.last_trained) c.staff_trained.insert(id);
      if (ready.confidence && *ready.confidence >= kConfident) c.staff_confident.insert(id);
      if (!ready.confidence) c.staff_unrated.insert(id);
      if (ready.gap()) {
        c.staff_gap.insert(id);
        needs.push_back({{"area", a.area}, {"pupils", n}});
      }
    }
    trained_any.bind(1, id).bind(2, since);
    trained_any.step();
    const auto courses = trained_any.integer(0);
    trained_any.reset();
    if (pupils.empty() && courses == 0) continue;  // neither works with the register nor has trained
    staff_rows.push_back({{"staff_id", names.text(1)},
                          {"name", names.text(2)},
                          {"role", names.text(3)},
                          {"register_pupils", pupils.size()},
                          {"courses_recently", courses},
                          {"training_needed", std::move(needs)}});
  }
  json::array areas;
  for (const auto& a : kAreas) {
    auto& c = counts[std::string(a.area)];
    areas.push_back({{"area", a.area},
                     {"register_pupils", c.pupils.size()},
                     {"staff_working_with_them", c.staff.size()},
                     {"staff_trained_recently", c.staff_trained.size()},
                     {"staff_confident", c.staff_confident.size()},
                     {"staff_not_rated", c.staff_unrated.size()},
                     {"staff_needing_training", c.staff_gap.size()},
                     {"pupils_with_staff_needing_training", c.pupils_reached_by_gap.size()},
                     {"percent_staff_ready", percent_of(static_cast<double>(c.staff.size() - c.staff_gap.size()),
                                                        static_cast<double>(c.staff.size()))}});
  }
  // Where training reaches most pupils first.
  json::array priorities;
  std::vector<const json::object*> order;
  for (const auto& a : areas) order.push_back(&a.as_object());
  std::stable_sort(order.begin(), order.end(), [](const json::object* x, const json::object* y) {
    auto px = x->at("pupils_with_staff_needing_training").as_uint64();
    auto py = y->at("pupils_with_staff_needing_training").as_uint64();
    if (px != py) return px > py;
    return x->at("staff_needing_training").as_uint64() > y->at("staff_needing_training").as_uint64();
  });
  for (const auto* a : order)
    if (a->at("staff_needing_training").as_uint64() > 0)
      priorities.push_back({{"area", a->at("area")},
                            {"staff", a->at("staff_needing_training")},
                            {"pupils", a->at("pupils_with_staff_needing_training")}});
  return json::object{
      {"as_of", model::format_date(context.today)},
      {"recent_since", since},
      {"areas", std::move(areas)},
      {"training_most_needed", std::move(priorities)},
      {"staff", std::move(staff_rows)},
      {"note",
       "Staff who teach a pupil on the register (a running class) or support them (a class's aide, an assigned TA), "
       "against the broad areas of each pupil's needs. A member of staff needs training in an area when they work "
       "with a pupil with a need in it, have had no training in it since " +
           since + " and rate their own confidence in it below 4 of 5 (or have not rated it)"}};
}

}  // namespace

void add_staff_skills_operations(std::vector<Operation>& out) {
  using F = FieldType;
  const Field staff{"staff_id", F::string, true, "the member of staff (stf-0003, or 701-4001/stf-0003 in a trust)"};
  out.push_back({"staff.training",
                 "Record a course a member of staff has completed (the same course on the same day again corrects "
                 "it): its provider, the area of need it covers and its hours",
                 true,
                 {staff,
                  {"course", F::string, true, "the course's title"},
                  {"completed_on", F::date, true, "the day it was completed"},
                  {"area", F::string, true,
                   "the broad area of need (e.g. Cognition and learning), a census need code (e.g. ASD) or General"},
                  {"provider", F::string, false, "who ran it"},
                  {"hours", F::number, false, "its length in hours"}},
                 record_training});
  std::vector<Field> ratings{staff};
  for (const auto& a : kAreas)
    ratings.push_back({std::string(a.field), F::integer, false,
                       "confidence in " + std::string(a.area) + ", from 1 (not confident) to 5 (very confident)"});
  out.push_back({"staff.confidence",
                 "A member of staff's own confidence in each broad area of need, 1 to 5 (areas not given keep their "
                 "rating)",
                 true, ratings, rate_confidence});
  out.push_back({"staff.skills",
                 "One member of staff's SEND training and confidence, against the needs of the register pupils they "
                 "teach or support",
                 false,
                 {staff},
                 skills});
  out.push_back({"report.staff_skills",
                 "The staff SEND skills audit: by area of need, the register pupils and how many of their staff are "
                 "trained or confident; where training is most needed; each member of staff's gaps",
                 false,
                 {school_field()},
                 audit});
}

}  // namespace sm::ops
