#include "demo_seed.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace senmap_cli {
namespace {
namespace json = boost::json;

// A small, realistic catalogue: what a secondary SENCO's spreadsheet typically holds.
const char* kCatalogue[] = {
    R"j({"name":"Precision teaching","areas":["SPLD","Cognition and learning"],"wave":2,"delivered_by":"ta","group_size":1,
        "sessions_per_week":5,"minutes_per_session":10,"weeks":10,"staff_hourly_cost":15.5,"measure":"standardised reading score",
        "measure_subject":"RDG","evidence_rating":"EEF: moderate impact, moderate evidence",
        "entry_criteria":"reading score below 85","exit_criteria":"reading score 90 or above"})j",
    R"j({"name":"Reading catch-up group","areas":["Cognition and learning","MLD"],"wave":2,"delivered_by":"ta","group_size":4,
        "sessions_per_week":3,"minutes_per_session":30,"weeks":12,"staff_hourly_cost":15.5,"resource_cost":120,
        "measure":"standardised reading score","measure_subject":"RDG"})j",
    R"j({"name":"Maths mastery small group","areas":["Cognition and learning"],"wave":2,"delivered_by":"teacher","group_size":6,
        "sessions_per_week":2,"minutes_per_session":30,"weeks":12,"staff_hourly_cost":32,"measure":"standardised maths score",
        "measure_subject":"MAT"})j",
    R"j({"name":"Speech and language group","areas":["SLCN","Communication and interaction"],"wave":3,"delivered_by":"specialist",
        "group_size":3,"sessions_per_week":1,"minutes_per_session":45,"weeks":10,"staff_hourly_cost":45,"resource_cost":60})j",
    R"j({"name":"Social communication group","areas":["ASD","Communication and interaction"],"wave":2,"delivered_by":"ta",
        "group_size":4,"sessions_per_week":1,"minutes_per_session":50,"weeks":10,"staff_hourly_cost":15.5,"resource_cost":80})j",
    R"j({"name":"Emotional literacy support (ELSA)","areas":["SEMH"],"wave":3,"delivered_by":"ta","group_size":1,
        "sessions_per_week":1,"minutes_per_session":45,"weeks":8,"staff_hourly_cost":16.5})j",
    R"j({"name":"Fine motor and handwriting","areas":["PD","Sensory and/or physical"],"wave":2,"delivered_by":"ta","group_size":4,
        "sessions_per_week":2,"minutes_per_session":20,"weeks":10,"staff_hourly_cost":15.5,"resource_cost":40})j",
};

// Which provision suits a pupil's primary need (index into kCatalogue).
int provision_for(const std::string& need) {
  static const std::map<std::string, int> by_need{{"SPLD", 0}, {"MLD", 1}, {"NSA", 1}, {"SLD", 2}, {"SLCN", 3},
                                                  {"ASD", 4}, {"SEMH", 5}, {"PD", 6}, {"HI", 3}, {"VI", 6}, {"MSI", 3}};
  auto it = by_need.find(need);
  return it == by_need.end() ? 1 : it->second;
}

const std::map<std::string, std::vector<std::string>> kStrategies{
    {"SPLD", {"Coloured overlay and cream paper", "Key words on the desk", "No copying from the board"}},
    {"MLD", {"Instructions one step at a time", "Worked examples to hand"}},
    {"SLCN", {"Say their name before instructions", "Give time to answer", "Visual prompts for vocabulary"}},
    {"ASD", {"Warn before changes to routine", "Seat at the end of a row", "Clear, literal language"}},
    {"SEMH", {"Meet and greet at the door", "Agreed time-out card", "Praise privately"}},
    {"PD", {"Laptop for extended writing", "Extra time to move between rooms"}},
};

std::string call(senmap_cpp::Database& db, const std::string& op, const json::object& request) {
  return db.call_operation(op, json::serialize(request));
}

}  // namespace

