// The demo school's agencies and staff skills: a directory of the services a school works with,
// the team around some pupils (referrals waiting, involvements running and ended, a therapist's
// advice kept with a cycle), and the staff's SEND training and confidence, all synthetic and
// recorded through the operations layer as a SENCO and the staff would.
#pragma once
#include <boost/json/object.hpp>
#include <map>
#include <string>

#include "demo_year.hpp"
#include "senmap/senmap.hpp"

namespace senmap_cli {

struct TeamSeed {
  int agencies = 0, involvements = 0, advice = 0;
  int courses = 0, ratings = 0;  // courses recorded; staff who rated their confidence
};

// `on_register`: the register's entries (register_json) by UPN. Run once the cycles are recorded.
TeamSeed seed_agencies_and_skills(senmap_cpp::Database& db, const DemoYear& year,
                                  const std::map<std::string, const boost::json::object*>& on_register);

}  // namespace senmap_cli
