// Invitations to an annual review meeting: the SEND Regulations (reg. 20) have the school invite
// the child's parent, the young person, the LA's officer, health and social care and the
// professionals involved at least two weeks before the meeting. Each invitation is to the meeting
// scheduled: a meeting moved is a new date everyone must be told of.
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

constexpr std::array<std::string_view, 8> kRoles{"parent",  "pupil", "la_caseworker", "health", "social_care",
                                                 "teacher", "ta",    "professional"};
constexpr std::array<std::string_view, 4> kWays{"letter", "email", "in_person", "phone"};

template <std::size_t N>
std::string one_of(const std::array<std::string_view, N>& values) {
  std::string out;
  for (auto v : values) out.append(out.empty() ? "" : ", ").append(v);
  return out;
}

json::value invite(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto [plan, meeting, held] = meeting_in_hand(context, upn);
  std::vector<FieldError> errors;
  auto name = text_field(r, "name");
  auto role = text_field(r, "role");
  auto how = text_field(r, "how");
  if (name.find_first_not_of(" \t") == std::string::npos) errors.push_back({"name", "who was invited"});
  if (name.size() > 200) errors.push_back({"name", "at most 200 characters"});
  if (std::find(kRoles.begin(), kRoles.end(), role) == kRoles.end())
    errors.push_back({"role", "must be one of " + one_of(kRoles)});
  if (std::find(kWays.begin(), kWays.end(), how) == kWays.end())
    errors.push_back({"how", "must be one of " + one_of(kWays)});
  if (!errors.empty()) throw InvalidRequest(errors);
  auto day = model::format_date(date_field(r, "date"));
  not_in_future(context, day, "date");
  if (held && day > meeting)
    throw InvalidRequest("date", "an invitation cannot come after the meeting (" + meeting + ")");
  context.db
      .prepare(
          "INSERT INTO ehc_review_invitation (plan_id, meeting_date, name, role, how, invited_on, created_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .bind(1, plan.id)
      .bind(2, meeting)
      .bind(3, name)
      .bind(4, role)
      .bind(5, how)
      .bind(6, day)
      .bind(7, store::utc_timestamp())
      .run();
  return json::object{
      {"upn", upn}, {"meeting_date", meeting}, {"invitations", review_invitations_json(context.db, plan.id, meeting)}};
}

}  // namespace

store::OpenEhcPlan open_plan_of(Context& context, const std::string& upn, bool on_roll) {
  pupil_id_of(context.db, upn, on_roll);
  auto plan = store::open_ehc_plan(context.db, upn);
  if (!plan) throw NotFound("no EHC plan or request is recorded for UPN " + upn);
  return std::move(*plan);
}

store::OpenEhcPlan issued_plan(Context& context, const std::string& upn, bool on_roll, const std::string& not_issued) {
  auto plan = open_plan_of(context, upn, on_roll);
  if (!plan.issue) throw InvalidRequest("upn", not_issued);
  return plan;
}

MeetingInHand meeting_in_hand(Context& context, const std::string& upn) {
  auto plan = open_plan_of(context, upn, true);
  if (plan.scheduled_review_meeting) {
    auto date = model::format_date(*plan.scheduled_review_meeting);
    return {std::move(plan), date, false};
  }
  if (plan.last_review_meeting && !plan.last_review.recorded_existing && !plan.last_review.report_sent) {
    auto date = model::format_date(*plan.last_review_meeting);
    return {std::move(plan), date, true};
  }
  throw InvalidRequest("upn", "no annual review meeting is scheduled: schedule it first (a date ahead)");
}

json::array review_invitations_json(store::Database& db, std::int64_t plan_id, const std::string& meeting_date) {
  auto s = db.prepare(
      "SELECT id, name, role, how, invited_on, attended FROM ehc_review_invitation WHERE plan_id = ?1 AND "
      "meeting_date = ?2 "
      "ORDER BY invited_on, id");
  s.bind(1, plan_id).bind(2, meeting_date);
  json::array out;
  while (s.step())
    out.push_back({{"id", s.integer(0)},
                   {"name", s.text(1)},
                   {"role", s.text(2)},
                   {"how", s.text(3)},
                   {"invited_on", s.text(4)},
                   {"attended", s.is_null(5) ? json::value(nullptr) : json::value(s.integer(5) != 0)}});
  return out;
}

void add_ehc_review_invitation_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back(
      {"ehcp.review_invite",
       "Record who was invited to the scheduled annual review meeting, how and when",
       true,
       {{"upn", F::upn, true, "the pupil's UPN"},
        {"name", F::string, true, "who was invited"},
        {"role", F::string, true, "parent, pupil, la_caseworker, health, social_care, teacher, ta or professional"},
        {"how", F::string, true, "letter, email, in_person or phone"},
        {"date", F::date, true, "the day the invitation went"}},
       invite});
}

}  // namespace sm::ops
