#include "store/pupil_rows.hpp"

#include <functional>
#include <map>

namespace sm::store {
namespace {

struct ForeignKey {
  std::string child, column, parent_column;
};

// parent table -> the tables (and columns) that refer to it, read from the schema itself.
std::map<std::string, std::vector<ForeignKey>> references(Database& db) {
  std::map<std::string, std::vector<ForeignKey>> out;
  std::vector<std::string> tables;
  auto list = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  while (list.step()) tables.push_back(list.text(0));
  for (const auto& table : tables) {
    auto keys = db.prepare("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1)");
    keys.bind(1, table);
    while (keys.step()) out[keys.text(0)].push_back({table, keys.text(1), keys.is_null(2) ? "id" : keys.text(2)});
  }
  return out;
}

}  // namespace

std::vector<PupilTable> pupil_tables(Database& db) {
  const auto graph = references(db);
  std::vector<PupilTable> order;
  std::map<std::string, std::size_t> at;  // table -> its place in `order`
  std::function<void(const std::string&, const std::string&, int)> visit = [&](const std::string& table,
                                                                               const std::string& where, int depth) {
    if (depth > 8) throw StoreError("the schema's foreign keys nest deeper than expected at " + table);
    if (auto children = graph.find(table); children != graph.end())
      for (const auto& fk : children->second)
        visit(fk.child,
              ("\"" + fk.column)
                  .append("\" IN (SELECT \"")
                  .append(fk.parent_column)
                  .append("\" FROM ")
                  .append(table)
                  .append(" WHERE ")
                  .append(where)
                  .append(")"),
              depth + 1);
    // A table reached along two paths (a session's attendance: by placement and by session) takes
    // both conditions, keeping its first place, which is before both its parents.
    if (auto found = at.find(table); found != at.end()) {
      order[found->second].where = "(" + order[found->second].where + ") OR (" + where + ")";
    } else {
      at[table] = order.size();
      order.push_back({table, where});
    }
  };
  visit("pupil", "id = ?1", 0);
  return order;
}

const std::vector<std::string>& upn_tables() {
  static const std::vector<std::string> tables{"outbox", "roster_unmatched", "change_log"};
  return tables;
}

}  // namespace sm::store
