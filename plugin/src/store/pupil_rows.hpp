// Where a pupil's rows are: every table holding rows about one pupil, found by following the schema's
// foreign keys from the pupil row (so a table added later is covered without a list to keep up), and
// the tables that name a pupil by UPN. Shared by erasing a leaver and a subject access export.
#pragma once
#include <string>
#include <vector>

#include "store/database.hpp"

namespace sm::store {

// A table and the condition that selects the pupil's rows in it (?1 is the pupil's id).
struct PupilTable {
  std::string table;
  std::string where;
};

// Children before their parents (the order rows can be deleted in, foreign keys enforced); the pupil
// table itself last.
std::vector<PupilTable> pupil_tables(Database& db);

// Tables naming a pupil by UPN (not by key): what waits to go to the MIS about them, the roster's
// unmatched students, who changed their record.
const std::vector<std::string>& upn_tables();

}  // namespace sm::store
