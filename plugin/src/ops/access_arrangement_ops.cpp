// Exam access arrangements as the JCQ process runs them: each with the evidence it rests on (the
// assessor and their qualification, the standardised scores and the tests that gave them, the
// candidate's normal way of working, and the history of need senmap already holds: cycles and
// provision), the day the application was approved and the day that approval lapses (26 months
// later, JCQ Access Arrangements and Reasonable Adjustments; configurable as [clock]
// access_approval); and the centre-wide list the exams officer works from.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "model/access_kinds.hpp"
#include "ops/operation.hpp"
#include "report/json_columns.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// Extra time rests on an assessment by a qualified assessor with standardised scores (JCQ Form 8).
bool needs_assessment(const std::string& kind) {
  return kind == "extra_time_25" || kind == "extra_time_50";
}

// Cycles of SEN support and provision the pupil has had: the history of need JCQ asks the centre to hold.
json::object history_of_need(store::Database& db, std::int64_t pupil) {
  auto cycles = db.prepare("SELECT COUNT(*), MIN(assessed_on) FROM sen_cycle WHERE pupil_id = ?1");
  cycles.bind(1, pupil);
  cycles.step();
  json::array provisions;
  auto s = db.prepare(
      "SELECT DISTINCT p.name FROM placement pl JOIN provision p ON p.id = pl.provision_id WHERE pl.pupil_id = ?1 "
      "ORDER BY p.name");
  s.bind(1, pupil);
  while (s.step()) provisions.push_back(json::value(s.text(0)));
  return {{"cycles", cycles.integer(0)},
          {"since", cycles.is_null(1) ? json::value(nullptr) : json::value(cycles.text(1))},
          {"provisions", std::move(provisions)}};
}

json::object arrangement_json(const store::Statement& s, const model::ClockRules& clock, const std::string& today) {
  auto to = s.optional_text(5);
  auto approved = s.optional_text(10);
  json::value expires = nullptr;
  if (approved) expires = model::format_date(clock.access_approval.after(*model::parse_date(*approved)));
  json::value scores = json::array();
  if (auto text = s.optional_text(8)) scores = json::parse(*text);
  return {{"id", s.integer(0)},
          {"kind", s.text(1)},
          {"details", report::text_or_null(s, 2)},
          {"evidence", s.text(3)},
          {"valid_from", s.text(4)},
          {"valid_to", to ? json::value(*to) : nullptr},
          {"current", s.text(4) <= today && (!to || *to >= today)},
          {"assessor", report::text_or_null(s, 6)},
          {"assessor_qualification", report::text_or_null(s, 7)},
          {"scores", std::move(scores)},
          {"normal_way_of_working", report::text_or_null(s, 9)},
          {"approved_on", approved ? json::value(*approved) : nullptr},
          {"approval_expires", expires},
          {"approval_lapsed", expires.is_string() && std::string(expires.as_string()) < today}};
}

constexpr const char* kArrangementColumns =
    "a.id, a.kind, a.details, a.evidence, a.valid_from, a.valid_to, a.assessor, a.assessor_qualification, a.scores, "
    "a.normal_way_of_working, a.approved_on";

json::value arrangements(Context& context, std::int64_t pupil, const std::string& upn) {
  auto today = model::format_date(context.today);
  auto s = context.db.prepare(std::string("SELECT ") + kArrangementColumns +
                              " FROM access_arrangement a WHERE a.pupil_id = ?1 ORDER BY a.valid_from, a.id");
  s.bind(1, pupil);
  json::array out;
  while (s.step()) out.push_back(arrangement_json(s, context.clock, today));
  return json::object{
      {"upn", upn}, {"arrangements", std::move(out)}, {"history_of_need", history_of_need(context.db, pupil)}};
}

