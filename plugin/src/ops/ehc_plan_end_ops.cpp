// How an EHC plan ends or moves outside its annual reviews: ceased by the LA (after a reassessment,
// a tribunal, or the young person leaving education), and transferred to another LA when the family
// moves (SEND Regs 2014 reg. 15: the plan goes with the pupil and the new LA maintains it, so the
// clock runs on here with the new LA's code).
#include <boost/json.hpp>

#include "model/digits.hpp"
#include "ops/ehc_review_invitations.hpp"
#include "ops/operation.hpp"
#include "store/audit.hpp"
#include "store/ehc_plans.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// A pupil who has left may still have their plan ceased.
store::OpenEhcPlan issued(Context& context, const std::string& upn) {
  return issued_plan(context, upn, false, "the plan has not been issued: record the LA's decision instead");
}

model::Date on_or_after_issue(Context& context, const json::object& r, const store::OpenEhcPlan& plan) {
  auto date = date_field(r, "date");
  not_in_future(context, model::format_date(date), "date");
  if (date < *plan.issue)
    throw InvalidRequest("date", "cannot come before the plan was issued (" + model::format_date(*plan.issue) + ")");
  return date;
}

json::array transfers_json(store::Database& db, std::int64_t plan_id) {
  auto s = db.prepare(
      "SELECT from_la, to_la, transferred_on FROM ehc_plan_transfer WHERE plan_id = ?1 ORDER BY transferred_on, id");
  s.bind(1, plan_id);
  json::array out;
  while (s.step()) out.push_back({{"from_la", s.text(0)}, {"to_la", s.text(1)}, {"on", s.text(2)}});
  return out;
}

json::value cease(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto plan = issued(context, upn);
  auto date = on_or_after_issue(context, r, plan);
  auto why = text_field(r, "why");
  if (why.find_first_not_of(" \t") == std::string::npos || why.size() > 200)
    throw InvalidRequest("why", "why the LA ceased the plan, in a few words (at most 200 characters)");
  context.db.prepare("UPDATE ehc_plan SET ceased_date = ?2, ended_why = ?3 WHERE id = ?1")
      .bind(1, plan.id)
      .bind(2, model::format_date(date))
      .bind(3, why)
      .run();
  context.db.prepare("DELETE FROM ehc_review_scheduled WHERE plan_id = ?1").bind(1, plan.id).run();
  return json::object{{"upn", upn}, {"plan_id", plan.id}, {"ceased_on", model::format_date(date)}, {"why", why}};
}

json::value transfer(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto plan = issued(context, upn);
  auto la = text_field(r, "la");
  if (!model::all_digits(la, 3)) throw InvalidRequest("la", "must be the 3-digit code of the LA the plan moved to");
  if (la == plan.la) throw InvalidRequest("la", "the plan is already maintained by LA " + la);
  auto date = on_or_after_issue(context, r, plan);
  context.db
      .prepare(
          "INSERT INTO ehc_plan_transfer (plan_id, from_la, to_la, transferred_on, created_at) VALUES (?1, ?2, ?3, ?4, "
          "?5)")
      .bind(1, plan.id)
      .bind(2, plan.la)
      .bind(3, la)
      .bind(4, model::format_date(date))
      .bind(5, store::utc_timestamp())
      .run();
  context.db.prepare("UPDATE ehc_plan SET la = ?2 WHERE id = ?1").bind(1, plan.id).bind(2, la).run();
  return json::object{
      {"upn", upn}, {"plan_id", plan.id}, {"la", la}, {"transfers", transfers_json(context.db, plan.id)}};
}

}  // namespace

json::array plan_transfers_json(store::Database& db, std::int64_t plan_id) {
  return transfers_json(db, plan_id);
}

void add_ehc_plan_end_operations(std::vector<Operation>& out) {
  using F = FieldType;
  const Field upn{"upn", F::upn, true, "the pupil's UPN"};
  out.push_back({"ehcp.cease",
                 "Record that the LA ceased the pupil's EHC plan outside an annual review, on a date and why",
                 true,
                 {upn,
                  {"date", F::date, true, "the day the LA ceased the plan"},
                  {"why", F::string, true, "why, in a few words (\"no longer needed after reassessment\")"}},
                 cease});
  out.push_back({"ehcp.transfer_la",
                 "Record the pupil's EHC plan transferred to another LA (the family moved): the new LA maintains it",
                 true,
                 {upn,
                  {"la", F::string, true, "the 3-digit code of the LA that now maintains the plan"},
                  {"date", F::date, true, "the day the plan transferred"}},
                 transfer});
}

}  // namespace sm::ops
