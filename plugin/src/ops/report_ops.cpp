// Reports as operations: the class provision map a teacher opens, prints or takes into Excel.
#include <algorithm>
#include <boost/json.hpp>

#include "model/access_kinds.hpp"
#include "model/statutory_clock.hpp"
#include "ops/operation.hpp"
#include "report/class_map_reads.hpp"
#include "report/ics_calendar.hpp"
#include "report/register_report.hpp"
#include "report/review_dates.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// The earliest of the plan's review date and an EHC plan's annual review.
std::optional<std::string> next_review(Context& context, std::int64_t pupil,
                                       const std::optional<std::string>& cycle_review) {
  std::optional<std::string> next = cycle_review;
  auto& plan = context.db.cached(
      "SELECT e.issue_date, (SELECT MAX(meeting_date) FROM ehc_review r WHERE r.plan_id = e.id) FROM ehc_plan e "
      "WHERE e.pupil_id = ?1 AND e.issue_date IS NOT NULL AND e.ceased_date IS NULL ORDER BY e.issue_date DESC LIMIT "
      "1");
  plan.bind(1, pupil);
  if (plan.step()) {
    auto from = plan.is_null(1) ? plan.text(0) : std::max(plan.text(0), plan.text(1));
    auto annual = model::format_date(context.clock.annual_review.after(*model::parse_date(from)));
    if (!next || annual < *next) next = annual;
  }
  return next;
}

// One class's map: pupils on the register in the class (a teacher's map lists the pupils they
// teach with SEN), their needs, strategies, provisions, targets and next review.
json::value build_class_map(Context& context, std::int64_t internal_id, const std::string& class_id,
                            const std::string& title) {
  auto entries = report::load_register(context.db, context.today, internal_id);
  auto& members = context.db.cached(
      "SELECT p.id, p.upn FROM class_member m JOIN pupil p ON p.id = m.pupil_id JOIN school_class c ON c.id = "
      "m.class_id "
      "WHERE m.class_id = ?1 AND (m.end_date IS NULL OR m.end_date >= ?2) AND p.left_on IS NULL AND (c.school_id, "
      "p.id) NOT IN "
      "(SELECT school_id, pupil_id FROM roster_student WHERE left_on IS NOT NULL)");
  // (The same test as the class lists: students who left, read once from their small index.)
  members.bind(1, internal_id).bind(2, model::format_date(context.today));
  std::vector<std::pair<std::int64_t, std::string>> in_class;
  while (members.step()) in_class.emplace_back(members.integer(0), members.text(1));

  json::array pupils;
  for (const auto& e : entries) {
    auto it = std::find_if(in_class.begin(), in_class.end(), [&](const auto& m) { return m.second == e.upn; });
    if (it == in_class.end()) continue;
    json::array needs, strategies, provisions, targets;
    for (const auto& n : e.needs) needs.push_back({{"code", n.code}, {"rank", n.rank}});
    for (const auto& s : support_strategies(context.db, it->first)) strategies.push_back(json::value(s));
    auto& placed = context.db.cached(
        "SELECT pr.name, pl.start_date FROM placement pl JOIN provision pr ON pr.id = pl.provision_id "
        "WHERE pl.pupil_id = ?1 AND pl.end_date IS NULL ORDER BY pr.name");
    placed.bind(1, it->first);
    while (placed.step()) provisions.push_back({{"name", placed.text(0)}, {"since", placed.text(1)}});
    auto [current, review_due] = current_targets(context.db, it->first);
    for (const auto& t : current) targets.push_back(json::value(t));
    auto next = next_review(context, it->first, review_due);
    // Exam access arrangements in force: the teacher of an exam class gives them in class tests too.
    json::array access;
    auto& arranged = context.db.cached(
        "SELECT DISTINCT kind FROM access_arrangement WHERE pupil_id = ?1 AND valid_from <= ?2 AND (valid_to IS NULL "
        "OR valid_to >= ?2) ORDER BY kind");
    arranged.bind(1, it->first).bind(2, model::format_date(context.today));
    while (arranged.step()) access.push_back(json::value(arranged.text(0)));
    pupils.push_back({{"upn", e.upn},
                      {"surname", e.surname},
                      {"forename", e.forename},
                      {"status", e.status},
                      {"needs", std::move(needs)},
                      {"strategies", std::move(strategies)},
                      {"provisions", std::move(provisions)},
                      {"targets", std::move(targets)},
                      {"access_arrangements", std::move(access)},
                      {"next_review", next ? json::value(*next) : nullptr}});
  }
  return json::object{{"class", {{"id", class_id}, {"title", title}}}, {"pupils", std::move(pupils)}};
}

