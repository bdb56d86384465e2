// Advice for an annual review meeting: the SEND Regulations (reg. 20) have the school seek advice
// from those the LA names and circulate it at least two weeks before the meeting. Each request is
// for the meeting scheduled; what has not come by its day is chased (rule ehc_review_advice_late).
#include <algorithm>
#include <array>
#include <boost/json.hpp>

#include "ops/ehc_review_invitations.hpp"
#include "ops/operation.hpp"
#include "store/audit.hpp"
#include "store/ehc_plans.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

constexpr std::array<std::string_view, 6> kAdvisers{"school", "educational_psychologist", "health", "social_care", "la",
                                                    "other"};

json::value request_advice(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto [plan, meeting, held] = meeting_in_hand(context, upn);
  std::vector<FieldError> errors;
  auto author = text_field(r, "author");
  auto role = text_field(r, "role");
  if (author.find_first_not_of(" \t") == std::string::npos) errors.push_back({"author", "whose advice is asked for"});
  if (author.size() > 200) errors.push_back({"author", "at most 200 characters"});
  if (std::find(kAdvisers.begin(), kAdvisers.end(), role) == kAdvisers.end())
    errors.push_back({"role", "must be school, educational_psychologist, health, social_care, la or other"});
  if (!errors.empty()) throw InvalidRequest(errors);
  auto day = model::format_date(date_field(r, "date"));
  not_in_future(context, day, "date");
  if (held && day > meeting) throw InvalidRequest("date", "advice is asked for before the meeting (" + meeting + ")");
  context.db
      .prepare(
          "INSERT INTO ehc_review_advice (plan_id, meeting_date, author, role, requested_on, created_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, plan.id)
      .bind(2, meeting)
      .bind(3, author)
      .bind(4, role)
      .bind(5, day)
      .bind(6, store::utc_timestamp())
      .run();
  auto id = context.db.last_insert_id();
  return json::object{{"id", id},
                      {"upn", upn},
                      {"advice", review_advice_json(context.db, plan.id, meeting, context.clock, context.today)}};
}

json::value advice_received(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  pupil_id_of(context.db, upn, true);
  auto plan = store::open_ehc_plan(context.db, upn);
  if (!plan) throw NotFound("no EHC plan or request is recorded for UPN " + upn);
  auto id = r.at("advice_id").to_number<std::int64_t>();
  auto s = context.db.prepare(
      "SELECT meeting_date, requested_on, received_on FROM ehc_review_advice WHERE id = ?1 AND plan_id = ?2");
  s.bind(1, id).bind(2, plan->id);
  if (!s.step()) throw InvalidRequest("advice_id", "no advice " + std::to_string(id) + " was asked for this plan");
  auto meeting = s.text(0);
  auto requested = s.text(1);
  if (!s.is_null(2)) throw InvalidRequest("advice_id", "this advice is already recorded as received on " + s.text(2));
  auto day = model::format_date(date_field(r, "date"));
  not_in_future(context, day, "date");
  if (day < requested) throw InvalidRequest("date", "cannot come before it was asked for (" + requested + ")");
  context.db.prepare("UPDATE ehc_review_advice SET received_on = ?2 WHERE id = ?1").bind(1, id).bind(2, day).run();
  return json::object{{"id", id},
                      {"upn", upn},
                      {"advice", review_advice_json(context.db, plan->id, meeting, context.clock, context.today)}};
}

}  // namespace

json::array review_advice_json(store::Database& db, std::int64_t plan_id, const std::string& meeting_date,
                               const model::ClockRules& clock, model::Date today) {
  auto needed_by = model::format_date(clock.review_invitations.before(*model::parse_date(meeting_date)));
  auto s = db.prepare(
      "SELECT id, author, role, requested_on, received_on FROM ehc_review_advice WHERE plan_id = ?1 AND "
      "meeting_date = ?2 ORDER BY requested_on, id");
  s.bind(1, plan_id).bind(2, meeting_date);
  json::array out;
  while (s.step()) {
    bool received = !s.is_null(4);
    out.push_back({{"id", s.integer(0)},
                   {"author", s.text(1)},
                   {"role", s.text(2)},
                   {"requested_on", s.text(3)},
                   {"needed_by", needed_by},
                   {"received_on", received ? json::value(s.text(4)) : json::value(nullptr)},
                   {"late", !received && needed_by < model::format_date(today)}});
  }
  return out;
}

void add_ehc_review_advice_operations(std::vector<Operation>& out) {
  using F = FieldType;
  const Field upn{"upn", F::upn, true, "the pupil's UPN"};
  out.push_back({"ehcp.review_advice",
                 "Record advice asked for the scheduled annual review meeting (needed two weeks before it)",
                 true,
                 {upn,
                  {"author", F::string, true, "whose advice"},
                  {"role", F::string, true, "school, educational_psychologist, health, social_care, la or other"},
                  {"date", F::date, true, "the day it was asked for"}},
                 request_advice});
  out.push_back({"ehcp.review_advice_received",
                 "Record the day advice asked for an annual review came",
                 true,
                 {upn,
                  {"advice_id", F::integer, true, "the advice asked for (ehcp.get's advice)"},
                  {"date", F::date, true, "the day it came"}},
                 advice_received});
}

}  // namespace sm::ops
