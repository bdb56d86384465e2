// Which EHC plans (and requests) are open: the one query the rules, the dashboard's statutory
// clocks, ehcp.* and Section F share. Open means not ceased; the options narrow it as each needs.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/dates.hpp"
#include "model/statutory_clock.hpp"
#include "store/database.hpp"

namespace sm::store {

struct OpenEhcPlan {
  std::int64_t id = 0, pupil_id = 0;
  std::string upn, forename, surname, nc_year, la;
  std::optional<model::Date> request, decision_date, issue, last_review_meeting;
  std::optional<model::Date> scheduled_review_meeting;  // the next annual review meeting, if one is set
  bool parent_invited = false;                          // a parent is recorded as invited to it
  // What followed the last review meeting held.
  struct AfterReview {
    bool recorded_existing = false;  // the review came with a plan already held: what followed is not senmap's
    std::optional<model::Date> report_sent, la_decided;
    std::optional<std::string> la_decision;     // maintain, amend or cease
    std::optional<std::string> recommendation;  // what the meeting recommended to the LA
    // After a decision to amend: the notice of the proposed amendments sent to the parents, their
    // response, and the amended plan issued.
    std::optional<model::Date> amendment_notice, parents_responded, amended_plan_issued;
  } last_review;
  std::optional<std::string> decision;  // "assess", "refuse", or none yet
  bool recorded_existing = false;       // held before senmap (ehcp.record_existing): no request recorded

  // The dates the statutory clock counts from, as of today.
  model::EhcEvents events(model::Date today) const;
};

struct OpenEhcPlanQuery {
  std::optional<std::int64_t> school_id;  // one school's (a trust's database holds several)
  bool on_roll_only = false;              // leave out pupils who have left
  bool without_refused = false;           // leave out requests the LA refused to assess
};

// Every open plan matching the query, in the order they were recorded (plan id).
std::vector<OpenEhcPlan> open_ehc_plans(Database& db, const OpenEhcPlanQuery& query);

// A pupil's open plan or request: the latest requested if there are several (a pupil who has left
// keeps theirs). None when the pupil has none open.
std::optional<OpenEhcPlan> open_ehc_plan(Database& db, const std::string& upn);

}  // namespace sm::store
