// Reading the SEN register and one pupil's whole record: the reads every door offers (the C ABI's
// senmap_register_json and senmap_pupil_json, GET /api/register and /api/pupils/{upn}, the CLI's
// register and pupil), so each is one operation with one audit row.
#include <algorithm>
#include <boost/json.hpp>
#include <unordered_set>

#include "ops/operation.hpp"
#include "report/pupil_record.hpp"
#include "report/register_report.hpp"
#include "report/register_rows.hpp"
#include "rules/rule.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

json::value list_register(Context& context, const json::object& r) {
  auto entries = report::load_register(context.db, context.today);
  if (auto school = school_of_request(context.db, r)) {
    // One school's pupils in a trust's database.
    std::unordered_set<std::string> theirs;
    auto s = context.db.prepare("SELECT upn FROM pupil WHERE school_id = ?1");
    s.bind(1, *school);
    while (s.step()) theirs.insert(s.text(0));
    std::erase_if(entries, [&](const report::RegisterEntry& e) { return !theirs.count(e.upn); });
  }
  return report::register_json(entries);
}

report::RegisterQuery register_query(Context& context, const json::object& r) {
  report::RegisterQuery q;
  q.filter = pupil_filter_from(context.db, r);
  std::vector<FieldError> errors;
  if (const auto* w = r.if_contains("wave"); w && w->is_int64()) {
    q.wave = static_cast<int>(w->as_int64());
    if (*q.wave < 0 || *q.wave > 3)
      errors.push_back({"wave", "must be 1 (universal), 2 (targeted), 3 (specialist) or 0 (on no provision)"});
  }
  q.flag = text_field(r, "flag");
  if (!q.flag.empty() && q.flag != "any" && !rules::find_rule(q.flag))
    errors.push_back({"flag", "must be any or a rule's id (flags.rules lists them), not '" + q.flag + "'"});
  q.search = text_field(r, "search");
  if (auto sort = text_field(r, "sort"); !sort.empty()) {
    const auto& sorts = report::register_sorts();
    if (std::find(sorts.begin(), sorts.end(), sort) == sorts.end()) {
      std::string names;
      for (const auto& n : sorts) names += (names.empty() ? "" : ", ") + n;
      errors.push_back({"sort", "must be one of " + names});
    }
    q.sort = sort;
  }
  if (auto order = text_field(r, "order"); !order.empty()) {
    if (order != "asc" && order != "desc") errors.push_back({"order", "must be asc or desc"});
    q.descending = order == "desc";
  }
  if (!errors.empty()) throw InvalidRequest(errors);
  return q;
}

json::array texts(const std::vector<std::string>& values) {
  return json::array(values.begin(), values.end());
}

json::object register_row_json(const report::RegisterRow& row, const std::string& today) {
  const auto& p = row.pupil;
  json::array classes;
  for (const auto& c : row.classes) classes.push_back({{"class_id", c.class_id}, {"title", c.title}});
  json::value review = nullptr;
  if (!row.next_review.empty())
    review =
        json::object{{"date", row.next_review}, {"what", row.next_review_what}, {"overdue", row.next_review < today}};
  return {{"upn", p.upn},
          {"forename", p.forename},
          {"surname", p.surname},
          {"name", p.forename + " " + p.surname},
          {"year", p.nc_year},
          {"status", p.status},
          {"needs", texts(p.needs)},
          {"area", p.primary_area},
          {"classes", std::move(classes)},
          {"key_workers", texts(row.key_workers)},
          {"next_review", std::move(review)},
          {"open_flags", row.open_flags},
          {"flag_rules", texts(row.flag_rules)},
          {"high_flag", row.high_flag},
          {"provisions", row.provisions},
          {"wave", row.wave == 0 ? json::value(nullptr) : json::value(row.wave)},
          {"pupil_premium", p.pupil_premium},
          {"eal", p.eal},
          {"looked_after", p.looked_after}};
}

json::value view_register(Context& context, const json::object& r) {
  auto q = register_query(context, r);
  auto list = report::load_register_list(context.db, context.clock, context.today, q);
  const auto today = model::format_date(context.today);
  json::array pupils;
  pupils.reserve(list.rows.size());
  for (const auto& row : list.rows) pupils.push_back(register_row_json(row, today));
  auto filters = q.filter.describe();
  if (q.wave) filters["wave"] = *q.wave;
  if (!q.flag.empty()) filters["flag"] = q.flag;
  if (!q.search.empty()) filters["search"] = q.search;
  json::object out{{"as_of", today},         {"filters", std::move(filters)},
                   {"sort", q.sort},         {"order", q.descending ? "desc" : "asc"},
                   {"count", pupils.size()}, {"pupils", std::move(pupils)}};
  if (!q.search.empty()) {
    json::array others;
    for (const auto& p : list.off_register)
      others.push_back({{"upn", p.upn}, {"name", p.forename + " " + p.surname}, {"year", p.nc_year}});
    out["not_on_register"] = std::move(others);
  }
  return out;
}

json::value get_pupil(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto record = report::pupil_record_json(context.db, upn, context.today);
  if (!record) throw NotFound("no pupil with UPN " + upn);
  return std::move(*record);
}

}  // namespace

void add_register_operations(std::vector<Operation>& out) {
  out.push_back({"register.list",
                 "The SEN register: every pupil with status K or E, their needs, year and class",
                 false,
                 {school_field()},
                 list_register,
                 "register.read"});
  using F = FieldType;
  auto fields = pupil_filter_fields();
  fields.push_back({"wave", F::integer, false, "on a provision of this wave today (1, 2 or 3; 0: on none)"});
  fields.push_back({"flag", F::string, false, "with an open flag: any, or one rule's id (flags.rules lists them)"});
  fields.push_back(
      {"search", F::string, false, "part of a name or the start of a UPN; also lists pupils off the register"});
  fields.push_back({"sort", F::string, false,
                    "name (the default), upn, year, status, need, next_review, flags, provisions or wave"});
  fields.push_back({"order", F::string, false, "asc (the default) or desc"});
  out.push_back({"register.view",
                 "The register as the SENCO's working list: each pupil with needs, classes, key workers, next "
                 "review, open flags and provision, filtered, searched and sorted",
                 false, std::move(fields), view_register, "register.read"});
  // The UPN is taken as text: a malformed one is answered like an unknown one, saying nothing more.
  out.push_back({"pupil.get",
                 "One pupil's whole record: identity, SEN status and needs, attendance, assessments, classes",
                 false,
                 {{"upn", FieldType::string, true, "the pupil's UPN"}},
                 get_pupil,
                 "pupil.read"});
}

}  // namespace sm::ops
