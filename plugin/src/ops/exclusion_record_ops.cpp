// Suspensions and permanent exclusions as the school records them. The register's E marks show a
// suspension but never a permanent exclusion (the pupil leaves the roll), nor why; a record says
// both. Recording the same exclusion again (pupil, kind, first day) corrects it, so an exclusion
// log imported twice counts each exclusion once.
#include <boost/json.hpp>

#include "model/dates.hpp"
#include "ops/operation.hpp"
#include "ops/sheet_import.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// The DfE allows at most 45 school days of suspension in a school year: 90 sessions.
constexpr std::int64_t kMaxSuspensionSessions = 90;
constexpr std::size_t kMaxReason = 40;

// The kinds as schools and MIS word them; stored as the DfE's current words.
std::optional<std::string> kind_of(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (text == "suspension" || text == "fixed-term" || text == "fixed term" || text == "fixed" ||
      text == "fixed-period" || text == "fixed period" || text == "f")
    return "suspension";
  if (text == "permanent" || text == "permanent exclusion" || text == "p") return "permanent";
  return std::nullopt;
}

json::value record_exclusion(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, false);  // a permanently excluded pupil has left the roll
  auto kind = kind_of(text_field(r, "kind"));
  if (!kind) throw InvalidRequest("kind", "must be suspension (fixed-term) or permanent");
  auto start = model::format_date(date_field(r, "start_date"));
  not_in_future(context, start, "start_date");
  std::vector<FieldError> errors;
  std::optional<std::string> end;
  if (const auto* e = r.if_contains("end_date"); e && !e->is_null()) {
    end = model::format_date(date_field(r, "end_date"));
    if (*kind == "permanent")
      errors.push_back({"end_date", "a permanent exclusion has no last day: leave it empty"});
    else if (*end < start)
      errors.push_back({"end_date", "cannot be before start_date (" + start + ")"});
  }
  std::optional<std::int64_t> sessions;
  if (const auto* s = r.if_contains("sessions"); s && !s->is_null()) sessions = s->as_int64();
  if (*kind == "suspension" && !sessions)
    errors.push_back({"sessions", "a suspension needs the sessions it lasted (two a school day)"});
  if (sessions && (*sessions < 1 || (*kind == "suspension" && *sessions > kMaxSuspensionSessions)))
    errors.push_back({"sessions", *kind == "suspension"
                                      ? "must be from 1 to 90 (45 school days, the most a school year allows)"
                                      : "must be 1 or more"});
  auto reason = text_field(r, "reason");
  if (reason.size() > kMaxReason)
    errors.push_back({"reason", "at most 40 characters: the DfE reason code (e.g. PD), not an account"});
  if (!errors.empty()) throw InvalidRequest(errors);

  auto existing = context.db.prepare("SELECT 1 FROM exclusion WHERE pupil_id = ?1 AND kind = ?2 AND start_date = ?3");
  existing.bind(1, pupil).bind(2, *kind).bind(3, start);
  const bool corrected = existing.step();
  auto s = context.db.prepare(
      "INSERT INTO exclusion (pupil_id, kind, start_date, end_date, sessions, reason, source, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'senmap', ?7) ON CONFLICT (pupil_id, kind, start_date) DO UPDATE SET "
      "end_date = excluded.end_date, sessions = excluded.sessions, reason = excluded.reason, "
      "source = excluded.source, recorded_at = excluded.recorded_at");
  s.bind(1, pupil).bind(2, *kind).bind(3, start);
  if (end) s.bind(4, *end);
  if (sessions) s.bind(5, *sessions);
  if (!reason.empty()) s.bind(6, reason);
  s.bind(7, model::format_date(context.today)).run();
  return json::object{{"upn", upn},
                      {"kind", *kind},
                      {"start_date", start},
                      {"end_date", end ? json::value(*end) : nullptr},
                      {"sessions", sessions ? json::value(*sessions) : nullptr},
                      {"reason", reason.empty() ? json::value(nullptr) : json::value(reason)},
                      {"recorded", corrected ? "corrected" : "new"}};
}

json::value list_exclusions(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, false);
  auto s = context.db.prepare(
      "SELECT kind, start_date, end_date, sessions, reason, source, recorded_at FROM exclusion WHERE pupil_id = ?1 "
      "ORDER BY start_date, kind");
  s.bind(1, pupil);
  json::array out;
  while (s.step())
    out.push_back({{"kind", s.text(0)},
                   {"start_date", s.text(1)},
                   {"end_date", s.is_null(2) ? json::value(nullptr) : json::value(s.text(2))},
                   {"sessions", s.is_null(3) ? json::value(nullptr) : json::value(s.integer(3))},
                   {"reason", s.is_null(4) ? json::value(nullptr) : json::value(s.text(4))},
                   {"source", s.text(5)},
                   {"recorded_at", s.text(6)}});
  return json::object{{"upn", upn}, {"exclusions", std::move(out)}};
}

}  // namespace

json::value import_exclusions(Context& context, const std::string& path) {
  SheetImport how{
      "exclusion.record",
      {"upn", "kind", "start_date", "end_date", "sessions", "reason"},
      {{"type", "kind"},
       {"exclusion_type", "kind"},
       {"category", "kind"},
       {"start", "start_date"},
       {"from", "start_date"},
       {"end", "end_date"},
       {"to", "end_date"},
       {"sessions_lost", "sessions"},
       {"reason_code", "reason"}},
      {"upn", "kind", "start_date"},
      [](const std::string& field, const std::string& cell, std::vector<std::string>&) {
        if (field.ends_with("_date")) return json::value(sheet_date(cell));
        if (field == "sessions" && cell.find_first_not_of("0123456789") == std::string::npos && cell.size() <= 6)
          return json::value(std::stoll(cell));
        return json::value(cell);  // a sessions cell that is not a whole number is refused by type
      }};
  return import_sheet_rows(context, path, how);
}

void add_exclusion_record_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back(
      {"exclusion.record",
       "Record a suspension or a permanent exclusion (recording the same pupil, kind and first day again corrects "
       "it)",
       true,
       {{"upn", F::upn, true, "the pupil's UPN (a permanently excluded pupil may have left the roll)"},
        {"kind", F::string, true, "suspension (fixed-term) or permanent"},
        {"start_date", F::date, true, "the first day"},
        {"end_date", F::date, false, "a suspension's last day"},
        {"sessions", F::integer, false, "sessions lost, two a school day (required for a suspension; at most 90)"},
        {"reason", F::string, false, "the DfE reason code, e.g. PD (persistent disruptive behaviour)"}},
       record_exclusion});
  out.push_back({"exclusion.list",
                 "A pupil's recorded suspensions and permanent exclusions, oldest first",
                 false,
                 {{"upn", F::upn, true, "the pupil's UPN"}},
                 list_exclusions});
}

}  // namespace sm::ops
