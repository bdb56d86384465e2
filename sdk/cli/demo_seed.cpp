#include "demo_seed.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <set>

#include "demo_plans.hpp"
#include "demo_review.hpp"
#include "operation_call.hpp"

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

// The baseline a SENCO enters at the start of a provision the MIS holds no measure for (the
// first three are measured by the MIS's standardised scores), so its impact can be judged.
const char* kBaseline[] = {nullptr,
                           nullptr,
                           nullptr,
                           "CELF-5 receptive language 76",
                           "Social skills checklist 11 of 30",
                           "SDQ total difficulties 19",
                           "Handwriting speed 8 words a minute"};
static_assert(std::size(kBaseline) == std::size(kCatalogue));

// Which provision suits a pupil's primary need (index into kCatalogue).
int provision_for(const std::string& need) {
  static const std::map<std::string, int> by_need{{"SPLD", 0}, {"MLD", 1}, {"NSA", 1},  {"SLD", 2},
                                                  {"SLCN", 3}, {"ASD", 4}, {"SEMH", 5}, {"PD", 6},
                                                  {"HI", 3},   {"VI", 6},  {"MSI", 3}};
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

// The demo's chance events (a cancelled session, an absent pupil, a review's result): the raw
// engine, whose sequence the C++ standard fixes, so the same day gives the same demo everywhere.
using Noise = std::mt19937_64;

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

// Weekly sessions of a block from its first Monday for its length in school weeks (a week with
// no open day, a half term or holiday, does not count), up to today: the running record a TA
// keeps. About one session in twelve is cancelled and a pupil misses about one in eight, so
// fidelity and attendance are realistic, not perfect.
// `run_by`: the TA who leads a TA-run provision's sessions (their MIS id), empty for the others.
int record_sessions(senmap_cpp::Database& db, const DemoYear& year, std::int64_t provision, Date first_monday,
                    int per_week, int weeks, const std::vector<std::string>& placed, Noise& noise,
                    const std::string& run_by) {
  int recorded = 0;
  for (int week = 0, calendar_week = 0; week < weeks; ++calendar_week) {
    auto monday = sm::model::add_days(first_monday, calendar_week * 7);
    if (!year.happened(monday)) break;
    bool open_week = false;
    for (int d = 0; d < 5; ++d) open_week = open_week || year.is_open(sm::model::add_days(monday, d));
    if (!open_week) continue;
    ++week;
    for (int session = 0; session < per_week; ++session) {
      auto day = sm::model::add_days(monday, (session + static_cast<int>(provision)) % 5);
      if (!year.happened(day) || !year.is_open(day)) continue;  // an INSET day or bank holiday; or not yet
      bool cancelled = noise() % 12 == 0;
      json::array present;
      if (!cancelled)
        for (const auto& upn : placed)
          if (noise() % 8 != 0) present.push_back(json::value(upn));
      json::object request{{"provision_id", provision},
                           {"date", text(day)},
                           {"status", cancelled ? "cancelled" : "delivered"},
                           {"staff", "Intervention TA"}};
      if (!present.empty()) request["present"] = std::move(present);
      if (!run_by.empty()) request["run_by"] = run_by;
      call(db, "session.record", request);
      ++recorded;
    }
  }
  return recorded;
}

// Assess and plan a new cycle with one target; the review date from the term dates unless given.
std::int64_t next_cycle(senmap_cpp::Database& db, const std::string& upn, Date assessed, Date planned,
                        std::optional<Date> review_due, std::int64_t placement) {
  auto cycle = call(db, "cycle.assess",
                    {{"upn", upn},
                     {"date", text(assessed)},
                     {"pupil_views", "I want to keep going"},
                     {"parent_views", "Keen to carry on"}});
  json::object plan{
      {"cycle_id", cycle.at("id")},
      {"date", text(planned)},
      {"placement_ids", json::array{placement}},
      {"targets", json::array{json::object{{"target", "Use the strategy independently in two subjects"},
                                           {"success_criteria", "seen by two subject teachers in a week"}}}}};
  if (review_due) plan["review_due"] = text(*review_due);
  call(db, "cycle.plan", plan);
  return cycle.at("id").as_int64();
}

// Where the MIS holds no score near the day, the SENCO tests the pupil: at the start a
// standardised score in the provision's entry range (below 85), at the end a little above it.
void measure_where_missing(senmap_cpp::Database& db, const json::value& placement, bool exit, Date day, Noise& noise) {
  const auto& p = placement.as_object();
  if (!p.at(exit ? "exit" : "baseline").is_null()) return;
  json::object request{{"placement_id", p.at("id")}, {"date", text(day)}};
  if (!exit) {
    request["baseline"] = std::to_string(72 + noise() % 12);
  } else {
    const auto& baseline = p.at("baseline");
    if (baseline.is_null()) return;
    auto before = std::atoi(std::string(baseline.at("value").as_string()).c_str());
    if (before == 0) return;  // not a score: the text measures are entered with the placement
    request["exit"] = std::to_string(before - 1 + static_cast<int>(noise() % 9));
  }
  call(db, "placement.measure", request);
}

struct Placed {
  std::string upn;
  std::int64_t placement, cycle;
  bool ehc;
  int n;  // the pupil's place in the seed, for the few whose review falls in the next fortnight
};

// The review date a cycle is planned with. A term's reviews fall a week before it ends; one pupil
// in four still to be reviewed has it in the next fortnight (an earlier meeting, as parents ask
// for), so the flags and the dashboard have reviews coming up whatever the day. `fallback`
// unset: the end of term, from the term dates in the config.
std::optional<Date> review_due(const DemoYear& year, const DemoTerm& term, int n, std::optional<Date> fallback) {
  Date soon = sm::model::add_days(year.today, 4 + n % 9);
  if (!year.happened(term.review) && n % 4 == 0 && soon < (fallback ? *fallback : term.review)) return soon;
  return fallback;
}

}  // namespace

