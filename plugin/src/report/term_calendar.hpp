// The school's term dates (from the config, stored by sync): what termly reviews, the three
// parent meetings a year and EHC Section F hours in school weeks are counted against.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/dates.hpp"
#include "store/database.hpp"

namespace sm::report {

struct SchoolTerm {
  std::string name;
  model::Date start{}, end{};
};

// In date order. Empty when the config names no terms for the school.
std::vector<SchoolTerm> school_terms(store::Database& db, std::int64_t school_id);
// The pupil's school's terms.
std::vector<SchoolTerm> pupil_terms(store::Database& db, std::int64_t pupil_id);

// The term a day falls in, or the next one to start after it (a holiday belongs to the next term).
std::optional<SchoolTerm> term_at_or_after(const std::vector<SchoolTerm>& terms, model::Date day);

// Empty while a term is running or still to come; otherwise what is wrong and what to do (every
// configured term has ended, or none is configured): review dates default to the end of the
// current term, and termly counts need this year's terms.
std::string no_current_term(const std::vector<SchoolTerm>& terms, model::Date today);

// The terms of the academic year (1 August to 31 July) that holds `day`.
std::vector<SchoolTerm> terms_of_year(const std::vector<SchoolTerm>& terms, model::Date day);

// School weeks from `from` to `to` inclusive: term weekdays / 5 where term dates cover the
// period, otherwise 39 school weeks in 52. `basis` says which was used, for the report.
double school_weeks(const std::vector<SchoolTerm>& terms, model::Date from, model::Date to, std::string& basis);

}  // namespace sm::report
