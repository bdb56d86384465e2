#include "report/class_map_reads.hpp"

#include <boost/json.hpp>

#include "model/content_hash.hpp"
#include "report/pupil_groups.hpp"
#include "store/audit.hpp"

namespace sm::report {
namespace json = boost::json;

std::string class_map_hash(const json::value& map) {
  // The pupils and what the map says about them, not when it was printed.
  const auto* pupils = map.is_object() ? map.as_object().if_contains("pupils") : nullptr;
  return model::ContentHash::of(pupils ? json::serialize(*pupils) : std::string());
}

void record_class_map_read(store::Database& db, std::int64_t class_id, std::int64_t staff_id, model::Date today,
                           const json::value& map) {
  const auto* pupils = map.as_object().if_contains("pupils");
  db.prepare(
        "INSERT INTO class_map_read (class_id, staff_id, read_on, read_at, pupils, map_hash) VALUES (?1, ?2, ?3, ?4, "
        "?5, ?6)")
      .bind(1, class_id)
      .bind(2, staff_id)
      .bind(3, model::format_date(today))
      .bind(4, store::utc_timestamp())
      .bind(5, static_cast<std::int64_t>(pupils && pupils->is_array() ? pupils->as_array().size() : 0))
      .bind(6, class_map_hash(map))
      .run();
}

std::string last_read_on(store::Database& db, std::int64_t class_id, std::int64_t staff_id) {
  auto s = db.prepare("SELECT MAX(read_on) FROM class_map_read WHERE class_id = ?1 AND staff_id = ?2");
  s.bind(1, class_id).bind(2, staff_id);
  return s.step() && !s.is_null(0) ? s.text(0) : std::string();
}

json::value class_map_reads(store::Database& db, std::int64_t class_id, const json::value& map, model::Date today) {
  auto now = class_map_hash(map);
  // The class's current staff (teachers and aides), then anyone else who read it; each with their
  // latest read.
  auto s = db.prepare(
      "WITH people AS (SELECT staff_id, role FROM class_member WHERE class_id = ?1 AND staff_id IS NOT NULL "
      "  AND (end_date IS NULL OR end_date >= ?2) "
      "  UNION SELECT staff_id, NULL FROM class_map_read WHERE class_id = ?1), "
      "latest AS (SELECT staff_id, read_on, map_hash, ROW_NUMBER() OVER (PARTITION BY staff_id ORDER BY read_at DESC, "
      "id DESC) AS n "
      "  FROM class_map_read WHERE class_id = ?1) "
      "SELECT st.sourced_id, COALESCE(st.preferred_given_name, st.given_name) || ' ' || st.family_name, MAX(p.role), "
      "l.read_on, l.map_hash "
      "FROM people p JOIN staff st ON st.id = p.staff_id LEFT JOIN latest l ON l.staff_id = p.staff_id AND l.n = 1 "
      "GROUP BY p.staff_id ORDER BY st.family_name, st.given_name");
  s.bind(1, class_id).bind(2, model::format_date(today));
  json::array out;
  while (s.step())
    out.push_back({{"staff_id", s.text(0)},
                   {"name", s.text(1)},
                   {"role", s.is_null(2) ? json::value(nullptr) : json::value(s.text(2))},
                   {"read_on", s.is_null(3) ? json::value(nullptr) : json::value(s.text(3))},
                   {"current", !s.is_null(4) && s.text(4) == now}});
  return out;
}

std::vector<UnreadMap> unread_class_maps(store::Database& db, std::int64_t school_id, model::Date today) {
  const auto on_register = register_on(db, today);
  const auto day = model::format_date(today);
  auto s = db.prepare(
      "SELECT c.id, c.sourced_id, c.title, st.given_name || ' ' || st.family_name, m.pupil_id FROM class_member t "
      "JOIN school_class c ON c.id = t.class_id JOIN staff st ON st.id = t.staff_id "
      "JOIN class_member m ON m.class_id = c.id AND m.pupil_id IS NOT NULL AND (m.end_date IS NULL OR m.end_date >= "
      "?2) "
      "WHERE t.role = 'teacher' AND c.school_id = ?1 AND c.ended_on IS NULL AND (t.end_date IS NULL OR t.end_date >= "
      "?2) "
      "AND NOT EXISTS (SELECT 1 FROM class_map_read r WHERE r.class_id = c.id AND r.staff_id = t.staff_id) "
      "ORDER BY c.title, c.id, t.staff_id");
  s.bind(1, school_id).bind(2, day);
  std::vector<UnreadMap> out;
  std::int64_t last_class = -1;
  std::string last_teacher;
  while (s.step()) {
    if (!on_register.count(s.integer(4))) continue;
    if (s.integer(0) != last_class || s.text(3) != last_teacher) {
      out.push_back({s.text(1), s.text(2), s.text(3), 0});
      last_class = s.integer(0);
      last_teacher = s.text(3);
    }
    ++out.back().pupils_on_register;
  }
  return out;
}

}  // namespace sm::report
