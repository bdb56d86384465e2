// One OneRoster bundle into the store, as one transaction.
#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "model/pupil_record.hpp"
#include "store/database.hpp"
#include "sync/ctf_import.hpp"

namespace sm::sync {

struct RosterImportOptions {
  bool lenient = false;                    // apply what is valid, report the rest
  std::optional<model::SchoolRef> school;  // from config; else the bundle's orgs.csv says
  std::string today;                       // YYYY-MM-DD, the date rows are ended on
};

// Counts per kind land in the report's `details` (staff, students, classes, enrollments...).
ImportReport import_oneroster(store::Database& db, const std::filesystem::path& bundle,
                              const RosterImportOptions& options);

}  // namespace sm::sync
