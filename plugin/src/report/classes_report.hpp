// Classes with their teachers and pupils: who teaches whom, for class maps and access control.
#pragma once
#include <boost/json/value.hpp>

#include "model/dates.hpp"
#include "store/database.hpp"

namespace sm::report {

// [{"id","title","code","school":{"la","estab"},"teachers":[{"id","name","role"}],"pupils":[UPN...]}]
// for classes not ended, members whose enrolment has not ended by `as_of`.
boost::json::value classes_json(store::Database& db, model::Date as_of);

}  // namespace sm::report
