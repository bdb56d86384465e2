// Person-centred records: the pupil passport (one-page profile). Exam access arrangements are in
// access_arrangement_ops.cpp.
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

json::value get_passport(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  return latest_passport(context.db, pupil_id_of(context.db, upn, false), upn);
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
  out.push_back({"passport.get",
                 "The pupil's current passport",
                 false,
                 {{"upn", F::upn, true, "the pupil's UPN"}},
                 get_passport});
}

}  // namespace sm::ops