struct RunningClass {
  std::int64_t id = 0, school_id = 0;
  std::string title;
};

// "cls-7a", or "701-4001/cls-7a" where a trust's schools share class ids (an unqualified id two
// schools use is refused rather than guessed).
RunningClass running_class(Context& context, const std::string& class_id) {
  auto [school, sourced] = split_school_qualified(class_id);
  auto& c = context.db.cached(
      "SELECT c.id, c.title, c.school_id, s.la || '-' || s.estab FROM school_class c JOIN school s ON s.id = "
      "c.school_id "
      "WHERE c.sourced_id = ?1 AND c.ended_on IS NULL AND (?2 = '' OR s.la || '-' || s.estab = ?2)");
  c.bind(1, sourced).bind(2, school);
  if (!c.step()) {
    c.reset();
    throw NotFound("no running class with id " + class_id);
  }
  RunningClass out{c.integer(0), c.integer(2), c.text(1)};
  auto first_school = c.text(3);
  bool shared = c.step();
  c.reset();
  if (shared)
    throw InvalidRequest("class_id", "more than one school has a class with id " + sourced + ": write it as " +
                                         first_school + "/" + sourced + " (LA-ESTAB/id)");
  return out;
}

json::value class_map(Context& context, const json::object& r) {
  auto class_id = text_field(r, "class_id");
  auto c = running_class(context, class_id);
  return build_class_map(context, c.id, class_id, c.title);
}

// A member of staff has read the class's map: recorded with what the map said, as evidence.
json::value record_read(Context& context, const json::object& r) {
  auto class_id = text_field(r, "class_id");
  auto staff_id = text_field(r, "staff_id");
  // Signed in as a member of staff (senmap serve: "staff:<school>/<id>"), only one's own read counts.
  if (context.actor.starts_with("staff:")) {
    auto own = context.actor.substr(context.actor.find('/') + 1);
    if (staff_id != own && staff_id != context.actor.substr(6))
      throw InvalidRequest("staff_id", "a member of staff records only their own reading of a map");
  }
  auto c = running_class(context, class_id);
  // "stf-01", or "701-4001/stf-01" where a trust's schools reuse staff ids.
  auto [school, sourced] = split_school_qualified(staff_id);
  auto& s = context.db.cached(
      "SELECT st.id FROM staff st JOIN school sc ON sc.id = st.school_id WHERE st.school_id = ?1 AND st.sourced_id = "
      "?2 "
      "AND st.left_on IS NULL AND (?3 = '' OR sc.la || '-' || sc.estab = ?3)");
  s.bind(1, c.school_id).bind(2, sourced).bind(3, school);
  if (!s.step()) {
    s.reset();
    throw InvalidRequest("staff_id", "no member of staff with this id works at the class's school");
  }
  auto staff = s.integer(0);
  s.reset();
  auto map = build_class_map(context, c.id, class_id, c.title);
  report::record_class_map_read(context.db, c.id, staff, context.today, map);
  return json::object{{"class_id", class_id},
                      {"staff_id", staff_id},
                      {"read_on", model::format_date(context.today)},
                      {"pupils", map.at("pupils").as_array().size()}};
}

// Who teaches or supports the class, who has read its map, and whether they read it as it is now.
json::value reads(Context& context, const json::object& r) {
  auto class_id = text_field(r, "class_id");
  auto c = running_class(context, class_id);
  auto map = build_class_map(context, c.id, class_id, c.title);
  return json::object{{"class", {{"id", class_id}, {"title", c.title}}},
                      {"staff", report::class_map_reads(context.db, c.id, map, context.today)}};
}