// [{"test":"WRAT5 reading","score":84}]: each a named test and a standardised score (40 to 160).
std::string scores_field(const json::object& r, std::vector<FieldError>& errors) {
  const auto* given = r.if_contains("scores");
  if (!given || given->is_null()) return {};
  json::array scores;
  const auto* list = given->if_array();
  for (std::size_t i = 0; list && i < list->size(); ++i) {
    const auto* o = (*list)[i].if_object();
    const auto* test = o ? o->if_contains("test") : nullptr;
    const auto* score = o ? o->if_contains("score") : nullptr;
    auto at = "scores[" + std::to_string(i) + "]";
    if (!test || !test->is_string() || test->as_string().empty()) {
      errors.push_back({at + ".test", "the test's name (and edition)"});
      continue;
    }
    constexpr double kLowest = 40, kHighest = 160;  // standardised scores: mean 100, SD 15
    if (!score || !score->is_number() || score->to_number<double>() < kLowest ||
        score->to_number<double>() > kHighest) {
      errors.push_back({at + ".score", "a standardised score from 40 to 160"});
      continue;
    }
    auto value = score->to_number<double>();  // a whole score stays whole: 82, not 82.0
    json::value kept = value == std::floor(value) ? json::value(static_cast<std::int64_t>(value)) : json::value(value);
    scores.push_back({{"test", test->as_string()}, {"score", std::move(kept)}});
  }
  return scores.empty() ? std::string() : json::serialize(scores);
}

json::value add(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, true);
  auto kind = text_field(r, "kind");
  std::vector<FieldError> errors;
  const auto& kinds = model::kAccessKinds;
  if (std::none_of(kinds.begin(), kinds.end(), [&](const auto& k) { return k.key == kind; })) {
    std::string all;
    for (const auto& k : kinds) all += (all.empty() ? "" : ", ") + std::string(k.key);
    errors.push_back({"kind", "must be one of " + all});
  }
  auto scores = scores_field(r, errors);
  if (!errors.empty()) throw InvalidRequest(errors);
  auto from = model::format_date(date_field(r, "valid_from"));
  std::optional<std::string> to;
  if (r.if_contains("valid_to") && !r.at("valid_to").is_null()) {
    to = model::format_date(date_field(r, "valid_to"));
    if (*to < from) throw InvalidRequest("valid_to", "cannot be before valid_from (" + from + ")");
  }
  auto optional = [&](const char* field) {
    auto text = r.contains(field) ? text_field(r, field) : std::string();
    return text.empty() ? std::optional<std::string>() : std::optional<std::string>(text);
  };
  auto s = context.db.prepare(
      "INSERT INTO access_arrangement (pupil_id, kind, details, evidence, valid_from, valid_to, assessor, "
      "assessor_qualification, scores, normal_way_of_working) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
  s.bind(1, pupil)
      .bind(2, kind)
      .bind(3, optional("details"))
      .bind(4, text_field(r, "evidence"))
      .bind(5, from)
      .bind(6, to)
      .bind(7, optional("assessor"))
      .bind(8, optional("assessor_qualification"))
      .bind(9, scores.empty() ? std::optional<std::string>() : std::optional<std::string>(scores))
      .bind(10, optional("normal_way_of_working"))
      .run();
  auto id = context.db.last_insert_id();
  auto out = arrangements(context, pupil, upn);
  out.as_object()["id"] = id;
  return out;
}

// The application approved (through Access arrangements online): refused while the evidence JCQ
// inspects is missing, so an approval here is one the centre can show the inspector.
json::value approve(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  auto pupil = pupil_id_of(context.db, upn, true);
  auto id = r.at("arrangement_id").to_number<std::int64_t>();
  auto s = context.db.prepare(std::string("SELECT ") + kArrangementColumns +
                              " FROM access_arrangement a WHERE a.id = ?1 AND a.pupil_id = ?2");
  s.bind(1, id).bind(2, pupil);
  if (!s.step())
    throw InvalidRequest("arrangement_id", "no arrangement " + std::to_string(id) + " is recorded for this pupil");
  auto kind = s.text(1);
  std::vector<FieldError> errors;
  if (needs_assessment(kind)) {
    if (s.is_null(6) || s.is_null(7))
      errors.push_back({"arrangement_id",
                        "extra time rests on an assessment: record the assessor and their "
                        "qualification first (JCQ Form 8)"});
    if (s.is_null(8))
      errors.push_back(
          {"arrangement_id", "extra time rests on standardised scores: record the tests and scores first"});
  }
  if (s.is_null(9))
    errors.push_back({"arrangement_id", "record the candidate's normal way of working first: JCQ asks for it"});
  s.reset();
  if (!errors.empty()) throw InvalidRequest(errors);
  auto day = model::format_date(date_field(r, "date"));
  not_in_future(context, day, "date");
  context.db.prepare("UPDATE access_arrangement SET approved_on = ?2 WHERE id = ?1").bind(1, id).bind(2, day).run();
  return arrangements(context, pupil, upn);
}

json::value pupil_list(Context& context, const json::object& r) {
  auto upn = text_field(r, "upn");
  return arrangements(context, pupil_id_of(context.db, upn, false), upn);
}