std::string busiest_class(senmap_cpp::Database& db) {
  auto register_list = json::parse(db.register_json());
  std::set<std::string> on_register;
  for (const auto& p : register_list.as_array()) on_register.insert(std::string(p.at("upn").as_string()));
  auto classes = json::parse(db.classes_json());
  std::string busiest;
  std::size_t best = 0;
  for (const auto& c : classes.as_array()) {
    std::size_t count = 0;
    for (const auto& upn : c.at("pupils").as_array()) count += on_register.count(std::string(upn.as_string()));
    if (count > best) {
      best = count;
      busiest = std::string(c.at("id").as_string());
    }
  }
  return busiest;
}

namespace {

// Weekly sessions of each provision from its start for its length, on the weekday it runs:
// the running record a TA keeps. About one session in twelve is cancelled and a pupil misses
// about one in eight, so fidelity and attendance are realistic, not perfect.
int record_sessions(senmap_cpp::Database& db, std::int64_t provision, std::chrono::sys_days first_monday, int per_week, int weeks,
                    const std::vector<std::string>& placed, std::uint64_t& noise) {
  using namespace std::chrono;
  int recorded = 0;
  for (int week = 0, calendar_week = 0; week < weeks; ++calendar_week) {
    auto monday = first_monday + days{calendar_week * 7};
    year_month_day first{monday};
    // Half terms and the Christmas holiday have no sessions.
    if ((first >= year{2025} / 10 / 27 && first <= year{2025} / 10 / 31) || (first >= year{2025} / 12 / 20 && first <= year{2026} / 1 / 4) ||
        (first >= year{2026} / 2 / 16 && first <= year{2026} / 2 / 20))
      continue;
    ++week;
    for (int session = 0; session < per_week; ++session) {
      year_month_day ymd{monday + days{(session + static_cast<int>(provision)) % 5}};
      char text[32];
      std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                    static_cast<unsigned>(ymd.day()));
      noise = noise * 6364136223846793005ULL + 1442695040888963407ULL;
      bool cancelled = (noise >> 33) % 12 == 0;
      json::array present;
      if (!cancelled)
        for (const auto& upn : placed) {
          noise = noise * 6364136223846793005ULL + 1442695040888963407ULL;
          if ((noise >> 33) % 8 != 0) present.push_back(json::value(upn));
        }
      json::object request{{"provision_id", provision}, {"date", text}, {"status", cancelled ? "cancelled" : "delivered"},
                           {"staff", "Intervention TA"}};
      if (!present.empty()) request["present"] = std::move(present);
      call(db, "session.record", request);
      ++recorded;
    }
  }
  return recorded;
}

// Assess and plan a new cycle with one target; the review date from the term dates unless given.
std::int64_t next_cycle(senmap_cpp::Database& db, const std::string& upn, const char* assessed, const char* planned,
                        std::optional<const char*> review_due, std::int64_t placement) {
  auto cycle = json::parse(call(db, "cycle.assess", {{"upn", upn}, {"date", assessed}, {"pupil_views", "I want to keep going"},
                                                     {"parent_views", "Keen to carry on"}}));
  json::object plan{{"cycle_id", cycle.at("id")}, {"date", planned}, {"placement_ids", json::array{placement}},
                    {"targets", json::array{json::object{{"target", "Use the strategy independently in two subjects"},
                                                         {"success_criteria", "seen by two subject teachers in a week"}}}}};
  if (review_due) plan["review_due"] = *review_due;
  call(db, "cycle.plan", plan);
  return cycle.at("id").as_int64();
}

}  // namespace

