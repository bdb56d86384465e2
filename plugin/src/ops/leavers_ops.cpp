// leavers.list and leavers.erase: the school's retention schedule for pupils who have left (domain.md:
// the school decides how long a leaver's SEN record is kept; senmap lists who is due and erases them,
// saying exactly what went). leavers.erase is the server's own command line's alone (local_only).
#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "model/dates.hpp"
#include "ops/operation.hpp"
#include "store/erase.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

struct Leaver {
  std::int64_t id = 0;
  std::string upn, surname, forename, left_on, school;
};

// What the school's schedule says is due: pupils who left before a day and, where it keeps SEN files
// until an age (commonly date of birth + 31 years), were born before another.
struct Due {
  std::string left_before, born_before, school;  // YYYY-MM-DD; born_before and school may be empty
};

// The pupils due, of one school ("LA-ESTAB") or all, oldest leavers first.
std::vector<Leaver> leavers(store::Database& db, const Due& due) {
  auto s = db.prepare(
      "SELECT p.id, p.upn, p.surname, p.forename, p.left_on, s.la || '-' || s.estab FROM pupil p "
      "JOIN school s ON s.id = p.school_id WHERE p.left_on IS NOT NULL AND p.left_on < ?1 "
      "AND (?2 = '' OR s.la || '-' || s.estab = ?2) AND (?3 = '' OR p.dob < ?3) ORDER BY p.left_on, p.upn");
  s.bind(1, due.left_before).bind(2, due.school).bind(3, due.born_before);
  std::vector<Leaver> out;
  while (s.step()) out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
  return out;
}

Due due_of(Context& context, const json::object& r) {
  auto before = date_field(r, "left_before");
  if (before > context.today) throw InvalidRequest("left_before", "must not be after today");
  Due due{model::format_date(before), "", text_field(r, "school")};
  if (r.contains("born_before")) due.born_before = model::format_date(date_field(r, "born_before"));
  return due;
}

json::value list_leavers(Context& context, const json::object& r) {
  json::array out;
  for (const auto& l : leavers(context.db, due_of(context, r)))
    out.push_back(json::object{{"upn", l.upn},
                               {"surname", l.surname},
                               {"forename", l.forename},
                               {"left_on", l.left_on},
                               {"school", l.school}});
  return json::object{{"leavers", std::move(out)}};
}

json::value erase_leavers(Context& context, const json::object& r) {
  const auto* confirm = r.if_contains("confirm");
  if (!confirm || !confirm->is_bool() || !confirm->as_bool())
    throw InvalidRequest("confirm", "must be true: erasing cannot be undone (take a backup first: senmap backup)");
  auto due = leavers(context.db, due_of(context, r));
  std::set<std::string> only;
  if (const auto* upns = r.if_contains("upns"))
    for (const auto& u : upns->as_array()) only.insert(std::string(u.as_string()));
  for (const auto& upn : only) {
    bool is_due = std::any_of(due.begin(), due.end(), [&](const Leaver& l) { return l.upn == upn; });
    if (!is_due)
      throw InvalidRequest("upns", upn +
                                       " is not due (left before left_before, born before born_before if given): only "
                                       "leavers due under the school's schedule are erased");
  }
  json::array erased;
  std::int64_t audit_rows_kept = 0;
  for (const auto& l : due) {
    if (!only.empty() && !only.count(l.upn)) continue;
    auto gone = store::erase_pupil(context.db, l.id, l.upn);
    json::object rows;
    for (const auto& [table, count] : gone.rows) rows[table] = count;
    audit_rows_kept += gone.audit_rows_kept;
    erased.push_back(
        json::object{{"upn", l.upn}, {"left_on", l.left_on}, {"school", l.school}, {"rows", std::move(rows)}});
  }
  return json::object{{"erased", std::move(erased)},
                      {"audit_rows_kept", audit_rows_kept},
                      {"note",
                       "the audit trail of who read or changed these records is kept; it is archived on its "
                       "own schedule (senmap audit archive)"}};
}

}  // namespace

void add_leaver_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"leavers.list",
                 "Pupils who left before a date: whose records the school's retention schedule may now erase",
                 false,
                 {{"left_before", F::date, true, "pupils who left before this day (YYYY-MM-DD)"},
                  {"born_before", F::date, false,
                   "and were born before this day (a schedule keeping SEN files to date of birth + 31 years)"},
                  {"school", F::string, false, "one school (LA-ESTAB); all when absent"}},
                 list_leavers});
  out.push_back({"leavers.erase",
                 "Erase the records of pupils who left before a date (or the listed ones among them), with a "
                 "report of every row erased per table; cannot be undone",
                 true,
                 {{"left_before", F::date, true, "erase pupils who left before this day (YYYY-MM-DD)"},
                  {"born_before", F::date, false, "and were born before this day (date of birth + N years)"},
                  {"school", F::string, false, "one school (LA-ESTAB); all when absent"},
                  {"upns", F::string_list, false, "only these leavers (each must be due)"},
                  {"confirm", F::boolean, true, "true: erasing cannot be undone"}},
                 erase_leavers});
}

}  // namespace sm::ops
