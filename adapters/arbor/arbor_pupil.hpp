// From Arbor records to senmap's pupil: a person's names, the UPN assignment that holds now,
// SEN status periods and ranked needs. Internal to the Arbor reader.
#pragma once
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "arbor/arbor_api.hpp"
#include "arbor/arbor_codes.hpp"
#include "model/problem.hpp"
#include "model/pupil_record.hpp"

namespace sm::arbor {

struct Person {
  std::string first, last, preferred_first, preferred_last, middle, sex;
  std::optional<model::Date> dob;
};

// The person of each record (a student or a staff member), keyed by the record's href: names on
// the record itself, on an embedded person, or on the person records fetched in one batch.
std::map<std::string, Person> persons_of(ArborApi& api, const std::vector<boost::json::object>& records);

// Records grouped by the student they refer to (Arbor student id).
using ByStudent = std::map<std::string, std::vector<boost::json::object>>;
ByStudent by_student(const std::vector<boost::json::object>& records);

// The UPN assignment that holds on `today` (no end, or an end not before today), a permanent one
// before a temporary one, the latest start first. Null when none holds.
const boost::json::object* current_upn(const std::vector<boost::json::object>& assignments, model::Date today);

// SEN status periods (an assignment's end with nothing after it becomes "N" from the next day) and
// ranked needs, with census codes looked up through the tables. Unknown codes are warnings.
void add_sen_status(model::PupilRecord& pupil, const std::vector<boost::json::object>& assignments,
                    const CodeTable& statuses, model::Date today, const std::string& url,
                    std::vector<model::Problem>& warnings);
void add_needs(model::PupilRecord& pupil, const std::vector<boost::json::object>& needs, const CodeTable& types,
               const std::string& url, std::vector<model::Problem>& warnings);

// A problem or warning about one Arbor record, located by the service and the record's href.
model::Problem arbor_problem(const std::string& url, const std::string& href, const std::string& rule,
                             const std::string& value = {});

}  // namespace sm::arbor
