#include "demo_seed.hpp"

#include <boost/json.hpp>

#include <map>
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

DemoSeed seed_demo_provision(senmap_cpp::Database& db) {
  DemoSeed seed;
  std::vector<std::int64_t> provision_ids;
  for (const char* item : kCatalogue) {
    provision_ids.push_back(json::parse(db.call_operation("provision.create", item)).at("id").as_int64());
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
  int n = 0, plans = 0;
  for (const auto& [upn, pupil] : on_register) {
    if (!in_class.count(upn) && ++n % 10 != 0) continue;
    const auto& needs = pupil->at("needs").as_array();
    std::string need = needs.empty() ? "NSA" : std::string(needs[0].at("code").as_string());
    if (auto s = kStrategies.find(need); s != kStrategies.end()) {
      json::array strategies;
      for (const auto& text : s->second) strategies.push_back(json::value(text));
      call(db, "passport.set", {{"upn", upn}, {"support_strategies", strategies}, {"learn_best_when", "I know what is coming next"}});
    }
    auto provision = provision_ids[static_cast<std::size_t>(provision_for(need))];
    auto placement = json::parse(call(db, "placement.start", {{"upn", upn}, {"provision_id", provision}, {"start", "2025-09-22"}}));
    ++seed.placements;
    auto cycle = json::parse(call(db, "cycle.assess", {{"upn", upn}, {"date", "2025-09-15"},
                                                       {"pupil_views", "I want to get better at it"},
                                                       {"parent_views", "Keen to help at home"}}));
    json::array targets{json::object{{"target", "Use the agreed strategy without a prompt"},
                                     {"success_criteria", "seen in 4 of 5 lessons, recorded by the class teacher"}}};
    call(db, "cycle.plan", {{"cycle_id", cycle.at("id")}, {"date", "2025-09-19"}, {"review_due", "2025-12-12"},
                            {"targets", targets}, {"placement_ids", json::array{placement.at("id")}}});
    ++seed.cycles;
    // EHC plans: the statutory clock for the first two pupils with one in the class.
    if (pupil->at("status").as_string() == "E" && plans < 2 && in_class.count(upn)) {
      call(db, "ehcp.request", {{"upn", upn}, {"la", "938"}, {"date", "2024-10-07"}});
      call(db, "ehcp.issue", {{"upn", upn}, {"date", "2025-02-17"}});
      ++plans;
      ++seed.ehc_plans;
    }
  }
  return seed;
}

}  // namespace senmap_cli
