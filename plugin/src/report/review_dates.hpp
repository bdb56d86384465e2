// The review dates senmap puts in calendars: each open SEN support cycle's review due date and
// each EHC plan's annual review (with the date its invitations must go out, and after a meeting the
// report and the LA's decision still owed). One list for the
// school's review calendar (report.review_calendar) and each member of staff's calendar feed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/statutory_clock.hpp"
#include "store/database.hpp"

namespace sm::report {

struct ReviewDate {
  enum class Kind {
    sen_support_review,
    ehc_annual_review,   // on the meeting's date once scheduled, else the latest day it may be held
    ehc_invitations,     // two weeks before it
    ehc_review_report,   // owed after a meeting held through senmap, until recorded as sent
    ehc_la_decision,     // the LA's decision after that meeting, until recorded
    ehc_amended_plan,    // after a decision to amend and its notice, the amended plan, until issued
    ehc_phase_transfer,  // a pupil moving phase next September: the plan reviewed and amended by this day,
                         // until a review meeting is held this school year
  };
  Kind kind = Kind::sen_support_review;
  std::int64_t pupil_id = 0;
  std::string upn, forename, surname;
  std::string date;  // YYYY-MM-DD
  std::string uid;   // stable between fetches and exports: "cycle-12@senmap", "ehcp-3-review-2026-05-01@senmap"
  std::string from;  // an EHC review: the plan's issue or last review date it counts from
};

// What is due on the date, as the SENCO's pages say it ("SEN support review", ...).
const char* what_is_due(ReviewDate::Kind kind);
// A step of the SENCO's paperwork around a review (invitations, the report, the LA's decision),
// not a review: left out of teachers' calendars and of a pupil's "next review".
bool is_paperwork(ReviewDate::Kind kind);

// Pupils on roll only, earliest first. `school_id`: one school's pupils (default: every school).
// `today` places the phase transfer deadlines (this school year's); without it they are left out.
std::vector<ReviewDate> load_review_dates(store::Database& db, const model::ClockRules& clock,
                                          std::optional<std::int64_t> school_id = std::nullopt,
                                          std::optional<model::Date> today = std::nullopt);

}  // namespace sm::report
