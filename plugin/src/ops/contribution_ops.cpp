// Teachers contribute to the graduated approach from their class map: their views for the pupil's
// next review, and whether a strategy on the map worked or did not. Each is kept with the cycle
// running when it was written, so the SENCO reads it in that cycle (cycle.get, the pupil page).
#include <boost/json.hpp>

#include "ops/flag_view.hpp"
#include "ops/operation.hpp"
#include "store/audit.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

const char* kinds() {
  return "views, strategy_worked or strategy_did_not_work";
}

json::value contribute(Context& context, const json::object& r) {
  const auto upn = text_field(r, "upn");
  const auto pupil = pupil_id_of(context.db, upn, true);
  const auto kind = text_field(r, "kind");
  auto note = text_field(r, "note");
  auto strategy = text_field(r, "strategy");
  std::vector<FieldError> errors;
  if (kind != "views" && kind != "strategy_worked" && kind != "strategy_did_not_work")
    errors.push_back({"kind", std::string("must be ") + kinds()});
  if (auto broken = staff_note_rule_broken(note, true, "the SENCO")) errors.push_back({"note", *broken});
  const bool about_strategy = kind == "strategy_worked" || kind == "strategy_did_not_work";
  if (about_strategy && strategy.find_first_not_of(" \t\r\n") == std::string::npos)
    errors.push_back({"strategy", "say which strategy (as the class map words it)"});
  if (!errors.empty()) throw InvalidRequest(errors);
  // The cycle being planned or running; none when the pupil has none open (kept for the next).
  auto open = context.db.prepare(
      "SELECT id FROM sen_cycle WHERE pupil_id = ?1 AND reviewed_on IS NULL ORDER BY assessed_on DESC, id DESC LIMIT "
      "1");
  open.bind(1, pupil);
  std::optional<std::int64_t> cycle;
  if (open.step()) cycle = open.integer(0);
  const auto day = model::format_date(context.today);
  auto add = context.db.prepare(
      "INSERT INTO teacher_contribution (pupil_id, cycle_id, staff_id, actor, kind, strategy, note, recorded_on, "
      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  add.bind(1, pupil);
  if (cycle) add.bind(2, *cycle);
  if (auto staff = staff_of_actor(context.db, context.actor)) add.bind(3, staff->id);
  add.bind(4, context.actor).bind(5, kind);
  if (about_strategy) add.bind(6, strategy);
  add.bind(7, note).bind(8, day).bind(9, store::utc_timestamp()).run();
  return json::object{{"id", context.db.last_insert_id()},
                      {"upn", upn},
                      {"cycle_id", cycle ? json::value(*cycle) : json::value(nullptr)},
                      {"kind", kind},
                      {"strategy", about_strategy ? json::value(strategy) : json::value(nullptr)},
                      {"note", note},
                      {"recorded_on", day},
                      {"by", context.actor},
                      {"by_name", actor_display_name(context.db, context.actor)}};
}

}  // namespace

json::array contributions_json(store::Database& db, std::int64_t pupil, std::optional<std::int64_t> cycle) {
  auto& s = db.cached(
      "SELECT id, kind, strategy, note, recorded_on, actor FROM teacher_contribution WHERE pupil_id = ?1 AND "
      "(cycle_id = ?2 OR (?2 IS NULL AND cycle_id IS NULL)) ORDER BY id");
  s.bind(1, pupil);
  if (cycle) s.bind(2, *cycle);
  json::array out;
  while (s.step())
    out.push_back({{"id", s.integer(0)},
                   {"kind", s.text(1)},
                   {"strategy", s.is_null(2) ? json::value(nullptr) : json::value(s.text(2))},
                   {"note", s.text(3)},
                   {"recorded_on", s.text(4)},
                   {"by", s.text(5)}});
  s.reset();
  for (auto& c : out) c.as_object()["by_name"] = actor_display_name(db, std::string(c.at("by").as_string()));
  return out;
}

void add_contribution_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"cycle.contribute",
                 "A teacher's contribution to the pupil's graduated approach: their views for the next review, or "
                 "that a strategy worked or did not; kept with the cycle running",
                 true,
                 {{"upn", F::upn, true, "the pupil's UPN"},
                  {"kind", F::string, true, "views, strategy_worked or strategy_did_not_work"},
                  {"strategy", F::string, false, "the strategy it is about, as the class map words it"},
                  {"note", F::text, true, "what the teacher saw"}},
                 contribute});
}

}  // namespace sm::ops
