#include "report/runs_report.hpp"

#include <boost/json.hpp>

#include "report/json_columns.hpp"

namespace sm::report {

boost::json::value runs_json(store::Database& db, int limit) {
  namespace json = boost::json;
  auto s = db.prepare(
      "SELECT r.id, r.sync_run_id, r.source, r.file_name, r.checksum, r.status, COALESCE(sc.la, ''), "
      "COALESCE(sc.estab, ''), r.started_at, r.finished_at, r.pupils_in_file, r.pupils_added, r.pupils_changed, "
      "r.pupils_unchanged, r.pupils_rejected, r.pupils_not_applied, r.pupils_left, r.problems, r.warnings, "
      "r.source_datetime, r.details, COALESCE(r.reason, '') FROM import_run r LEFT JOIN school sc ON sc.id = "
      "r.school_id ORDER BY r.id DESC LIMIT ?1");
  s.bind(1, limit);
  json::array out;
  while (s.step()) {
    out.push_back({{"id", s.integer(0)},
                   {"sync_run", s.is_null(1) ? json::value(nullptr) : json::value(s.integer(1))},
                   {"source", s.text(2)},
                   {"file", s.text(3)},
                   {"checksum", s.text(4)},
                   {"status", s.text(5)},
                   {"school", {{"la", s.text(6)}, {"estab", s.text(7)}}},
                   {"source_datetime", text_or_null(s, 19)},
                   {"started_at", s.text(8)},
                   {"finished_at", s.text(9)},
                   {"pupils",
                    {{"in_file", s.integer(10)},
                     {"added", s.integer(11)},
                     {"changed", s.integer(12)},
                     {"unchanged", s.integer(13)},
                     {"rejected", s.integer(14)},
                     {"not_applied", s.integer(15)},
                     {"left", s.integer(16)}}},
                   {"rows", s.is_null(20) ? json::value(json::object()) : json::parse(s.text(20))},
                   {"problems", s.integer(17)},
                   {"warnings", s.integer(18)},
                   {"reason", s.text(21)}});
  }
  return out;
}

}  // namespace sm::report