DemoSeed seed_demo_provision(senmap_cpp::Database& db) {
  DemoSeed seed;
  std::vector<std::int64_t> provision_ids;
  std::vector<int> provision_weeks, provision_per_week;
  for (const char* item : kCatalogue) {
    auto created = json::parse(db.call_operation("provision.create", item));
    provision_ids.push_back(created.at("id").as_int64());
    provision_weeks.push_back(static_cast<int>(created.at("weeks").as_int64()));
    provision_per_week.push_back(static_cast<int>(created.at("sessions_per_week").to_number<double>() + 0.5));
    ++seed.provisions;
  }
  auto register_list = json::parse(db.register_json());
  std::map<std::string, const json::object*> on_register;
  for (const auto& p : register_list.as_array()) on_register[std::string(p.at("upn").as_string())] = &p.as_object();

  seed.class_id = busiest_class(db);
  auto classes = json::parse(db.classes_json());
  std::set<std::string> in_class;
  for (const auto& c : classes.as_array())
    if (c.at("id").as_string() == seed.class_id)
      for (const auto& upn : c.at("pupils").as_array()) in_class.insert(std::string(upn.as_string()));

  // Everyone on the register in that class, and every tenth pupil elsewhere, gets a full record.
  struct Placed {
    std::string upn;
    std::int64_t placement, cycle, target;
    bool ehc;
  };
  std::map<std::size_t, std::vector<Placed>> by_provision;
  int n = 0;
  for (const auto& [upn, pupil] : on_register) {
    if (!in_class.count(upn) && ++n % 10 != 0) continue;
    const auto& needs = pupil->at("needs").as_array();
    std::string need = needs.empty() ? "NSA" : std::string(needs[0].at("code").as_string());
    if (auto s = kStrategies.find(need); s != kStrategies.end()) {
      json::array strategies;
      for (const auto& text : s->second) strategies.push_back(json::value(text));
      call(db, "passport.set", {{"upn", upn}, {"support_strategies", strategies}, {"learn_best_when", "I know what is coming next"}});
    }
    auto which = static_cast<std::size_t>(provision_for(need));
    auto placement = json::parse(call(db, "placement.start", {{"upn", upn}, {"provision_id", provision_ids[which]}, {"start", "2025-09-22"}}));
    ++seed.placements;
    call(db, "parent.meeting", {{"upn", upn}, {"date", "2025-09-15"}, {"notes", "Assessment shared; views gathered"}});
    auto cycle = json::parse(call(db, "cycle.assess", {{"upn", upn}, {"date", "2025-09-15"},
                                                       {"pupil_views", "I want to get better at it"},
                                                       {"parent_views", "Keen to help at home"}}));
    json::array targets{json::object{{"target", "Use the agreed strategy without a prompt"},
                                     {"success_criteria", "seen in 4 of 5 lessons, recorded by the class teacher"}}};
    // No review date given: the end of the autumn term, from the term dates in the config.
    auto planned = json::parse(call(db, "cycle.plan", {{"cycle_id", cycle.at("id")}, {"date", "2025-09-19"}, {"targets", targets},
                                                       {"placement_ids", json::array{placement.at("id")}}}));
    ++seed.cycles;
    bool ehc = pupil->at("status").as_string() == "E";
    by_provision[which].push_back({upn, placement.at("id").as_int64(), cycle.at("id").as_int64(),
                                   planned.at("plan").at("targets").at(0).at("id").as_int64(), ehc});
    // EHC plans: the statutory clock and Section F for the first two pupils with one.
    if (ehc && seed.ehc_plans < 2) {
      call(db, "ehcp.request", {{"upn", upn}, {"la", "938"}, {"date", "2024-10-07"}});
      call(db, "ehcp.issue", {{"upn", upn}, {"date", "2025-02-17"}});
      call(db, "ehcp.review_meeting", {{"upn", upn}, {"date", "2026-02-09"}});
      call(db, "ehcp.provision_line", {{"upn", upn}, {"description", "Small-group intervention for the primary need, as in Section F"},
                                       {"hours_per_week", 1.5}, {"placement_ids", json::array{placement.at("id")}},
                                       {"from", "2025-09-22"}, {"to", "2025-12-19"}});
      ++seed.ehc_plans;
    }
  }

  // Do: the sessions; then the autumn review and the spring parent meeting.
  std::uint64_t noise = 2026;
  for (const auto& [which, pupils] : by_provision) {
    std::vector<std::string> upns;
    for (const auto& p : pupils) upns.push_back(p.upn);
    seed.sessions += record_sessions(db, provision_ids[which], std::chrono::sys_days{std::chrono::year{2025} / 9 / 22},
                                     provision_per_week[which], provision_weeks[which], upns, noise);
  }
  const std::set<std::size_t> measured{0, 1, 2};  // the catalogue's entries with a measure_subject
  std::map<std::size_t, std::vector<std::pair<std::string, std::int64_t>>> spring;  // (UPN, placement) by provision
  for (const auto& [which, pupils] : by_provision) {
    for (const auto& p : pupils) {
      noise = noise * 6364136223846793005ULL + 1442695040888963407ULL;
      static const char* results[] = {"achieved", "partly", "partly", "not"};
      const char* result = results[(noise >> 33) % 4];
      std::string next = std::string(result) == "not" ? (p.ehc ? "step_up" : "request_ehc_assessment") : "continue";
      call(db, "cycle.review", {{"cycle_id", p.cycle}, {"date", "2025-12-12"}, {"next_step", next},
                                {"targets", json::array{json::object{{"id", p.target}, {"result", result},
                                                                     {"evidence", "class teacher's record of the half term"}}}},
                                {"pupil_views", "It helps when I remember"}, {"parent_views", "We see it at home too"},
                                {"teacher_views", "Better in lessons with the strategy on the desk"}});
      call(db, "parent.meeting", {{"upn", p.upn}, {"date", "2025-12-12"}, {"notes", "Review shared"}});
      ++seed.reviews;
      // Interventions measured by the MIS's standardised scores run in blocks: autumn, spring
      // (baseline: December's score; exit: the summer score), and a summer block still running.
      std::int64_t placement = p.placement;
      if (measured.count(which)) {
        call(db, "placement.end", {{"placement_id", p.placement}, {"end", "2025-12-19"}, {"outcome", "Autumn block completed"}});
        placement = json::parse(call(db, "placement.start", {{"upn", p.upn}, {"provision_id", provision_ids[which]}, {"start", "2026-01-12"}}))
                        .at("id").as_int64();
        spring[which].push_back({p.upn, placement});
      }
      // The cycle starts again: spring (reviewed at the end of term) and summer (still open).
      std::int64_t last = next_cycle(db, p.upn, "2026-01-08", "2026-01-12", std::nullopt, placement);
      auto target = json::parse(call(db, "cycle.get", {{"cycle_id", last}})).at("plan").at("targets").at(0).at("id");
      call(db, "cycle.review", {{"cycle_id", last}, {"date", "2026-03-20"}, {"next_step", "continue"},
                                {"targets", json::array{json::object{{"id", target}, {"result", "partly"}}}},
                                {"pupil_views", "Getting easier"}, {"parent_views", "Happy with the support"}});
      call(db, "parent.meeting", {{"upn", p.upn}, {"date", "2026-03-20"}, {"notes", "Spring review shared"}});
      ++seed.reviews;
      next_cycle(db, p.upn, "2026-04-20", "2026-04-24", "2026-12-11", placement);
      seed.cycles += 2;
    }
  }
  for (const auto& [which, placed] : spring) {
    std::vector<std::string> upns;
    for (const auto& [upn, id] : placed) upns.push_back(upn);
    seed.sessions += record_sessions(db, provision_ids[which], std::chrono::sys_days{std::chrono::year{2026} / 1 / 12},
                                     provision_per_week[which], std::min(provision_weeks[which], 10), upns, noise);
    for (const auto& [upn, id] : placed) {
      call(db, "placement.end", {{"placement_id", id}, {"end", "2026-03-27"}, {"outcome", "Spring block completed"}});
      call(db, "placement.start", {{"upn", upn}, {"provision_id", provision_ids[which]}, {"start", "2026-04-20"}});
    }
  }
  return seed;
}

}  // namespace senmap_cli
