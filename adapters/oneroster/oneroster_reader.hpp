// The OneRoster 1.2 CSV adapter: a bundle (folder or zip) into roster records, with every
// problem located by file, line and sourcedId. References between files are checked by
// sync, which also knows what the store already holds (a delta may refer to it).
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "model/problem.hpp"
#include "model/roster.hpp"

namespace sm::oneroster {

struct RosterData {
  std::string oneroster_version;                       // manifest: oneroster.version
  std::string system_name;                             // manifest: source.systemName
  std::map<std::string, model::RosterFileMode> modes;  // "users" -> bulk, ...
  std::map<std::string, std::string> locations;        // "users" -> "<bundle>/users.csv"
  std::vector<model::RosterOrg> orgs;
  std::vector<model::RosterUser> users;  // roles and demographics merged in
  std::vector<model::RosterClass> classes;
  std::vector<model::RosterEnrollment> enrollments;
  std::vector<model::AcademicSession> sessions;
  std::vector<model::LineItem> line_items;
  std::vector<model::GradebookResult> results;
  std::vector<model::Problem> problems;
  bool bundle_rejected = false;  // no manifest, unreadable zip: nothing in it can be trusted
  std::size_t bytes = 0;
  std::string checksum;  // of every file's name and bytes: the same export twice is the same bundle

  model::RosterFileMode mode(const std::string& file) const {
    auto it = modes.find(file);
    return it == modes.end() ? model::RosterFileMode::absent : it->second;
  }
};

RosterData read_oneroster(const std::filesystem::path& bundle);

// "{UPN:A938...},{MIS:123}" -> the id of the given type, or empty.
std::string user_id_of_type(std::string_view user_ids, std::string_view type);

}  // namespace sm::oneroster
