// Placements (a pupil on a provision) and the session register: what was planned, what was
// delivered, who came, and progress measured from the MIS's own assessment results.
#include <boost/json.hpp>
#include <cctype>
#include <cmath>
#include <set>

#include "model/number_text.hpp"
#include "ops/operation.hpp"
#include "ops/staff_identity.hpp"
#include "report/json_columns.hpp"
#include "report/pupil_lookups.hpp"

namespace sm::ops {
namespace json = boost::json;

namespace {

json::value measure_json(const std::optional<std::string>& entered, const std::optional<std::string>& entered_date,
                         const std::optional<report::ResultOn>& from_mis) {
  if (entered)
    return json::object{
        {"value", *entered}, {"date", entered_date ? json::value(*entered_date) : nullptr}, {"source", "entered"}};
  if (from_mis) return json::object{{"value", from_mis->value}, {"date", from_mis->date}, {"source", "assessment"}};
  return nullptr;
}

}  // namespace

json::value placement_json(store::Database& db, std::int64_t id) {
  auto& s = db.cached(
      "SELECT pl.id, p.upn, p.id, pr.id, pr.name, pl.start_date, pl.end_date, pl.planned_sessions, pl.baseline, "
      "pl.baseline_date, pl.exit_value, pl.exit_date, pl.outcome, pr.measure_subject, pr.measure "
      "FROM placement pl JOIN pupil p ON p.id = pl.pupil_id JOIN provision pr ON pr.id = pl.provision_id WHERE pl.id = "
      "?1");
  s.bind(1, id);
  if (!s.step()) throw NotFound("no placement with id " + std::to_string(id));
  auto pupil = s.integer(2);
  auto start = s.text(5);
  auto end = s.optional_text(6);
  auto subject = s.optional_text(13);
  // Baseline and exit come from the MIS when the provision names an imported measure and
  // nobody entered them: always the latest data, never a copy that goes stale.
  std::optional<report::ResultOn> baseline_mis, exit_mis;
  if (subject && !subject->empty()) {
    baseline_mis = report::result_near(db, pupil, *subject, start, true);
    if (end) exit_mis = report::result_near(db, pupil, *subject, *end, false);
  }
  auto& counts = db.cached(
      "SELECT COALESCE(SUM(ps.status = 'delivered'), 0), COALESCE(SUM(ps.status = 'delivered' AND a.present = 1), 0), "
      "COALESCE(SUM(ps.status = 'cancelled'), 0) FROM session_attendance a JOIN provision_session ps ON ps.id = "
      "a.session_id "
      "WHERE a.placement_id = ?1");
  counts.bind(1, id);
  counts.step();
  auto planned = s.integer(7);
  auto delivered = counts.integer(0), attended = counts.integer(1);
  return json::object{
      {"id", s.integer(0)},
      {"upn", s.text(1)},
      {"provision", {{"id", s.integer(3)}, {"name", s.text(4)}, {"measure", report::text_or_null(s, 14)}}},
      {"start", start},
      {"end", end ? json::value(*end) : nullptr},
      {"planned_sessions", planned},
      {"baseline", measure_json(s.optional_text(8), s.optional_text(9), baseline_mis)},
      {"exit", measure_json(s.optional_text(10), s.optional_text(11), exit_mis)},
      {"outcome", report::text_or_null(s, 12)},
      {"sessions",
       {{"planned", planned},
        {"delivered", delivered},
        {"attended", attended},
        {"cancelled", counts.integer(2)},
        {"delivered_percent_of_planned", percent_of(delivered, planned)},
        {"attended_percent_of_delivered", percent_of(attended, delivered)}}}};
}

namespace {

std::optional<std::string> optional_text(const json::object& r, std::string_view name) {
  const auto* v = r.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_string()) return std::string(v->as_string());
  // A number entered as a measure: 15.5 as typed, not 1.55E1.
  return v->is_double() ? model::round_trip_decimal(v->as_double()) : json::serialize(*v);
}

json::value start(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, true);
  auto provision = r.at("provision_id").to_number<std::int64_t>();
  auto p = context.db.prepare("SELECT sessions_per_week, weeks, retired_on FROM provision WHERE id = ?1");
  p.bind(1, provision);
  if (!p.step()) throw InvalidRequest("provision_id", "no provision with this id in the catalogue");
  if (!p.is_null(2)) throw InvalidRequest("provision_id", "this provision was retired on " + p.text(2));
  auto date = model::format_date(date_field(r, "start"));
  not_in_future(context, date, "start");
  auto open =
      context.db.prepare("SELECT id FROM placement WHERE pupil_id = ?1 AND provision_id = ?2 AND end_date IS NULL");
  open.bind(1, pupil).bind(2, provision);
  if (open.step())
    throw InvalidRequest("provision_id",
                         "the pupil is already on this provision (placement " + std::to_string(open.integer(0)) + ")");
  std::int64_t planned = std::llround(p.real(0) * static_cast<double>(p.integer(1)));
  if (const auto* v = r.if_contains("planned_sessions"); v && !v->is_null()) {
    planned = v->to_number<std::int64_t>();
    if (planned < 1 || planned > 1000) throw InvalidRequest("planned_sessions", "must be from 1 to 1000");
  }
  auto baseline = optional_text(r, "baseline");
  std::optional<std::string> baseline_date;
  if (baseline) baseline_date = date;
  auto s = context.db.prepare(
      "INSERT INTO placement (pupil_id, provision_id, start_date, planned_sessions, baseline, baseline_date, "
      "baseline_source, "
      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  s.bind(1, pupil).bind(2, provision).bind(3, date).bind(4, planned).bind(5, baseline).bind(6, baseline_date);
  s.bind(7, baseline ? std::optional<std::string>("entered") : std::nullopt).bind(8, model::format_date(context.today));
  s.run();
  return placement_json(context.db, context.db.last_insert_id());
}

json::value end(Context& context, const json::object& r) {
  auto id = r.at("placement_id").to_number<std::int64_t>();
  auto p = context.db.prepare("SELECT start_date, end_date FROM placement WHERE id = ?1");
  p.bind(1, id);
  if (!p.step()) throw NotFound("no placement with id " + std::to_string(id));
  if (!p.is_null(1)) throw InvalidRequest("placement_id", "this placement already ended on " + p.text(1));
  auto date = model::format_date(date_field(r, "end"));
  not_in_future(context, date, "end");
  if (date < p.text(0)) throw InvalidRequest("end", "cannot be before the placement started (" + p.text(0) + ")");
  auto exit = optional_text(r, "exit");
  auto s = context.db.prepare(
      "UPDATE placement SET end_date = ?2, exit_value = ?3, exit_date = ?4, exit_source = ?5, outcome = ?6 WHERE id = "
      "?1");
  s.bind(1, id).bind(2, date).bind(3, exit).bind(4, exit ? std::optional<std::string>(date) : std::nullopt);
  s.bind(5, exit ? std::optional<std::string>("entered") : std::nullopt).bind(6, optional_text(r, "outcome"));
  s.run();
  return placement_json(context.db, id);
}

// A measure taken after the day: the baseline test given in the first week, the exit test the
// week after the block ended. Without it the flags say the impact cannot be judged, and nothing
// could be done about them but resolve them.
json::value measure(Context& context, const json::object& r) {
  auto id = r.at("placement_id").to_number<std::int64_t>();
  auto p = context.db.prepare("SELECT start_date, end_date FROM placement WHERE id = ?1");
  p.bind(1, id);
  if (!p.step()) throw NotFound("no placement with id " + std::to_string(id));
  auto start = p.text(0);
  auto ended = p.optional_text(1);
  auto baseline = optional_text(r, "baseline"), exit = optional_text(r, "exit");
  auto date = model::format_date(date_field(r, "date"));
  not_in_future(context, date, "date");
  std::vector<FieldError> errors;
  if (!baseline && !exit) errors.push_back({"baseline", "give the baseline, the exit measure or both"});
  if (exit && !ended) errors.push_back({"exit", "the placement is still running: end it first (placement.end)"});
  if (date < start) errors.push_back({"date", "cannot be before the placement started (" + start + ")"});
  if (exit && ended && date < *ended)
    errors.push_back({"date", "an exit measure is taken when the placement ends (" + *ended + ") or after"});
  if (!errors.empty()) throw InvalidRequest(errors);
  if (baseline)
    context.db
        .prepare("UPDATE placement SET baseline = ?2, baseline_date = ?3, baseline_source = 'entered' WHERE id = ?1")
        .bind(1, id)
        .bind(2, *baseline)
        .bind(3, date)
        .run();
  if (exit)
    context.db.prepare("UPDATE placement SET exit_value = ?2, exit_date = ?3, exit_source = 'entered' WHERE id = ?1")
        .bind(1, id)
        .bind(2, *exit)
        .bind(3, date)
        .run();
  return placement_json(context.db, id);
}

json::value get_placement(Context& context, const json::object& r) {
  return placement_json(context.db, r.at("placement_id").to_number<std::int64_t>());
}

// The start time, HH:MM on the 24-hour clock, when the request gives one.
std::optional<std::string> session_time(const json::object& r) {
  auto text = optional_text(r, "time");
  if (!text) return std::nullopt;
  const auto& t = *text;
  bool shaped = t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
                std::isdigit(static_cast<unsigned char>(t[1])) && std::isdigit(static_cast<unsigned char>(t[3])) &&
                std::isdigit(static_cast<unsigned char>(t[4]));
  if (!shaped || std::stoi(t.substr(0, 2)) > 23 || std::stoi(t.substr(3, 2)) > 59)
    throw InvalidRequest("time", "must be the start time as HH:MM (24-hour clock), e.g. 09:15");
  return t;
}

// A session is the provision, the day and, for a provision that meets more than once that day, the
// start time. The same session recorded twice (a form sent again, the CLI run twice) would count
// twice in delivery and attendance: refused, naming the session already held.
void refuse_repeat(Context& context, std::int64_t provision, const std::string& date,
                   const std::optional<std::string>& time) {
  auto held = context.db.prepare(
      "SELECT id, start_time FROM provision_session WHERE provision_id = ?1 AND session_date = ?2 ORDER BY id");
  held.bind(1, provision).bind(2, date);
  while (held.step()) {
    auto id = std::to_string(held.integer(0));
    auto held_time = held.optional_text(1);
    if (!held_time || !time)
      throw InvalidRequest("date", ("session " + id)
                                       .append(" of this provision is already recorded on ")
                                       .append(date)
                                       .append(held_time ? " at " + *held_time : std::string())
                                       .append(": a second session that day needs both sessions' start times (time)"));
    if (*held_time == *time)
      throw InvalidRequest("time", ("session " + id)
                                       .append(" of this provision is already recorded on ")
                                       .append(date)
                                       .append(" at ")
                                       .append(*time));
  }
}

// The member of staff who led a session: run_by (their MIS id), else the typed name when it is
// exactly one current member of staff's. A name that is no one's, or several people's, stays text.
std::optional<std::int64_t> session_leader(Context& context, const json::object& r) {
  if (auto run_by = text_field(r, "run_by"); !run_by.empty()) {
    auto staff = find_staff(context.db, run_by, "run_by");
    if (staff.left) throw InvalidRequest("run_by", run_by + " has left (the MIS no longer lists them)");
    return staff.id;
  }
  auto typed = text_field(r, "staff");
  if (typed.empty()) return std::nullopt;
  auto s = context.db.prepare(
      "SELECT id FROM staff WHERE left_on IS NULL AND (given_name || ' ' || family_name = ?1 OR "
      "COALESCE(preferred_given_name, given_name) || ' ' || family_name = ?1) LIMIT 2");
  s.bind(1, typed);
  if (!s.step()) return std::nullopt;
  const auto id = s.integer(0);
  return s.step() ? std::nullopt : std::optional<std::int64_t>(id);
}

json::value record_session(Context& context, const json::object& r) {
  auto provision = r.at("provision_id").to_number<std::int64_t>();
  auto exists = context.db.prepare("SELECT 1 FROM provision WHERE id = ?1");
  exists.bind(1, provision);
  if (!exists.step()) throw InvalidRequest("provision_id", "no provision with this id in the catalogue");
  auto date = model::format_date(date_field(r, "date"));
  not_in_future(context, date, "date");
  auto status = text_field(r, "status");
  if (status != "delivered" && status != "cancelled") throw InvalidRequest("status", "must be delivered or cancelled");
  std::set<std::string> present;
  if (const auto* list = r.if_contains("present"); list && list->is_array())
    for (const auto& upn : list->as_array()) present.insert(std::string(upn.as_string()));
  if (status == "cancelled" && !present.empty())
    throw InvalidRequest("present", "a cancelled session has nobody present");
  auto time = session_time(r);
  refuse_repeat(context, provision, date, time);

  // Everyone placed on the provision that day is on the register: present or absent.
  auto placed = context.db.prepare(
      "SELECT pl.id, p.upn FROM placement pl JOIN pupil p ON p.id = pl.pupil_id WHERE pl.provision_id = ?1 "
      "AND pl.start_date <= ?2 AND (pl.end_date IS NULL OR pl.end_date >= ?2)");
  placed.bind(1, provision).bind(2, date);
  std::vector<std::pair<std::int64_t, std::string>> register_;
  while (placed.step()) register_.emplace_back(placed.integer(0), placed.text(1));
  std::vector<FieldError> errors;
  for (const auto& upn : present) {
    bool on = std::any_of(register_.begin(), register_.end(), [&](const auto& p) { return p.second == upn; });
    if (!on) errors.push_back({"present", (upn + " is not placed on this provision on ").append(date)});
  }
  if (!errors.empty()) throw InvalidRequest(errors);

  const auto led_by = session_leader(context, r);
  auto s = context.db.prepare(
      "INSERT INTO provision_session (provision_id, session_date, status, staff, notes, created_at, start_time, "
      "staff_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  if (led_by) s.bind(8, *led_by);
  s.bind(1, provision)
      .bind(2, date)
      .bind(3, status)
      .bind(4, optional_text(r, "staff"))
      .bind(5, optional_text(r, "notes"));
  s.bind(6, model::format_date(context.today)).bind(7, time).run();
  auto session = context.db.last_insert_id();
  json::array marks;
  for (const auto& [placement, upn] : register_) {
    bool here = present.count(upn) > 0;
    context.db.prepare("INSERT INTO session_attendance (session_id, placement_id, present) VALUES (?1, ?2, ?3)")
        .bind(1, session)
        .bind(2, placement)
        .bind(3, here ? 1 : 0)
        .run();
    marks.push_back({{"upn", upn}, {"present", here}});
  }
  json::object out{
      {"id", session}, {"provision_id", provision}, {"date", date}, {"status", status}, {"register", std::move(marks)}};
  if (time) out["time"] = *time;
  return out;
}

}  // namespace

void add_placement_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"placement.start",
                 "Place a pupil on a provision",
                 true,
                 {{"upn", F::upn, true, "the pupil's UPN"},
                  {"provision_id", F::integer, true, "the provision in the catalogue"},
                  {"start", F::date, true, "the first day"},
                  {"planned_sessions", F::integer, false, "sessions planned (default: sessions a week x weeks)"},
                  {"baseline", F::text, false, "the baseline measure, when the MIS does not hold it"}},
                 start});
  out.push_back({"placement.measure",
                 "Record a baseline or exit measure taken after the placement started or ended",
                 true,
                 {{"placement_id", F::integer, true, "the placement"},
                  {"date", F::date, true, "the day the measure was taken"},
                  {"baseline", F::text, false, "the baseline measure (replaces one entered before)"},
                  {"exit", F::text, false, "the exit measure, once the placement has ended"}},
                 measure});
  out.push_back({"placement.end",
                 "End a placement, with its exit measure and outcome",
                 true,
                 {{"placement_id", F::integer, true, "the placement"},
                  {"end", F::date, true, "the last day"},
                  {"exit", F::text, false, "the exit measure, when the MIS does not hold it"},
                  {"outcome", F::text, false, "what came of it"}},
                 end});
  out.push_back({"placement.get",
                 "A placement with its baseline, exit and sessions delivered against planned",
                 false,
                 {{"placement_id", F::integer, true, "the placement"}},
                 get_placement});
  out.push_back({"session.record",
                 "Record a session of a provision: delivered or cancelled, and who was present",
                 true,
                 {{"provision_id", F::integer, true, "the provision"},
                  {"date", F::date, true, "the day of the session"},
                  {"status", F::string, true, "delivered or cancelled"},
                  {"time", F::string, false, "start time HH:MM, when the provision meets more than once that day"},
                  {"present", F::string_list, false, "UPNs of the pupils present (the others placed are absent)"},
                  {"staff", F::text, false, "who ran it"},
                  {"run_by", F::string, false, "who ran it, as a member of staff (their MIS id): counts their hours"},
                  {"notes", F::text, false, "running record"}},
                 record_session});
}

}  // namespace sm::ops
