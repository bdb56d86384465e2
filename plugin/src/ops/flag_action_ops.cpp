// What staff do with a flag: acknowledge it with a note, snooze it until a day, assign it to a
// member of staff, or resolve it with a reason. Each step is kept (flag_action) and shown with
// the flag, so the next person sees who did what and why; each is in the change log like every
// change. A flag the rules have cleared is history: nothing more is done with it.
#include <boost/json.hpp>

#include "ops/flag_view.hpp"
#include "ops/operation.hpp"
#include "ops/staff_identity.hpp"
#include "report/pupil_lookups.hpp"
#include "store/audit.hpp"
#include "writeback/outbox.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

constexpr int kLongestSnoozeDays = 366;  // a school year: longer is not a snooze but a resolution

struct HeldFlag {
  std::int64_t id = 0, pupil = 0, school = 0;
  std::string rule;
};

// The flag the request names, refused when the rules have cleared it or someone has resolved it.
HeldFlag open_flag(Context& context, const json::object& r) {
  auto id = r.at("flag_id").as_int64();
  auto s = context.db.prepare(
      "SELECT f.id, f.pupil_id, p.school_id, f.rule, f.cleared_on, f.cleared_why, f.resolved_on FROM flag f "
      "JOIN pupil p ON p.id = f.pupil_id WHERE f.id = ?1");
  s.bind(1, id);
  if (!s.step()) throw NotFound("no flag with id " + std::to_string(id));
  if (!s.is_null(4))
    throw InvalidRequest("flag_id", "flag " + std::to_string(id) + " was cleared on " + s.text(4) + " (" + s.text(5) +
                                        "): there is nothing more to do with it");
  if (!s.is_null(6))
    throw InvalidRequest("flag_id", "flag " + std::to_string(id) + " was resolved on " + s.text(6) +
                                        ": it stays resolved while its condition holds");
  return {s.integer(0), s.integer(1), s.integer(2), s.text(3)};
}

std::string note_field(const json::object& r, const char* name, bool required) {
  auto note = text_field(r, name);
  if (auto broken = staff_note_rule_broken(note, required, "the next person")) throw InvalidRequest(name, *broken);
  return note;
}

void record_action(Context& context, const HeldFlag& flag, const char* action, const std::string& note,
                   std::optional<std::string> until = std::nullopt, std::optional<std::int64_t> staff = std::nullopt) {
  auto s = context.db.prepare(
      "INSERT INTO flag_action (flag_id, action, acted_on, actor, note, until, staff_id, created_at) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  s.bind(1, flag.id).bind(2, action).bind(3, model::format_date(context.today)).bind(4, context.actor).bind(5, note);
  if (until)
    s.bind(6, *until);
  else
    s.bind_null(6);
  if (staff)
    s.bind(7, *staff);
  else
    s.bind_null(7);
  s.bind(8, store::utc_timestamp()).run();
}

// The flag as flags.list shows it, with the pupil's UPN for the change log.
json::value answer(Context& context, const HeldFlag& flag) {
  FlagQuery query;
  query.flag_id = flag.id;
  query.state = "all";
  auto rows = flag_rows(context.db, context.today, query);
  return rows.at(0);
}

json::value acknowledge(Context& context, const json::object& r) {
  auto flag = open_flag(context, r);
  auto note = note_field(r, "note", true);
  context.db.prepare("UPDATE flag SET acknowledged_on = ?2 WHERE id = ?1")
      .bind(1, flag.id)
      .bind(2, model::format_date(context.today))
      .run();
  record_action(context, flag, "acknowledge", note);
  return answer(context, flag);
}

json::value snooze(Context& context, const json::object& r) {
  auto flag = open_flag(context, r);
  auto until = date_field(r, "until");
  if (until <= context.today)
    throw InvalidRequest("until", "must be after today (" + model::format_date(context.today) + ")");
  if (model::days_between(context.today, until) > kLongestSnoozeDays)
    throw InvalidRequest("until",
                         "at most a year from today: a flag that should not come back for longer is resolved instead");
  auto note = note_field(r, "note", false);
  auto day = model::format_date(until);
  context.db.prepare("UPDATE flag SET snoozed_until = ?2 WHERE id = ?1").bind(1, flag.id).bind(2, day).run();
  record_action(context, flag, "snooze", note, day);
  return answer(context, flag);
}

json::value assign(Context& context, const json::object& r) {
  auto flag = open_flag(context, r);
  auto staff = find_staff(context.db, text_field(r, "staff_id"));
  if (staff.school_id != flag.school)
    throw InvalidRequest("staff_id", "works at " + staff.school + ", not at the pupil's school");
  if (staff.left) throw InvalidRequest("staff_id", staff.name + " is no longer listed by the MIS");
  auto note = note_field(r, "note", false);
  context.db.prepare("UPDATE flag SET assigned_to = ?2 WHERE id = ?1").bind(1, flag.id).bind(2, staff.id).run();
  record_action(context, flag, "assign", note, std::nullopt, staff.id);
  return answer(context, flag);
}

json::value resolve(Context& context, const json::object& r) {
  auto flag = open_flag(context, r);
  auto reason = note_field(r, "reason", true);
  auto day = model::format_date(context.today);
  context.db.prepare("UPDATE flag SET resolved_on = ?2, resolved_why = ?3 WHERE id = ?1")
      .bind(1, flag.id)
      .bind(2, day)
      .bind(3, reason)
      .run();
  record_action(context, flag, "resolve", reason);
  // The MIS hears that the flag is down, as when the rules clear it (the same key: it hears once).
  writeback::queue(context.db, "flag_cleared", "flag-" + std::to_string(flag.id) + "-cleared",
                   report::upn_of(context.db, flag.pupil),
                   {{"flag_id", flag.id}, {"rule", flag.rule}, {"date", day}, {"why", "resolved: " + reason}},
                   store::utc_timestamp());
  return answer(context, flag);
}

}  // namespace

void add_flag_action_operations(std::vector<Operation>& out) {
  using F = FieldType;
  const Field flag_id{"flag_id", F::integer, true, "the flag (flags.list gives each its id)"};
  out.push_back({"flag.acknowledge",
                 "Acknowledge a flag with a note: it stays active, marked as seen, with what is being done",
                 true,
                 {flag_id, {"note", F::text, true, "what is being done about it (shown to the next person)"}},
                 acknowledge});
  out.push_back({"flag.snooze",
                 "Snooze a flag until a day: it leaves the active list and returns that day if it still holds",
                 true,
                 {flag_id,
                  {"until", F::date, true, "the day it returns (after today, within a year)"},
                  {"note", F::text, false, "why it can wait"}},
                 snooze});
  out.push_back({"flag.assign",
                 "Assign a flag to a member of staff of the pupil's school",
                 true,
                 {flag_id,
                  {"staff_id", F::string, true, "the member of staff (staff.list gives their ids)"},
                  {"note", F::text, false, "what they are asked to do"}},
                 assign});
  out.push_back({"flag.resolve",
                 "Resolve a flag with a reason: it leaves the active list and is not raised again while its "
                 "condition holds; the MIS hears it is cleared",
                 true,
                 {flag_id, {"reason", F::text, true, "why no more is needed (shown to the next person)"}},
                 resolve});
}

}  // namespace sm::ops
