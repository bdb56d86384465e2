// The demo school's provision map: a catalogue, placements, passports, APDR cycles and an EHC
// plan or two, recorded through the operations layer exactly as a SENCO would.
#pragma once
#include <string>

#include "demo_team.hpp"
#include "demo_year.hpp"
#include "senmap/senmap.hpp"

namespace senmap_cli {

struct DemoSeed {
  std::string class_id;  // the class whose provision map the demo shows
  int provisions = 0, placements = 0, cycles = 0, reviews = 0, sessions = 0, ehc_plans = 0;
  int ehc_plans_held = 0;       // plans the school already held, recorded with ehcp.record_existing
  int awaiting_assessment = 0;  // new to the register: no plan yet
  int top_ups = 0;              // EHC plans with the LA's top-up entered in the year's SEND budget
  TeamSeed team;                // agencies, the team around some pupils, staff training and confidence
};

// The class with most pupils on the register: the teacher's busiest provision map.
std::string busiest_class(senmap_cpp::Database& db);

// Deterministic: the same demo school on the same day gets the same provision map. Only what
// could have happened by `year.today` is recorded; the open cycles' reviews are still to come.
DemoSeed seed_demo_provision(senmap_cpp::Database& db, const DemoYear& year);

}  // namespace senmap_cli