// Every candidate's arrangements in force or to come, for the exams officer: whose approval is
// missing or lapses before the arrangement ends, the most urgent first.
json::value centre_list(Context& context, const json::object& r) {
  auto school = school_of_request(context.db, r);
  auto today = model::format_date(context.today);
  auto s = context.db.prepare(
      std::string("SELECT ") + kArrangementColumns +
      ", p.upn, p.forename, p.surname, COALESCE(p.nc_year, '') FROM access_arrangement a JOIN pupil p ON p.id = "
      "a.pupil_id WHERE p.left_on IS NULL AND (a.valid_to IS NULL OR a.valid_to >= ?1) AND (?2 IS NULL OR "
      "p.school_id = ?2) ORDER BY p.surname, p.forename, a.id");
  s.bind(1, today);
  if (school)
    s.bind(2, *school);
  else
    s.bind_null(2);
  std::vector<json::object> rows;
  while (s.step()) {
    auto row = arrangement_json(s, context.clock, today);
    row["upn"] = s.text(11);
    row["forename"] = s.text(12);
    row["surname"] = s.text(13);
    row["nc_year"] = s.text(14);
    // To act on: no approval yet, or an approval that lapses while the arrangement runs.
    const auto& expires = row.at("approval_expires");
    const auto& to = row.at("valid_to");
    row["action"] = !expires.is_string() ? "apply"
                    : (to.is_null() || expires.as_string() < to.as_string())
                        ? "renew before " + std::string(expires.as_string())
                        : "";
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const json::object& a, const json::object& b) {
    auto rank = [](const json::object& o) {
      auto action = std::string(o.at("action").as_string());
      return action == "apply" ? 0 : action.empty() ? 2 : 1;
    };
    return rank(a) < rank(b);
  });
  json::array out;
  for (auto& row : rows) out.push_back(std::move(row));
  // The next applications deadline, when the school has given this year's (JCQ key dates).
  json::value applications_by = nullptr;
  if (const auto& by = context.clock.access_applications_by) {
    auto year = static_cast<int>(std::chrono::year_month_day{context.today}.year());
    auto due = by->in(year) < context.today ? by->in(year + 1) : by->in(year);
    applications_by = json::object{{"date", model::format_date(due)}, {"source", by->source}};
  }
  return json::object{{"as_of", today},
                      {"approval_lasts", context.clock.access_approval.describe()},
                      {"applications_by", std::move(applications_by)},
                      {"arrangements", std::move(out)}};
}

}  // namespace

void add_access_arrangement_operations(std::vector<Operation>& out) {
  using F = FieldType;
  const Field upn{"upn", F::upn, true, "the pupil's UPN"};
  out.push_back({"access.add",
                 "Record an exam access arrangement (JCQ / STA) with the evidence it rests on",
                 true,
                 {upn,
                  {"kind", F::string, true,
                   "extra_time_25, extra_time_50, reader, scribe, word_processor, rest_breaks, "
                   "modified_papers, separate_room, prompter or other"},
                  {"details", F::text, false, "what exactly"},
                  {"evidence", F::string, true, "the evidence it rests on (the pupil's normal way of working)"},
                  {"valid_from", F::date, true, "from"},
                  {"valid_to", F::date, false, "to"},
                  {"assessor", F::string, false, "who assessed the candidate (JCQ Form 8)"},
                  {"assessor_qualification", F::string, false, "the assessor's qualification, as JCQ asks"},
                  {"scores", F::object_list, false,
                   "[{\"test\":\"WRAT5 reading speed\",\"score\":82}]: standardised scores and their tests"},
                  {"normal_way_of_working", F::text, false, "how the candidate works in class and in tests"}},
                 add});
  out.push_back({"access.approve",
                 "Record the day the access arrangement's application was approved (it lapses 26 months later)",
                 true,
                 {upn,
                  {"arrangement_id", F::integer, true, "the arrangement (access.list)"},
                  {"date", F::date, true, "the day it was approved"}},
                 approve});
  out.push_back({"access.list",
                 "The pupil's exam access arrangements, each with its evidence and approval, and the history of need",
                 false,
                 {upn},
                 pupil_list});
  out.push_back({"access.centre_list",
                 "Every candidate's access arrangements for the exams officer: approvals to apply for or renew first",
                 false,
                 {school_field()},
                 centre_list});
}

}  // namespace sm::ops
