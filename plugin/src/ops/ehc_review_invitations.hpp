// Who was invited to an EHC plan's annual review meeting, how and when: read by ehcp.get and
// written by ehcp.review_invite (ops/ehc_review_invitation_ops.cpp).
#pragma once
#include <boost/json/array.hpp>
#include <cstdint>
#include <string>

#include "store/database.hpp"

namespace sm::ops {

// The invitations to the plan's meeting on `meeting_date` (YYYY-MM-DD), in the order sent.
boost::json::array review_invitations_json(store::Database& db, std::int64_t plan_id, const std::string& meeting_date);

}  // namespace sm::ops