// A teacher's class maps, or every running class's (the start-of-term print run), read in one
// transaction so every map is of the same moment.
json::value teacher_maps(Context& context, const json::object& r) {
  auto teacher = text_field(r, "teacher_id");
  json::object out;
  std::vector<std::tuple<std::int64_t, std::string, std::string>> classes;
  if (!teacher.empty()) {
    auto [school, sourced] = split_school_qualified(teacher);
    auto t = context.db.prepare(
        "SELECT st.id, st.given_name || ' ' || st.family_name, s.la || '-' || s.estab FROM staff st JOIN school s ON "
        "s.id = st.school_id "
        "WHERE st.sourced_id = ?1 AND st.left_on IS NULL AND (?2 = '' OR s.la || '-' || s.estab = ?2)");
    t.bind(1, sourced).bind(2, school);
    if (!t.step()) throw NotFound("no member of staff with id " + teacher);
    auto teacher_row = t.integer(0);
    auto teacher_name = t.text(1), first_school = t.text(2);
    if (t.step())
      throw InvalidRequest("teacher_id", "more than one school has staff with id " + sourced + ": write it as " +
                                             first_school + "/" + sourced + " (LA-ESTAB/id)");
    out["teacher"] = {{"id", teacher}, {"name", teacher_name}};
    auto list = context.db.prepare(
        "SELECT c.id, c.sourced_id, c.title FROM class_member m JOIN school_class c ON c.id = m.class_id WHERE "
        "m.staff_id = ?1 "
        "AND (m.end_date IS NULL OR m.end_date >= ?2) AND c.ended_on IS NULL ORDER BY c.title");
    list.bind(1, teacher_row).bind(2, model::format_date(context.today));
    while (list.step()) classes.emplace_back(list.integer(0), list.text(1), list.text(2));
  } else {
    auto list =
        context.db.prepare("SELECT id, sourced_id, title FROM school_class WHERE ended_on IS NULL ORDER BY title");
    while (list.step()) classes.emplace_back(list.integer(0), list.text(1), list.text(2));
  }
  json::array maps;
  {
    store::ReadSnapshot snapshot(context.db);
    for (const auto& [id, sourced, title] : classes) maps.push_back(build_class_map(context, id, sourced, title));
  }
  out["classes"] = std::move(maps);
  return out;
}

}  // namespace

void add_report_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"report.class_map",
                 "The class provision map: each pupil on the register in the class with needs, strategies, provisions, "
                 "targets and next review",
                 false,
                 {{"class_id", F::string, true,
                   "the class's id (its OneRoster sourcedId), or LA-ESTAB/id where schools share ids"}},
                 class_map});
  out.push_back({"class_map.read",
                 "Record that a member of staff has read the class provision map (evidence that the strategies reached "
                 "the classroom; the map's content is kept with it, so a later change shows)",
                 true,
                 {{"class_id", F::string, true,
                   "the class's id (its OneRoster sourcedId), or LA-ESTAB/id where schools share ids"},
                  {"staff_id", F::string, true, "the member of staff's id (their OneRoster sourcedId)"}},
                 record_read});
  out.push_back(
      {"report.class_map_reads",
       "Who teaches or supports the class, who has read its provision map and when, and whether what they read "
       "is the map as it is now",
       false,
       {{"class_id", F::string, true,
         "the class's id (its OneRoster sourcedId), or LA-ESTAB/id where schools share ids"}},
       reads});
  out.push_back(
      {"report.teacher_maps",
       "The class provision maps of a teacher's classes, or of every running class (the start-of-term print run)",
       false,
       {{"teacher_id", F::string, false,
         "the teacher's id (their OneRoster sourcedId, or LA-ESTAB/id where schools share ids); default: every class"}},
       teacher_maps});
}

}  // namespace sm::ops

