// Person-centred records: the pupil passport (one-page profile) and exam access arrangements.
#include <boost/json.hpp>

#include "ops/operation.hpp"
#include "report/json_columns.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// The one-page profile's sections, in the order a passport prints them.
const std::vector<std::pair<std::string, std::string>> kSections{
    {"like_admire", "what people like and admire about me"},
    {"important_to_me", "what is important to me"},
    {"support_strategies", "how best to support me (the strategies teachers use in class)"},
    {"learn_best_when", "I learn best when"},
    {"communicate_by", "I communicate by"},
    {"find_difficult", "I find it difficult to"},
    {"recent_achievements", "my recent achievements"},
    {"parents_think", "what my parents think"},
};

json::value latest_passport(store::Database& db, std::int64_t pupil, const std::string& upn) {
  auto s = db.prepare("SELECT recorded_on, content FROM passport WHERE pupil_id = ?1 ORDER BY id DESC LIMIT 1");
  s.bind(1, pupil);
  if (!s.step()) throw NotFound("no passport is recorded for UPN " + upn);
  auto content = json::parse(s.text(1)).as_object();
  content["upn"] = upn;
  content["recorded_on"] = s.text(0);
  return content;
}

json::value set(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, true);
  json::object content;
  for (const auto& [name, label] : kSections)
    if (const auto* v = r.if_contains(name); v && !v->is_null()) content[name] = *v;
  if (content.empty()) throw InvalidRequest("", "a passport needs at least one section");
  auto s = context.db.prepare("INSERT INTO passport (pupil_id, recorded_on, content) VALUES (?1, ?2, ?3)");
  s.bind(1, pupil).bind(2, model::format_date(context.today)).bind(3, json::serialize(content)).run();
  return latest_passport(context.db, pupil, upn);
}

json::value get(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  return latest_passport(context.db, pupil_id_of(context.db, upn, false), upn);
}

const std::vector<std::string> kAccessKinds{"extra_time_25",  "extra_time_50", "reader",          "scribe",
                                            "word_processor", "rest_breaks",   "modified_papers", "separate_room",
                                            "prompter",       "other"};

json::value arrangements(store::Database& db, std::int64_t pupil, const std::string& upn, const std::string& today) {
  auto s = db.prepare(
      "SELECT id, kind, details, evidence, valid_from, valid_to FROM access_arrangement WHERE pupil_id = ?1 ORDER BY "
      "valid_from, id");
  s.bind(1, pupil);
  json::array out;
  while (s.step()) {
    auto to = s.optional_text(5);
    out.push_back({{"id", s.integer(0)},
                   {"kind", s.text(1)},
                   {"details", report::text_or_null(s, 2)},
                   {"evidence", s.text(3)},
                   {"valid_from", s.text(4)},
                   {"valid_to", to ? json::value(*to) : nullptr},
                   {"current", s.text(4) <= today && (!to || *to >= today)}});
  }
  return json::object{{"upn", upn}, {"arrangements", std::move(out)}};
}

json::value add_access(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, true);
  auto kind = text_field(r, "kind");
  if (std::find(kAccessKinds.begin(), kAccessKinds.end(), kind) == kAccessKinds.end()) {
    std::string all;
    for (const auto& k : kAccessKinds) all += (all.empty() ? "" : ", ") + k;
    throw InvalidRequest("kind", "must be one of " + all);
  }
  auto from = model::format_date(date_field(r, "valid_from"));
  std::optional<std::string> to;
  if (r.if_contains("valid_to") && !r.at("valid_to").is_null()) {
    to = model::format_date(date_field(r, "valid_to"));
    if (*to < from) throw InvalidRequest("valid_to", "cannot be before valid_from (" + from + ")");
  }
  auto details = text_field(r, "details");
  auto s = context.db.prepare(
      "INSERT INTO access_arrangement (pupil_id, kind, details, evidence, valid_from, valid_to) VALUES "
      "(?1,?2,?3,?4,?5,?6)");
  s.bind(1, pupil)
      .bind(2, kind)
      .bind_borrowed(3, details)
      .bind(4, text_field(r, "evidence"))
      .bind(5, from)
      .bind(6, to)
      .run();
  auto out = arrangements(context.db, pupil, upn, model::format_date(context.today));
  out.as_object()["id"] = context.db.last_insert_id();
  return out;
}

json::value list_access(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  return arrangements(context.db, pupil_id_of(context.db, upn, false), upn, model::format_date(context.today));
}

}  // namespace

// The passport's support strategies, for class maps (empty when none is recorded).
std::vector<std::string> support_strategies(store::Database& db, std::int64_t pupil) {
  auto& s = db.cached("SELECT content FROM passport WHERE pupil_id = ?1 ORDER BY id DESC LIMIT 1");
  s.bind(1, pupil);
  std::vector<std::string> out;
  if (!s.step()) return out;
  auto content = json::parse(s.text(0));
  if (const auto* v = content.as_object().if_contains("support_strategies"); v && v->is_array())
    for (const auto& item : v->as_array()) out.emplace_back(item.as_string());
  return out;
}

void add_passport_operations(std::vector<Operation>& out) {
  using F = FieldType;
  std::vector<Field> fields{{"upn", F::upn, true, "the pupil's UPN"}};
  for (const auto& [name, label] : kSections)
    fields.push_back({name, name == "support_strategies" ? F::string_list : F::text, false, label});
  out.push_back(
      {"passport.set", "Record the pupil passport (one-page profile); earlier versions are kept", true, fields, set});
  out.push_back(
      {"passport.get", "The pupil's current passport", false, {{"upn", F::upn, true, "the pupil's UPN"}}, get});
  out.push_back({"access.add",
                 "Record an exam access arrangement (JCQ / STA)",
                 true,
                 {{"upn", F::upn, true, "the pupil's UPN"},
                  {"kind", F::string, true,
                   "extra_time_25, extra_time_50, reader, scribe, word_processor, rest_breaks, "
                   "modified_papers, separate_room, prompter or other"},
                  {"details", F::text, false, "what exactly"},
                  {"evidence", F::string, true, "the evidence it rests on (the pupil's normal way of working)"},
                  {"valid_from", F::date, true, "from"},
                  {"valid_to", F::date, false, "to"}},
                 add_access});
  out.push_back({"access.list",
                 "The pupil's exam access arrangements",
                 false,
                 {{"upn", F::upn, true, "the pupil's UPN"}},
                 list_access});
}

}  // namespace sm::ops
