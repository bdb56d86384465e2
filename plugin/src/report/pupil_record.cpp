#include "report/pupil_record.hpp"

#include <boost/json.hpp>
#include <cmath>

#include "model/reference_data.hpp"
#include "report/attendance.hpp"

namespace sm::report {
namespace {
namespace json = boost::json;

json::value text_or_null(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}
json::value int_or_null(const std::optional<std::int64_t>& n) {
  return n ? json::value(*n) : json::value(nullptr);
}
json::value percent_or_null(std::optional<double> p) {
  return p ? json::value(std::round(*p * 10.0) / 10.0) : json::value(nullptr);
}

json::array status_history(store::Database& db, std::int64_t pupil) {
  auto& stmt = db.cached(
      "SELECT start_date, provision, LEAD(start_date) OVER (ORDER BY start_date) FROM sen_status_period "
      "WHERE pupil_id = ?1 ORDER BY start_date");
  stmt.bind(1, pupil);
  json::array history;
  while (stmt.step()) {
    const auto* code = model::find_sen_provision(stmt.text(1));
    history.push_back({{"start", stmt.text(0)},
                       {"end", text_or_null(stmt.optional_text(2))},
                       {"status", stmt.text(1)},
                       {"meaning", code ? code->meaning : std::string_view("")}});
  }
  return history;
}

json::array needs(store::Database& db, std::int64_t pupil, model::Date as_of) {
  auto& stmt = db.cached(
      "SELECT need_type, rank, start_date, end_date, (end_date IS NULL OR end_date > ?2) FROM sen_need "
      "WHERE pupil_id = ?1 ORDER BY (end_date IS NULL OR end_date > ?2) DESC, rank, start_date");
  stmt.bind(1, pupil).bind(2, model::format_date(as_of));
  json::array out;
  while (stmt.step()) {
    const auto* type = model::find_sen_type(stmt.text(0));
    out.push_back({{"code", stmt.text(0)},
                   {"rank", stmt.integer(1)},
                   {"area", type ? type->area : std::string_view("")},
                   {"description", type ? type->meaning : std::string_view("")},
                   {"start", text_or_null(stmt.optional_text(2))},
                   {"end", text_or_null(stmt.optional_text(3))},
                   {"current", stmt.integer(4) != 0}});
  }
  return out;
}

json::object attendance(store::Database& db, std::int64_t pupil) {
  auto& stmt = db.cached(
      "SELECT year, sessions_possible, sessions_attended, sessions_authorised, sessions_unauthorised, marks_start, "
      "marks, estab FROM attendance_year WHERE pupil_id = ?1 ORDER BY year, marks_start");
  stmt.bind(1, pupil);
  json::array years;
  json::value latest = nullptr;
  // This year's figure combines every school the pupil attended in it.
  int latest_year = 0;
  AttendanceTally this_year;
  bool this_year_from_marks = false;
  while (stmt.step()) {
    json::object year{{"year", stmt.integer(0)},
                      {"estab", stmt.text(7)},
                      {"sessions_possible", int_or_null(stmt.optional_integer(1))},
                      {"sessions_attended", int_or_null(stmt.optional_integer(2))},
                      {"sessions_authorised", int_or_null(stmt.optional_integer(3))},
                      {"sessions_unauthorised", int_or_null(stmt.optional_integer(4))},
                      {"marks_start", text_or_null(stmt.optional_text(5))}};
    // Computed from the marks when we have them: the MIS totals may cover a different range.
    auto start = stmt.optional_text(5);
    auto marks = stmt.optional_text(6);
    std::optional<double> percent;
    bool persistent = false, severe = false;
    if (start && marks) {
      if (auto d = model::parse_date(*start)) {
        auto t = tally_marks(*marks, *d);
        if (stmt.integer(0) != latest_year) {
          latest_year = static_cast<int>(stmt.integer(0));
          this_year = {};
        }
        this_year.possible += t.possible;
        this_year.attended += t.attended;
        this_year_from_marks = true;
        percent = t.percent();
        persistent = t.persistent_absence();
        severe = t.severe_absence();
        year["marks_possible"] = t.possible;
        year["marks_attended"] = t.attended;
      }
    } else if (auto possible = stmt.optional_integer(1); possible && *possible > 0) {
      percent = 100.0 * static_cast<double>(stmt.optional_integer(2).value_or(0)) / static_cast<double>(*possible);
      persistent = *percent < 90.0;
      severe = *percent <= 50.0;
    }
    year["attendance_percent"] = percent_or_null(percent);
    year["persistent_absence"] = persistent;
    year["severe_absence"] = severe;
    latest = year;
    years.push_back(std::move(year));
  }
  json::object out{{"years", std::move(years)}};
  if (latest.is_object() && this_year_from_marks && latest.at("year").as_int64() == latest_year) {
    out["this_year"] = {{"year", latest_year},
                        {"attendance_percent", percent_or_null(this_year.percent())},
                        {"persistent_absence", this_year.persistent_absence()},
                        {"severe_absence", this_year.severe_absence()}};
  } else if (latest.is_object()) {
    out["this_year"] = {{"year", latest.at("year")},
                        {"attendance_percent", latest.at("attendance_percent")},
                        {"persistent_absence", latest.at("persistent_absence")},
                        {"severe_absence", latest.at("severe_absence")}};
  } else {
    out["this_year"] = nullptr;
  }
  return out;
}

json::array assessments(store::Database& db, std::int64_t pupil) {
  auto& stmt = db.cached(
      "SELECT stage, year, subject, method, component, result_status, result_qualifier, result, result_date, source, "
      "locale FROM assessment_result WHERE pupil_id = ?1 ORDER BY result_date, year, stage, subject, seq");
  stmt.bind(1, pupil);
  json::array out;
  while (stmt.step())
    out.push_back({{"stage", text_or_null(stmt.optional_text(0))},
                   {"year", int_or_null(stmt.optional_integer(1))},
                   {"subject", stmt.text(2)},
                   {"method", text_or_null(stmt.optional_text(3))},
                   {"component", text_or_null(stmt.optional_text(4))},
                   {"result_status", text_or_null(stmt.optional_text(5))},
                   {"result_qualifier", text_or_null(stmt.optional_text(6))},
                   {"result", stmt.text(7)},
                   {"result_date", text_or_null(stmt.optional_text(8))},
                   {"source", stmt.text(9)},
                   {"locale", text_or_null(stmt.optional_text(10))}});
  return out;
}

json::array fsm(store::Database& db, std::int64_t pupil) {
  auto& stmt =
      db.cached("SELECT start_date, end_date, country FROM fsm_period WHERE pupil_id = ?1 ORDER BY start_date");
  stmt.bind(1, pupil);
  json::array out;
  while (stmt.step())
    out.push_back({{"start", stmt.text(0)},
                   {"end", text_or_null(stmt.optional_text(1))},
                   {"country", text_or_null(stmt.optional_text(2))}});
  return out;
}

}  // namespace

std::optional<json::value> pupil_record_json(store::Database& db, std::string_view upn, model::Date as_of) {
  auto& stmt = db.cached(
      "SELECT p.id, p.upn, p.surname, p.forename, p.preferred_surname, p.preferred_forename, p.middle_names, p.dob, "
      "p.sex, p.nc_year, p.ethnicity, p.first_language, p.looked_after, p.care_authority, p.medical_flag, p.uln, "
      "s.la, s.estab, s.name, p.source_datetime, p.left_on FROM pupil p JOIN school s ON s.id = p.school_id WHERE "
      "p.upn = ?1");
  stmt.bind(1, upn);
  if (!stmt.step()) return std::nullopt;
  auto id = stmt.integer(0);
  json::object out{{"upn", stmt.text(1)},
                   {"surname", stmt.text(2)},
                   {"forename", stmt.text(3)},
                   {"preferred_surname", text_or_null(stmt.optional_text(4))},
                   {"preferred_forename", text_or_null(stmt.optional_text(5))},
                   {"middle_names", text_or_null(stmt.optional_text(6))},
                   {"dob", stmt.text(7)},
                   {"sex", stmt.text(8)},
                   {"nc_year", text_or_null(stmt.optional_text(9))},
                   {"ethnicity", text_or_null(stmt.optional_text(10))},
                   {"first_language", text_or_null(stmt.optional_text(11))},
                   {"looked_after", stmt.integer(12) != 0},
                   {"care_authority", text_or_null(stmt.optional_text(13))},
                   {"medical_flag", stmt.is_null(14) ? json::value(nullptr) : json::value(stmt.integer(14) != 0)},
                   {"uln", text_or_null(stmt.optional_text(15))},
                   {"school", {{"la", stmt.text(16)}, {"estab", stmt.text(17)}, {"name", stmt.text(18)}}},
                   {"data_as_of", stmt.text(19)},
                   {"left_on", text_or_null(stmt.optional_text(20))}};
  auto history = status_history(db, id);
  // No SEN history at all means no SEN: the CTF omits the section for those pupils.
  json::value current = "N", since = nullptr;
  if (!history.empty()) {
    current = history.back().at("status");
    // The current status has held since the start of its unbroken run of periods.
    for (auto it = history.rbegin(); it != history.rend() && it->at("status") == current; ++it) since = it->at("start");
  }
  out["status"] = current;
  out["status_since"] = since;
  out["status_history"] = std::move(history);
  out["needs"] = needs(db, id, as_of);
  out["fsm_history"] = fsm(db, id);
  out["attendance"] = attendance(db, id);
  out["assessments"] = assessments(db, id);
  return json::value(std::move(out));
}

}  // namespace sm::report
