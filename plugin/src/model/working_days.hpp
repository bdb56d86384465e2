// Working days as the SEND Regulations 2014 (reg. 2) define them: any day except Saturday,
// Sunday, Christmas Day, Good Friday or a bank holiday in England. School holidays count.
#pragma once
#include "model/dates.hpp"

namespace sm::model {

Date easter_sunday(int year);  // anonymous Gregorian algorithm

bool is_working_day(Date d);

// The date `n` working days after `from` (n >= 0; from itself is day 0).
Date add_working_days(Date from, int n);

// Whether every year from `from` to `to` has England's bank holidays in the reference data:
// a deadline counted through a year without them would be a guess.
bool working_days_known_between(Date from, Date to);

}  // namespace sm::model