int record_plans_held(senmap_cpp::Database& db, const std::map<std::string, const json::object*>& on_register,
                      const DemoYear& year) {
  const Date today = year.today;
  int recorded = 0, walked = 0;
  const Date reviewed_by = sm::model::add_days(today, -14);
  for (const auto& [upn, pupil] : on_register) {
    if (pupil->at("status").as_string() != "E") continue;
    auto issued = sm::model::parse_date(std::string(pupil->at("status_since").as_string()));
    if (!issued || today < *issued) continue;
    try {
      db.call_operation("ehcp.get", json::serialize(json::object{{"upn", upn}}));
      continue;  // its plan is on the clock already (requested and issued in the demo)
    } catch (const senmap_cpp::Error& e) {
      if (e.code() != SENMAP_ENOTFOUND) throw;
    }
    json::object request{{"upn", upn}, {"la", "938"}, {"issue_date", text(*issued)}};
    std::optional<Date> last;
    for (int years = 1;; ++years) {
      Date anniversary = *issued + std::chrono::years{years};
      if (!anniversary.ok()) anniversary = sm::model::add_days(*issued, 365 * years);  // 29 February
      if (reviewed_by < anniversary) break;
      last = anniversary;
    }
    // The first two whose review fell in the last eight weeks had it through senmap: the SENCO
    // recorded the plan with the review before, then walked this one through every step.
    constexpr int kWalked = 2, kRecentDays = 56;
    const bool walk = last && walked < kWalked && sm::model::add_days(today, -kRecentDays) <= *last;
    std::optional<Date> before = last;
    if (walk) {
      before = *last - std::chrono::years{1};
      if (!before->ok()) before = sm::model::add_days(*last, -365);  // 29 February
      if (*before <= *issued) before.reset();
    }
    if (before) request["last_review_date"] = text(*before);
    call(db, "ehcp.record_existing", request);
    ++recorded;
    if (!walk) continue;
    std::vector<std::int64_t> outcomes;
    for (const char* words : {"Asks an adult for help when stuck, without being prompted",
                              "Writes a paragraph of four sentences with a word bank"})
      outcomes.push_back(
          call(db, "ehcp.outcome", {{"upn", upn}, {"outcome", words}, {"date", text(*issued)}}).at("id").as_int64());
    seed_annual_review(db, year, upn, *last, outcomes, walked++ == 0 ? "maintain" : "amend");
  }
  return recorded;
}

