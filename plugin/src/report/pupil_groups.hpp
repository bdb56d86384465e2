// The groups a SENCO views the school by: year, SEN status, area of need, and the vulnerable
// groups (pupil premium, EAL, looked-after). One loader so every whole-school report agrees.
#pragma once
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/dates.hpp"
#include "store/database.hpp"

namespace sm::report {

struct PupilFacts {
  std::int64_t id = 0;
  std::int64_t school_id = 0;
  std::string upn, surname, forename, nc_year;
  std::string status = "N";        // K, E or N (not on the register) on the day asked
  std::vector<std::string> needs;  // current need codes, primary first
  std::string primary_area;        // the primary need's broad area, or "" off the register
  bool pupil_premium = false;      // free school meals in the last six years (Ever 6) or looked after
  bool eal = false;                // a first language other than English recorded
  bool looked_after = false;
  bool on_roll = true;  // false: left the roll on or before the day asked
};

// Every pupil's SEN status periods, needs and free school meals, read once: the facts on any
// day (a census day of the trend, the end of a period) are then worked out without the store.
class SchoolHistory {
 public:
  explicit SchoolHistory(store::Database& db);
  // Every pupil senmap holds, as they were on `day` (leavers too: their provision was paid for).
  std::unordered_map<std::int64_t, PupilFacts> facts_at(model::Date day) const;

 private:
  struct Dated {
    std::string from, to, value;  // to: "" when open
  };
  struct Pupil {
    PupilFacts base;
    std::string left_on;
    std::vector<Dated> statuses, needs, fsm;  // needs in rank order; fsm value unused
  };
  std::vector<Pupil> pupils_;
};

// The pupils on the SEN register on `day`, with their status (K or E), by the same rule as
// facts_at: on roll on the day, and the latest status period begun by the day is K or E. Reads
// only the status periods: the nightly rules need no more.
std::map<std::int64_t, std::string> register_on(store::Database& db, model::Date day);

inline std::unordered_map<std::int64_t, PupilFacts> load_pupil_facts(store::Database& db, model::Date as_of) {
  return SchoolHistory(db).facts_at(as_of);
}

// The filters every whole-school report takes; an absent field filters nothing.
struct PupilFilter {
  std::optional<std::string> year, area, status;  // area: a broad area or a census need code; status K or E
  std::optional<std::int64_t> school_id;          // one school of a trust's database
  std::string school;                             // that school as asked for (LA-Estab), for describe()
  std::optional<bool> pupil_premium, eal, looked_after;

  bool matches(const PupilFacts& pupil) const;
  boost::json::object describe() const;  // the filters applied, for the report's header
};

// "Cognition and learning" for SPLD; the code itself when unknown.
std::string area_of_need(const std::string& code);

}  // namespace sm::report
