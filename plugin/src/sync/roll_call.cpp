#include "sync/roll_call.hpp"

namespace sm::sync {

// A full CTF from a school lists everyone on its roll: a pupil of that school it no longer
// lists has left (marked with the file's date, never deleted); one who is back is un-marked.
// Newer data wins here too: a pupil last described by a newer file is not marked by an older
// one, and a leaving date is only undone by a file from on or after it.
std::size_t mark_roll(store::Database& db, std::int64_t school_id, const std::vector<std::string>& upns,
                      const std::string& datetime, const std::string& date, std::size_t added) {
  // A school's first import added every pupil it has: nobody can have left.
  auto held = db.prepare("SELECT COUNT(*) FROM pupil WHERE school_id = ?1");
  held.bind(1, school_id).step();
  if (static_cast<std::size_t>(held.integer(0)) == added) return 0;
  db.exec("CREATE TEMP TABLE IF NOT EXISTS on_roll (upn TEXT PRIMARY KEY) WITHOUT ROWID");
  db.exec("DELETE FROM temp.on_roll");
  auto add = db.prepare("INSERT OR IGNORE INTO temp.on_roll (upn) VALUES (?1)");
  for (const auto& upn : upns) add.bind(1, upn).run();
  auto back = db.prepare(
      "UPDATE pupil SET left_on = NULL WHERE school_id = ?1 AND left_on IS NOT NULL AND left_on <= ?2 "
      "AND upn IN (SELECT upn FROM temp.on_roll)");
  back.bind(1, school_id).bind(2, date).run();
  auto leave = db.prepare(
      "UPDATE pupil SET left_on = ?2 WHERE school_id = ?1 AND left_on IS NULL AND source_datetime < ?3 "
      "AND upn NOT IN (SELECT upn FROM temp.on_roll)");
  leave.bind(1, school_id).bind(2, date).bind(3, datetime).run();
  auto left = static_cast<std::size_t>(db.changes());
  db.exec("DELETE FROM temp.on_roll");
  return left;
}

}  // namespace sm::sync
