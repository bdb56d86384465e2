// Who was invited to an EHC plan's annual review meeting, how and when, and the advice asked for it:
// read by ehcp.get, written by ehcp.review_invite and ehcp.review_advice(_received).
#pragma once
#include <boost/json/array.hpp>
#include <cstdint>
#include <string>

#include "model/statutory_clock.hpp"
#include "ops/operation.hpp"
#include "store/database.hpp"
#include "store/ehc_plans.hpp"

namespace sm::ops {

// The pupil's open plan with its next annual review meeting scheduled, which invitations and advice
// are for; refused (naming the field) when there is none.
store::OpenEhcPlan plan_with_meeting_scheduled(Context& context, const std::string& upn);

// The invitations to the plan's meeting on `meeting_date` (YYYY-MM-DD), in the order sent.
boost::json::array review_invitations_json(store::Database& db, std::int64_t plan_id, const std::string& meeting_date);

// The advice asked for that meeting (ops/ehc_review_advice_ops.cpp), each with the day it is needed
// by (as long before the meeting as the invitations) and whether it is late on `today`.
boost::json::array review_advice_json(store::Database& db, std::int64_t plan_id, const std::string& meeting_date,
                                      const model::ClockRules& clock, model::Date today);

}  // namespace sm::ops