namespace sm::ops {

namespace {

std::vector<report::Column> class_map_columns() {
  using report::ColumnType;
  return {{"UPN", ColumnType::text},         {"Surname", ColumnType::text},
          {"Forename", ColumnType::text},    {"Status", ColumnType::text},
          {"Needs", ColumnType::text},       {"Strategies", ColumnType::text},
          {"Provisions", ColumnType::text},  {"Targets", ColumnType::text},
          {"Next review", ColumnType::date}, {"Exam access arrangements", ColumnType::text}};
}

// The arrangements in force as staff say them: "25% extra time; A reader".
std::string access_names(const boost::json::array& kinds) {
  std::string out;
  for (const auto& k : kinds) out += (out.empty() ? "" : "; ") + model::access_kind_name(k.as_string());
  return out;
}

}  // namespace

report::Table teacher_maps_table(const boost::json::value& maps) {
  report::Table table;
  table.title = maps.as_object().contains("teacher") ? std::string(maps.at("teacher").at("name").as_string())
                                                     : "Class provision maps";
  table.columns = class_map_columns();
  table.columns.insert(table.columns.begin(), report::Column{"Class", report::ColumnType::text});
  for (const auto& map : maps.at("classes").as_array()) {
    auto one = class_map_table(map);
    for (auto& row : one.rows) {
      row.insert(row.begin(), one.title);
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

report::Table class_map_table(const boost::json::value& map) {
  namespace json = boost::json;
  auto join = [](const json::array& items, const char* key) {
    std::string out;
    for (const auto& i : items) {
      std::string piece = key && i.is_object() ? std::string(i.at(key).as_string())
                          : i.is_string()      ? std::string(i.as_string())
                                               : json::serialize(i);
      out += (out.empty() ? "" : "; ") + piece;
    }
    return out;
  };
  report::Table table;
  table.title = std::string(map.at("class").at("title").as_string());
  table.columns = class_map_columns();
  for (const auto& p : map.at("pupils").as_array()) {
    std::string status(p.at("status").as_string());
    report::add_row(table, {p.at("upn"), p.at("surname"), p.at("forename"), status == "E" ? "EHC plan" : "SEN support",
                            join(p.at("needs").as_array(), "code"), join(p.at("strategies").as_array(), nullptr),
                            join(p.at("provisions").as_array(), "name"), join(p.at("targets").as_array(), nullptr),
                            p.at("next_review"), access_names(p.at("access_arrangements").as_array())});
  }
  return table;
}

}  // namespace sm::ops

namespace sm::ops {
namespace {

// Review dates of open cycles and EHC annual reviews (with their invitation deadlines).
boost::json::value review_calendar(Context& context, const boost::json::object&) {
  namespace json = boost::json;
  using Kind = report::ReviewDate::Kind;
  std::vector<report::CalendarEvent> events;
  for (const auto& r : report::load_review_dates(context.db, context.clock, std::nullopt, context.today)) {
    auto who = r.forename + " " + r.surname;
    if (r.kind == Kind::sen_support_review)
      events.push_back({r.uid, r.date, "SEN support review: " + who,
                        "Review of the assess-plan-do-review cycle (UPN " + r.upn + ")"});
    else if (r.kind == Kind::ehc_annual_review)
      events.push_back({r.uid, r.date, "EHC plan annual review due: " + who,
                        "Within 12 months of " + r.from + " (UPN " + r.upn + ")"});
    else if (r.kind == Kind::ehc_invitations)
      events.push_back(
          {r.uid, r.date, "Send EHC annual review invitations: " + who, "At least 2 weeks before the review meeting"});
    else
      events.push_back({r.uid, r.date, std::string(report::what_is_due(r.kind)) + ": " + who, "UPN " + r.upn});
  }
  json::array list;
  for (const auto& e : events) list.push_back({{"date", e.date}, {"summary", e.summary}, {"uid", e.uid}});
  return json::object{
      {"events", std::move(list)},
      {"ics", report::ics_calendar("SEN reviews", events, model::format_date(context.today) + "T000000Z")}};
}

}  // namespace

void add_calendar_operations(std::vector<Operation>& out) {
  out.push_back({"report.review_calendar",
                 "Review dates and EHC annual reviews as events, and as an .ics calendar",
                 false,
                 {},
                 review_calendar});
}

}  // namespace sm::ops
