// Teachers recording that they have read a class provision map, and the SENCO's view of it: who
// teaches or supports the class, who has read the map, and whether what they read is what it
// says now (a map changes when a pupil joins the register or a strategy changes).
#pragma once
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "model/dates.hpp"
#include "store/database.hpp"

namespace sm::report {

// The hash of a map's content (report.class_map's answer), to compare a read with the map now.
std::string class_map_hash(const boost::json::value& map);

// Records that a member of staff (internal id) read the class's map (internal id) on `today`.
void record_class_map_read(store::Database& db, std::int64_t class_id, std::int64_t staff_id, model::Date today,
                           const boost::json::value& map);

// The date the member of staff last recorded reading the class's map, or "" if never.
std::string last_read_on(store::Database& db, std::int64_t class_id, std::int64_t staff_id);

// [{"staff_id","name","role","read_on","current"}] for the class's staff and anyone else who read it.
// Staff count as the class's while their enrolment has not ended by `today`.
boost::json::value class_map_reads(store::Database& db, std::int64_t class_id, const boost::json::value& map,
                                   model::Date today);

// A class with pupils on the SEN register whose teacher has never recorded reading its map: the
// SENCO chases these first (a map unread is a strategy not used). Cheap enough for a dashboard:
// it does not build each map, so a map read once and changed since is not counted here (the
// class's own page says so).
struct UnreadMap {
  std::string class_id, title, teacher;
  int pupils_on_register = 0;
};
std::vector<UnreadMap> unread_class_maps(store::Database& db, std::int64_t school_id, model::Date today);

}  // namespace sm::report