// The year's SEND money as a business manager enters it: synthetic figures of a plausible size for
// the demo's school (a notional SEN budget, the LA's top-up for each EHC plan, an inclusion fund).
// Returns the top-ups entered.
int enter_budget(senmap_cpp::Database& db, const DemoYear& year,
                 const std::map<std::string, const json::object*>& on_register) {
  call(db, "budget.set",
       {{"academic_year", year.academic_year},
        {"notional_sen_budget", 420000},
        {"other_income", json::array{json::object{{"description", "LA inclusion fund"}, {"amount", 15000}}}}});
  // The SENCO as the trust records the role (a synthetic name).
  call(db, "senco.set",
       {{"hours_per_week", 18},
        {"name", "Sam Okafor"},
        {"on_slt", true},
        {"qualified_teacher", true},
        {"award", "held"},
        {"award_date", "2021-07-01"},
        {"appointed_on", "2019-09-01"}});
  int top_ups = 0;
  for (const auto& [upn, pupil] : on_register) {
    if (pupil->at("status").as_string() != "E") continue;
    call(db, "budget.top_up",
         {{"upn", upn}, {"academic_year", year.academic_year}, {"amount", 6000}, {"description", "Band B"}});
    ++top_ups;
  }
  return top_ups;
}

DemoSeed seed_demo_provision(senmap_cpp::Database& db, const DemoYear& year) {
  DemoSeed seed;
  Noise noise(2026);
  std::vector<std::int64_t> provision_ids;
  std::vector<bool> provision_by_ta;
  std::vector<int> provision_weeks, provision_per_week;
  for (const char* item : kCatalogue) {
    auto created = json::parse(db.call_operation("provision.create", item));
    provision_ids.push_back(created.at("id").as_int64());
    provision_weeks.push_back(static_cast<int>(created.at("weeks").as_int64()));
    provision_per_week.push_back(static_cast<int>(std::lround(created.at("sessions_per_week").to_number<double>())));
    provision_by_ta.push_back(created.at("delivered_by") == "ta");
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

  // Nothing is dated after today: in the first days of September the SENCO assesses and plans
  // today, and a block due to start later starts today.
  auto by_today = [&](Date d) { return std::min(d, year.today); };
  const DemoTerm& autumn = year.terms[0];
  // EHC plans issued last school year: requested in October, issued within the 20 weeks, the
  // annual review within 12 months of issue (recorded once that day has come).
  const Date requested =
      sm::model::add_days(Date{std::chrono::year{year.academic_year - 1}, std::chrono::October, std::chrono::day{1}},
                          (8 - sm::generator::weekday_of(Date{std::chrono::year{year.academic_year - 1},
                                                              std::chrono::October, std::chrono::day{1}})) %
                              7);
  const Date issued = sm::model::add_days(requested, 19 * 7), annual_review = sm::model::add_days(issued, 51 * 7);

  // Everyone on the register in that class, and every tenth pupil elsewhere, gets a full record.
  std::map<std::size_t, std::vector<Placed>> by_provision;
  std::set<std::string> full_record;
  int n = 0, placed_count = 0;
  for (const auto& [upn, pupil] : on_register) {
    if (!in_class.count(upn) && ++n % 10 != 0) continue;
    const auto& needs = pupil->at("needs").as_array();
    std::string need = needs.empty() ? "NSA" : std::string(needs[0].at("code").as_string());
    if (auto s = kStrategies.find(need); s != kStrategies.end()) {
      json::array strategies;
      for (const auto& text : s->second) strategies.push_back(json::value(text));
      call(db, "passport.set",
           {{"upn", upn}, {"support_strategies", strategies}, {"learn_best_when", "I know what is coming next"}});
    }
    auto which = static_cast<std::size_t>(provision_for(need));
    json::object start{
        {"upn", upn}, {"provision_id", provision_ids[which]}, {"start", text(by_today(autumn.block_start))}};
    if (kBaseline[which]) start["baseline"] = kBaseline[which];
    auto placement = call(db, "placement.start", start);
    measure_where_missing(db, placement, false, by_today(autumn.block_start), noise);
    full_record.insert(upn);
    ++seed.placements;
    call(db, "parent.meeting",
         {{"upn", upn}, {"date", text(by_today(autumn.assess))}, {"notes", "Assessment shared; views gathered"}});
    auto cycle = call(db, "cycle.assess",
                      {{"upn", upn},
                       {"date", text(by_today(autumn.assess))},
                       {"pupil_views", "I want to get better at it"},
                       {"parent_views", "Keen to help at home"}});
    json::array targets{json::object{{"target", "Use the agreed strategy without a prompt"},
                                     {"success_criteria", "seen in 4 of 5 lessons, recorded by the class teacher"}}};
    json::object plan{{"cycle_id", cycle.at("id")},
                      {"date", text(by_today(autumn.plan))},
                      {"targets", targets},
                      {"placement_ids", json::array{placement.at("id")}}};
    if (auto due = review_due(year, autumn, placed_count, std::nullopt)) plan["review_due"] = text(*due);
    call(db, "cycle.plan", plan);
    ++seed.cycles;
    bool ehc = pupil->at("status").as_string() == "E";
    by_provision[which].push_back({upn, placement.at("id").as_int64(), cycle.at("id").as_int64(), ehc, placed_count++});
    // EHC plans: the statutory clock and Section F for the first two pupils with one.
    if (ehc && seed.ehc_plans < 2) {
      call(db, "ehcp.request", {{"upn", upn}, {"la", "938"}, {"date", text(requested)}});
      call(db, "ehcp.issue", {{"upn", upn}, {"date", text(issued)}});
      std::vector<std::int64_t> outcomes;
      for (const char* words : {"Follows a two-step instruction in class without an adult repeating it",
                                "Takes part in a small-group activity for ten minutes"})
        outcomes.push_back(
            call(db, "ehcp.outcome", {{"upn", upn}, {"outcome", words}, {"date", text(issued)}}).at("id").as_int64());
      if (year.happened(annual_review))
        seed_annual_review(db, year, upn, annual_review, outcomes, seed.ehc_plans == 0 ? "maintain" : "amend");
      call(db, "ehcp.provision_line",
           {{"upn", upn},
            {"description", "Small-group intervention for the primary need, as in Section F"},
            {"hours_per_week", 1.5},
            {"placement_ids", json::array{placement.at("id")}},
            {"from", text(by_today(autumn.block_start))},
            {"to", text(autumn.last_day)}});
      ++seed.ehc_plans;
    }
  }

  // Everyone else on the register: a plan of adapted teaching, reviewed about once a term.
  std::vector<const json::object*> planned_only;
  for (const auto& [upn, pupil] : on_register)
    if (!full_record.count(upn)) planned_only.push_back(pupil);
  auto plans = seed_rolling_plans(db, year, planned_only);
  seed.cycles += plans.cycles;
  seed.reviews += plans.reviews;
  seed.awaiting_assessment = plans.awaiting;

  // Every other plan the school holds, recorded as a school does on its first day with senmap
  // (ehcp.record_existing): issued the day the pupil's EHC status began, last reviewed on the
  // latest anniversary at least two weeks back, so each plan's annual review has a date.
  seed.ehc_plans_held = record_plans_held(db, on_register, year);
  seed.top_ups = enter_budget(db, year, on_register);

  // Each TA-run provision is led by one of the school's TAs (as the MIS lists them), so their hours count.
  std::vector<std::string> tas;
  const auto deployment = call(db, "report.ta_deployment", {});  // held: the loop reads into it
  for (const auto& t : deployment.at("tas").as_array()) tas.emplace_back(t.at("staff_id").as_string());
  auto leader = [&](std::size_t which) {
    return provision_by_ta[which] && !tas.empty() ? tas[which % tas.size()] : std::string();
  };

  // Do: the autumn block's sessions so far.
  for (const auto& [which, pupils] : by_provision) {
    std::vector<std::string> upns;
    for (const auto& p : pupils) upns.push_back(p.upn);
    seed.sessions += record_sessions(db, year, provision_ids[which], autumn.block_start, provision_per_week[which],
                                     provision_weeks[which], upns, noise, leader(which));
  }
  // Review each term that has reached its review, then assess and plan the next term's cycle.
  // Interventions measured by the MIS's standardised scores run in termly blocks (baseline: the
  // last term's score), the others carry on. The summer cycle is reviewed next autumn.
  const std::set<std::size_t> measured{0, 1, 2};  // the catalogue's entries with a measure_subject
  for (std::size_t t = 0; t < 2 && year.happened(year.terms[t].review); ++t) {
    const DemoTerm &term = year.terms[t], &next = year.terms[t + 1];
    std::map<std::size_t, std::vector<std::string>> restarted;  // UPNs by provision
    for (auto& [which, pupils] : by_provision) {
      for (auto& p : pupils) {
        static const char* results[] = {"achieved", "partly", "partly", "not"};
        const char* result = t == 0 ? results[noise() % 4] : "partly";
        std::string step = std::string(result) == "not" ? (p.ehc ? "step_up" : "request_ehc_assessment") : "continue";
        auto target = call(db, "cycle.get", {{"cycle_id", p.cycle}}).at("plan").at("targets").at(0).at("id");
        call(db, "cycle.review",
             {{"cycle_id", p.cycle},
              {"date", text(term.review)},
              {"next_step", step},
              {"targets",
               json::array{json::object{
                   {"id", target}, {"result", result}, {"evidence", "class teacher's record of the half term"}}}},
              {"pupil_views", "It helps when I remember"},
              {"parent_views", "We see it at home too"},
              {"teacher_views", "Better in lessons with the strategy on the desk"}});
        call(db, "parent.meeting", {{"upn", p.upn}, {"date", text(term.review)}, {"notes", "Review shared"}});
        ++seed.reviews;
        const bool block_ended = measured.count(which) && year.happened(term.last_day);
        if (block_ended) {
          auto ended = call(
              db, "placement.end",
              {{"placement_id", p.placement}, {"end", text(term.last_day)}, {"outcome", "Termly block completed"}});
          measure_where_missing(db, ended, true, term.last_day, noise);
        }
        if (!year.happened(next.assess)) continue;  // the holiday: next term's cycle is still to come
        if (block_ended) {
          // A term's block: planned for the ten weeks the term holds, not the catalogue's twelve.
          auto restart = call(db, "placement.start",
                              {{"upn", p.upn},
                               {"provision_id", provision_ids[which]},
                               {"start", text(by_today(next.block_start))},
                               {"planned_sessions", provision_per_week[which] * std::min(provision_weeks[which], 10)}});
          measure_where_missing(db, restart, false, by_today(next.block_start), noise);
          p.placement = restart.at("id").as_int64();
          restarted[which].push_back(p.upn);
        }
        auto due =
            review_due(year, next, p.n, t + 1 == 2 ? std::optional<Date>(year.next_autumn_review) : std::nullopt);
        p.cycle = next_cycle(db, p.upn, next.assess, by_today(next.plan), due, p.placement);
        ++seed.cycles;
      }
    }
    for (const auto& [which, upns] : restarted)
      seed.sessions += record_sessions(db, year, provision_ids[which], next.block_start, provision_per_week[which],
                                       std::min(provision_weeks[which], 10), upns, noise, leader(which));
  }
  seed.team = seed_agencies_and_skills(db, year, on_register);
  return seed;
}

}  // namespace senmap_cli
