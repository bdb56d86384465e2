#include "http/audit_trail.hpp"

#include <algorithm>

namespace sm::http {

std::vector<AuditLine> audit_trail(store::Database& db, const std::string& upn, std::size_t limit) {
  std::vector<AuditLine> lines;
  auto collect = [&](store::Database& from, const std::string& sql) {
    auto s = from.prepare(sql);
    s.bind(1, upn).bind(2, static_cast<std::int64_t>(limit));
    while (s.step()) lines.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.optional_text(4)});
  };
  collect(db, "SELECT at, actor, 'change', operation, NULL FROM change_log WHERE upn = ?1 ORDER BY at DESC LIMIT ?2");
  collect(
      db.audit_file(),
      "SELECT at, actor, 'read', action, NULL FROM audit_log WHERE upn = ?1 "
      "UNION ALL SELECT at, actor, 'request', route || ' -> ' || status || ' ' || outcome, address FROM api_access_log "
      "WHERE upn = ?1 ORDER BY 1 DESC LIMIT ?2");
  std::stable_sort(lines.begin(), lines.end(), [](const AuditLine& a, const AuditLine& b) { return a.at > b.at; });
  if (lines.size() > limit) lines.resize(limit);
  return lines;
}

}  // namespace sm::http
