#include "demo_team.hpp"

#include <boost/json.hpp>
#include <optional>
#include <vector>

#include "operation_call.hpp"

namespace senmap_cli {
namespace {
namespace json = boost::json;

// Fictional services: the phone numbers are in the range Ofcom keeps for drama (01632 960xxx),
// the addresses at example.org.
struct DemoAgency {
  const char* name;
  const char* service;
  const char* contact;
  const char* phone;
  const char* offers;
  const char* route;
  int weeks;
};
constexpr DemoAgency kAgencies[] = {
    {"Northfield Educational Psychology Service", "educational_psychology", "Link educational psychologist",
     "01632 960101", "Consultation, assessment, statutory advice, staff training", "Termly planning meeting", 14},
    {"Northfield Children's Speech and Language Therapy", "speech_and_language_therapy", "Schools team", "01632 960102",
     "Assessment, therapy blocks, programmes for school staff", "Referral form with parental consent", 18},
    {"Northfield CAMHS", "camhs", "Single point of access", "01632 960103",
     "Assessment and treatment of mental health needs", "Via the GP or the school's mental health lead", 26},
    {"Autism and Communication Outreach", "specialist_teaching", "Outreach co-ordinator", "01632 960104",
     "Advice visits, classroom strategies, Tier 1 autism training", "Request form from the SENCO", 6},
    {"Sensory Support Service", "sensory_support", "Teacher of the deaf / of the visually impaired", "01632 960105",
     "Hearing and vision support, equipment, staff advice", "Referral from audiology or the SENCO", 4},
    {"Children's Occupational Therapy", "occupational_therapy", "Duty therapist", "01632 960106",
     "Motor skills and sensory processing assessment, programmes", "Via the school nurse or the GP", 20},
};

std::string primary_need(const json::object& pupil) {
  for (const auto& n : pupil.at("needs").as_array())
    if (n.at("rank").to_number<int>() == 1) return std::string(n.at("code").as_string());
  return "";
}

// The first cycle a pupil has (cycle.list, oldest first): where a report's advice is kept.
std::optional<json::object> first_cycle(senmap_cpp::Database& db, const std::string& upn) {
  auto list = call(db, "cycle.list", {{"upn", upn}});
  const auto& cycles = list.at("cycles").as_array();
  if (cycles.empty()) return std::nullopt;
  return cycles.front().as_object();
}

}  // namespace

TeamSeed seed_agencies_and_skills(senmap_cpp::Database& db, const DemoYear& year,
                                  const std::map<std::string, const json::object*>& on_register) {
  TeamSeed seed;
  std::map<std::string, std::int64_t> id_of;
  for (const auto& a : kAgencies) {
    auto saved = call(db, "agency.save",
                      {{"name", a.name},
                       {"service", a.service},
                       {"contact", a.contact},
                       {"phone", a.phone},
                       {"email", std::string(a.service) + "@example.org"},
                       {"offers", a.offers},
                       {"referral_route", a.route},
                       {"waiting_weeks", a.weeks}});
    id_of[a.service] = saved.at("agency_id").as_int64();
    ++seed.agencies;
  }
  // Which agency works with which primary need, and how many pupils of each the demo involves.
  struct Route {
    const char* service;
    int most;
  };
  const std::map<std::string, Route> by_need{{"SLCN", {"speech_and_language_therapy", 6}},
                                             {"ASD", {"specialist_teaching", 5}},
                                             {"SEMH", {"camhs", 4}},
                                             {"HI", {"sensory_support", 2}},
                                             {"VI", {"sensory_support", 2}},
                                             {"PD", {"occupational_therapy", 2}}};
  std::map<std::string, int> involved;
  const Date started = year.last_autumn_assess;
  auto when = [&](int days) { return sm::model::add_days(started, days); };
  int ehc_seen = 0;
  for (const auto& [upn, pupil] : on_register) {
    const auto need = primary_need(*pupil);
    auto route = by_need.find(need);
    if (route != by_need.end() && involved[need] < route->second.most) {
      const int n = involved[need]++;
      json::object request{{"upn", upn}, {"agency_id", id_of[route->second.service]}};
      if (need == "SEMH") {
        // CAMHS: long waits. The first referral was redirected; the rest wait from this autumn.
        const Date referred = n == 0 ? when(30) : year.terms[0].assess;
        if (!year.happened(referred)) continue;
        request["referred_on"] = text(referred);
        if (n == 0) {
          request["decision"] = "redirected";
          request["decided_on"] = text(when(58));
          request["outcome"] = "Redirected to the school's mental health support team";
        }
      } else {
        // Referred at the first assessment, seen six weeks on; the first of each ended in the spring.
        request["referred_on"] = text(started);
        request["decision"] = "accepted";
        request["decided_on"] = text(when(10));
        request["involved_from"] = text(when(42));
        request["professional"] = n % 2 ? "A. Practitioner" : "B. Specialist";
        if (n == 0 && year.happened(when(200))) {
          request["ended_on"] = text(when(200));
          request["outcome"] = "Discharged with a programme for school staff to continue";
        }
      }
      call(db, "agency.involve", request);
      ++seed.involvements;
      // The therapist's report informed the pupil's first cycle.
      if (need == "SLCN" && n < 3)
        if (auto cycle = first_cycle(db, upn)) {
          call(db, "cycle.advice",
               {{"cycle_id", cycle->at("id")},
                {"agency_id", id_of["speech_and_language_therapy"]},
                {"author", "B. Specialist, speech and language therapist"},
                {"received_on", cycle->at("assess").at("date")},
                {"recommendations",
                 "Pre-teach topic vocabulary; visual timetable; check understanding by asking the pupil to say the "
                 "instruction back"},
                {"document", "SALT report " + std::string(cycle->at("assess").at("date").as_string())}});
          ++seed.advice;
        }
    }
    // The educational psychologist: statutory advice for a few pupils with EHC plans.
    if (pupil->at("status").as_string() == "E" && ehc_seen < 3) {
      ++ehc_seen;
      call(db, "agency.involve",
           {{"upn", upn},
            {"agency_id", id_of["educational_psychology"]},
            {"involved_from", text(started)},
            {"professional", "C. Psychologist"}});
      ++seed.involvements;
    }
  }

  // The staff: a mix of recent courses and self-ratings, so the audit has gaps to show.
  auto audit = call(db, "report.staff_skills", {});
  // Half the courses this school year (the September INSET and after, as far as today), half before.
  auto completed = [&](int n) {
    const Date this_year = sm::model::add_days(year.costs_from(), 32 + 7 * (n % 12));
    return n % 2 == 0 && year.happened(this_year) ? this_year : sm::model::add_days(started, -30 - 7 * (n % 20));
  };
  int i = 0;
  static const char* courses[][2] = {{"Speech, language and communication in the classroom", "SLCN"},
                                     {"Autism awareness (Tier 1)", "ASD"},
                                     {"Trauma-informed practice", "SEMH"},
                                     {"Adaptive teaching and the graduated approach", "General"}};
  for (const auto& s : audit.at("staff").as_array()) {
    const auto staff_id = s.at("staff_id");
    if (i % 3 != 2) {
      const auto& course = courses[i % 4];
      call(db, "staff.training",
           {{"staff_id", staff_id},
            {"course", course[0]},
            {"completed_on", text(completed(i))},
            {"area", course[1]},
            {"provider", "Northfield SEND training hub"},
            {"hours", 3}});
      ++seed.courses;
    }
    if (i % 2 == 0) {
      call(db, "staff.confidence",
           {{"staff_id", staff_id},
            {"communication_and_interaction", 2 + i % 3},
            {"cognition_and_learning", 3 + i % 3},
            {"social_emotional_mental_health", 1 + i % 4},
            {"sensory_and_physical", 2 + i % 2}});
      ++seed.ratings;
    }
    ++i;
  }
  return seed;
}

}  // namespace senmap_cli
