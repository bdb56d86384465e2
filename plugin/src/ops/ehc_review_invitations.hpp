// An EHC plan's annual review meeting: who was invited, how and when, and whether they came; the
// advice asked for it; the views, outcomes judged and recommendation it records. Read by ehcp.get and
// the review report, written by ehcp.review_invite, ehcp.review_advice(_received), ehcp.review_views,
// ehcp.review_attendance, ehcp.outcome(_end) and ehcp.review_outcomes.
#pragma once
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "model/statutory_clock.hpp"
#include "ops/operation.hpp"
#include "store/database.hpp"
#include "store/ehc_plans.hpp"

namespace sm::ops {

// The pupil's open EHC plan (or request); not found when there is none. `on_roll`: refuse a pupil
// who has left (a plan may still be ceased after they have).
store::OpenEhcPlan open_plan_of(Context& context, const std::string& upn, bool on_roll);
// The same, refused (naming upn) with `not_issued` when the plan has not been issued yet.
store::OpenEhcPlan issued_plan(Context& context, const std::string& upn, bool on_roll, const std::string& not_issued);

// The meeting invitations, advice and views are recorded for: the one scheduled, else the last one
// held through senmap until its report goes to the LA (a school recording them after the day).
struct MeetingInHand {
  store::OpenEhcPlan plan;
  std::string date;  // YYYY-MM-DD
  bool held = false;
};
// Refused (naming the field) when the pupil's plan has no such meeting.
MeetingInHand meeting_in_hand(Context& context, const std::string& upn);

// The invitations to the plan's meeting on `meeting_date` (YYYY-MM-DD), in the order sent, each
// with whether the invitee came (null until recorded).
boost::json::array review_invitations_json(store::Database& db, std::int64_t plan_id, const std::string& meeting_date);

// The advice asked for that meeting (ops/ehc_review_advice_ops.cpp), each with the day it is needed
// by (as long before the meeting as the invitations) and whether it is late on `today`.
boost::json::array review_advice_json(store::Database& db, std::int64_t plan_id, const std::string& meeting_date,
                                      const model::ClockRules& clock, model::Date today);

// The plan's outcomes (Section E): all ever recorded, or (`on`, YYYY-MM-DD) those in the plan that day.
boost::json::array plan_outcomes_json(store::Database& db, std::int64_t plan_id, const std::optional<std::string>& on);

// What the meeting on `meeting_date` records (ops/ehc_review_record_ops.cpp): the pupil's and the
// parents' views, who was invited and came, each outcome judged, the amendments proposed and the
// recommendation.
boost::json::object review_record_json(store::Database& db, std::int64_t plan_id, const std::string& meeting_date);

}  // namespace sm::ops
