// Erasing a leaver's records when the school's retention schedule says so: every row about the pupil
// (store/pupil_rows: the schema's foreign keys from their pupil row) and the rows naming them by UPN.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "store/database.hpp"

namespace sm::store {

struct ErasedPupil {
  std::map<std::string, std::int64_t> rows;  // table -> rows erased (the pupil row itself included)
  std::int64_t audit_rows_kept = 0;          // the audit file's rows naming them: kept (its own retention)
};

// Erases pupil `pupil_id` (UPN `upn`) and everything about them, inside the caller's transaction.
// The audit trail of who read or changed their record is not touched: it is kept and archived on its
// own schedule (senmap audit archive); the count says how many of its rows name them.
ErasedPupil erase_pupil(Database& db, std::int64_t pupil_id, const std::string& upn);

}  // namespace sm::store
