#include "report/classes_report.hpp"

#include <boost/json.hpp>
#include <unordered_map>

namespace sm::report {

boost::json::value classes_json(store::Database& db, model::Date as_of) {
  namespace json = boost::json;
  json::array out;
  std::unordered_map<std::int64_t, std::size_t> index;
  auto classes = db.prepare(
      "SELECT c.id, c.sourced_id, c.title, COALESCE(c.class_code, ''), s.la, s.estab FROM school_class c "
      "JOIN school s ON s.id = c.school_id WHERE c.ended_on IS NULL ORDER BY s.la, s.estab, c.title, c.sourced_id");
  while (classes.step()) {
    index[classes.integer(0)] = out.size();
    out.push_back({{"id", classes.text(1)},
                   {"title", classes.text(2)},
                   {"code", classes.text(3)},
                   {"school", {{"la", classes.text(4)}, {"estab", classes.text(5)}}},
                   {"teachers", json::array()},
                   {"pupils", json::array()}});
  }
  auto today = model::format_date(as_of);
  // Primary teacher first, then other staff by name; pupils by UPN.
  auto staff = db.prepare(
      "SELECT m.class_id, st.sourced_id, st.given_name || ' ' || st.family_name, m.role FROM class_member m "
      "JOIN staff st ON st.id = m.staff_id WHERE st.left_on IS NULL AND (m.end_date IS NULL OR m.end_date >= ?1) "
      "ORDER BY m.class_id, m.is_primary DESC, st.family_name, st.given_name");
  staff.bind(1, today);
  while (staff.step()) {
    auto it = index.find(staff.integer(0));
    if (it == index.end()) continue;
    out[it->second].as_object()["teachers"].as_array().push_back(
        {{"id", staff.text(1)}, {"name", staff.text(2)}, {"role", staff.text(3)}});
  }
  auto pupils = db.prepare(
      "SELECT m.class_id, p.upn FROM class_member m JOIN pupil p ON p.id = m.pupil_id "
      "JOIN school_class c ON c.id = m.class_id "
      "WHERE (m.end_date IS NULL OR m.end_date >= ?1) AND p.left_on IS NULL AND (c.school_id, p.id) NOT IN "
      "(SELECT school_id, pupil_id FROM roster_student WHERE left_on IS NOT NULL) ORDER BY m.class_id, p.upn");
  pupils.bind(1, today);
  while (pupils.step()) {
    auto it = index.find(pupils.integer(0));
    if (it == index.end()) continue;
    out[it->second].as_object()["pupils"].as_array().push_back(json::value(pupils.text(1)));
  }
  return out;
}

}  // namespace sm::report
