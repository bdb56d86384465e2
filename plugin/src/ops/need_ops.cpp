// Needs agreed by staff (at a review, after a specialist assessment): the ranked areas of need
// replace the current ones from a date, with the census rules the MIS would apply.
#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "model/reference_data.hpp"
#include "ops/operation.hpp"
#include "store/audit.hpp"
#include "writeback/outbox.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// The register status on a day: the latest period started on or before it ('N' when none).
std::string status_on(store::Database& db, std::int64_t pupil, const std::string& day) {
  auto s = db.prepare(
      "SELECT provision FROM sen_status_period WHERE pupil_id = ?1 AND start_date <= ?2 ORDER BY start_date DESC LIMIT "
      "1");
  s.bind(1, pupil).bind(2, day);
  return s.step() ? s.text(0) : "N";
}

bool has_issued_plan(store::Database& db, std::int64_t pupil, const std::string& day) {
  auto s = db.prepare(
      "SELECT 1 FROM ehc_plan WHERE pupil_id = ?1 AND issue_date <= ?2 AND (ceased_date IS NULL OR ceased_date > ?2)");
  s.bind(1, pupil).bind(2, day);
  return s.step();
}

json::value set_needs(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, true);
  auto date = date_field(r, "date");
  auto day = model::format_date(date);
  not_in_future(context, day, "date");

  std::vector<FieldError> errors;
  struct Need {
    std::string code;
    std::int64_t rank;
  };
  std::vector<Need> needs;
  std::set<std::int64_t> ranks;
  const auto& list = r.at("needs").as_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& item = list[i].as_object();
    std::string where = "needs[" + std::to_string(i + 1) + "]";
    const auto* code = item.if_contains("code");
    const auto* rank = item.if_contains("rank");
    if (!code || !code->is_string()) {
      errors.push_back({where + ".code", "required: a census need code (e.g. SPLD)"});
      continue;
    }
    std::string c(code->as_string());
    const auto* known = model::find_sen_type(c);
    if (!known)
      errors.push_back(
          {where + ".code",
           "'" + c +
               "' is not a census need code (SLCN, ASD, SPLD, MLD, SLD, PMLD, SEMH, HI, VI, MSI, PD, OTH, NSA, ...)"});
    else if (!known->valid_on(date))
      errors.push_back({where + ".code", ("'" + c).append("' is not a valid need code on ").append(day)});
    std::int64_t n = static_cast<std::int64_t>(i + 1);
    if (rank) {
      if (!rank->is_int64() || rank->as_int64() < 1) {
        errors.push_back({where + ".rank", "must be a whole number from 1 (1 = primary need)"});
        continue;
      }
      n = rank->as_int64();
    }
    if (!ranks.insert(n).second) errors.push_back({where + ".rank", "rank " + std::to_string(n) + " is given twice"});
    for (const auto& other : needs)
      if (other.code == c) errors.push_back({where + ".code", c + " is listed twice"});
    needs.push_back({c, n});
  }
  if (!ranks.empty() && *ranks.rbegin() != static_cast<std::int64_t>(ranks.size()))
    errors.push_back({"needs", "ranks must run 1, 2, 3... without gaps (1 is the primary need)"});
  if (!errors.empty()) throw InvalidRequest(errors);

  auto status = status_on(context.db, pupil, day);
  if (status != "K" && status != "E")
    throw InvalidRequest("upn", "the pupil is not on the SEN register on " + day + " (status " + status +
                                    "): needs are recorded for SEN support (K) or an EHC plan (E)");
  bool nsa = std::any_of(needs.begin(), needs.end(), [](const Need& n) { return n.code == "NSA"; });
  if (nsa && (status == "E" || has_issued_plan(context.db, pupil, day)))
    throw InvalidRequest(
        "needs",
        "NSA (no specialist assessment of need) is only valid with SEN support (K): this pupil has an EHC plan");
  if (nsa && needs.size() > 1)
    throw InvalidRequest("needs",
                         "NSA means no type of need has been assessed: it cannot be listed beside other needs");

  // The current needs end the day before the new ones start; history is never rewritten.
  auto later = context.db.prepare("SELECT COUNT(*) FROM sen_need WHERE pupil_id = ?1 AND start_date > ?2");
  later.bind(1, pupil).bind(2, day);
  later.step();
  if (later.integer(0) > 0)
    throw InvalidRequest("date", "needs recorded after " + day + " exist: record the change from a later date");
  auto end = context.db.prepare(
      "UPDATE sen_need SET end_date = ?2 WHERE pupil_id = ?1 AND (end_date IS NULL OR end_date > ?2)");
  end.bind(1, pupil).bind(2, day).run();
  std::sort(needs.begin(), needs.end(), [](const Need& a, const Need& b) { return a.rank < b.rank; });
  json::array out;
  for (const auto& n : needs) {
    auto add = context.db.prepare(
        "INSERT INTO sen_need (pupil_id, need_type, rank, start_date, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)");
    add.bind(1, pupil).bind(2, n.code).bind(3, n.rank).bind(4, day).bind(5, context.actor).run();
    out.push_back({{"code", n.code}, {"rank", n.rank}});
  }
  // The MIS hears of it in the same transaction (writeback), so nobody types it in twice.
  writeback::queue(context.db, "needs_changed",
                   "needs-" + upn + "-" + day + "-" + std::to_string(context.db.last_insert_id()), upn,
                   {{"date", day}, {"needs", out}, {"agreed_by", context.actor}}, store::utc_timestamp());
  return json::object{{"upn", upn}, {"status", status}, {"from", day}, {"needs", std::move(out)}};
}

}  // namespace

void add_need_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back(
      {"needs.set",
       "Record the pupil's ranked areas of need as agreed (at a review, after an assessment); the current ones end",
       true,
       {{"upn", F::upn, true, "the pupil's UPN"},
        {"date", F::date, true, "the day the needs apply from"},
        {"needs", F::object_list, true, "[{\"code\":\"SPLD\",\"rank\":1}, ...]: census need codes, rank 1 = primary"}},
       set_needs});
}

}  // namespace sm::ops
