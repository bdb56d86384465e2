// One annual review of an EHC plan in the demo, recorded the way a SENCO works through it: the
// invitations two weeks ahead, advice asked and received, the pupil's and the parents' views, the
// meeting, who came, each outcome judged, the report to the LA in ten days and the LA's decision in
// 25; after a decision to amend, the notice, the parents' response and the amended plan.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "demo_year.hpp"
#include "senmap/senmap.hpp"

namespace senmap_cli {

// `outcomes` are the plan's (ehcp.outcome ids); `decision` is maintain or amend. Steps after today
// are left for the clock to show as due.
void seed_annual_review(senmap_cpp::Database& db, const DemoYear& year, const std::string& upn, Date meeting,
                        const std::vector<std::int64_t>& outcomes, const std::string& decision);

}  // namespace senmap_cli
