// Notes written by staff (review summaries, meeting notes) or by senmap, each with a type and a
// visibility; and the writeback the MIS receives them through: the outbox and its runs.
#include <boost/json.hpp>
#include <random>

#include "ops/operation.hpp"
#include "store/audit.hpp"
#include "writeback/writeback_run.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

json::value add_note(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, true);
  auto type = text_field(r, "type");
  auto visibility = text_field(r, "visibility");
  std::vector<FieldError> errors;
  if (type != "review_summary" && type != "meeting" && type != "general")
    errors.push_back({"type", "must be review_summary, meeting or general"});
  if (visibility != "senco" && visibility != "teaching_staff" && visibility != "all_staff")
    errors.push_back({"visibility", "must be senco (the SENCO only), teaching_staff or all_staff"});
  auto body = text_field(r, "body");
  if (body.size() > 20000) errors.push_back({"body", "at most 20,000 characters"});
  auto written = r.if_contains("date") && r.at("date").is_string() ? std::string(r.at("date").as_string())
                                                                   : model::format_date(context.today);
  if (!errors.empty()) throw InvalidRequest(errors);
  not_in_future(context, written, "date");
  auto s = context.db.prepare(
      "INSERT INTO note (pupil_id, type, visibility, body, author, written_on, created_at) VALUES "
      "(?1,?2,?3,?4,?5,?6,?7)");
  auto now = store::utc_timestamp();
  s.bind(1, pupil)
      .bind(2, type)
      .bind(3, visibility)
      .bind_borrowed(4, body)
      .bind(5, context.actor)
      .bind(6, written)
      .bind(7, now)
      .run();
  auto id = context.db.last_insert_id();
  writeback::queue(context.db, "note", "note-" + std::to_string(id), upn,
                   {{"note_id", id},
                    {"type", type},
                    {"visibility", visibility},
                    {"date", written},
                    {"author", context.actor},
                    {"body", body}},
                   now);
  return json::object{{"id", id}, {"upn", upn}, {"type", type}, {"visibility", visibility}, {"date", written}};
}

json::value list_notes(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, false);
  auto s = context.db.prepare(
      "SELECT id, type, visibility, body, author, written_on FROM note WHERE pupil_id = ?1 ORDER BY written_on, id");
  s.bind(1, pupil);
  json::array out;
  while (s.step())
    out.push_back({{"id", s.integer(0)},
                   {"type", s.text(1)},
                   {"visibility", s.text(2)},
                   {"body", s.text(3)},
                   {"author", s.text(4)},
                   {"date", s.text(5)}});
  return json::object{{"upn", upn}, {"notes", std::move(out)}};
}

json::value outbox(Context& context, const json::object& r) {
  auto status = text_field(r, "status");
  if (!status.empty() && status != "pending" && status != "delivered" && status != "dead")
    throw InvalidRequest("status", "must be pending, delivered or dead");
  json::array out;
  for (const auto& item : writeback::list_outbox(context.db, status))
    out.push_back({{"id", item.id},
                   {"target", item.target},
                   {"idempotency_key", item.idempotency_key},
                   {"kind", item.kind},
                   {"upn", item.upn},
                   {"status", item.status},
                   {"attempts", item.attempts},
                   {"created_at", item.created_at},
                   {"next_attempt_at", item.next_attempt_at},
                   {"last_error", item.last_error ? json::value(*item.last_error) : nullptr},
                   {"delivered_at", item.delivered_at ? json::value(*item.delivered_at) : nullptr}});
  return json::object{{"items", std::move(out)}};
}

json::value writeback_run(Context& context, const json::object&) {
  auto targets = writeback::configured_targets(context.db);
  std::mt19937_64 random{std::random_device{}()};
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return json::object{
      {"targets", writeback::writeback_json(writeback::run_writeback(context.db, targets, now, {}, random))}};
}

}  // namespace

void add_note_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"notes.add",
                 "Write a note about a pupil (review summary, meeting, general), with who may see it; it is written "
                 "back to the MIS",
                 true,
                 {{"upn", F::upn, true, "the pupil's UPN"},
                  {"type", F::string, true, "review_summary, meeting or general"},
                  {"visibility", F::string, true, "senco, teaching_staff or all_staff"},
                  {"body", F::string, true, "the note"},
                  {"date", F::date, false, "the day it is about (default: today)"}},
                 add_note});
  out.push_back({"notes.list", "A pupil's notes", false, {{"upn", F::upn, true, "the pupil's UPN"}}, list_notes});
  out.push_back({"outbox.list",
                 "What waits for the MIS, what went and what failed (the dead-letter list)",
                 false,
                 {{"status", F::string, false, "pending, delivered or dead (default: all)"}},
                 outbox});
  out.push_back({"writeback.run",
                 "Deliver what waits in the outbox to every writeback target, retrying what fails later",
                 true,
                 {},
                 writeback_run});
}

}  // namespace sm::ops
