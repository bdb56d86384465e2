// TA deployment: where teaching assistants' time goes and what it does. The hours each TA runs
// provisions (the sessions they led), the pupils they are assigned to and the classes they support;
// for each pupil on the register, how much of their support time came from TAs rather than teachers
// and specialists, set against the progress their interventions measured. The induction pack asks
// for this, and the evidence on TAs (pupils with most TA time can make the least progress) is why.
#include <boost/json.hpp>
#include <map>

#include "model/dates.hpp"
#include "model/number_text.hpp"
#include "ops/operation.hpp"
#include "report/pupil_groups.hpp"
#include "report/term_calendar.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// A pupil's support is "mostly from TAs" at half their support minutes or more.
constexpr double kMostlyTa = 50.0;

double hours(double minutes) {
  return model::round1(minutes / 60.0);
}

struct PupilSupport {
  std::string upn, name, status;
  std::map<std::string, double> minutes;  // by who delivered: ta, teacher, specialist, external
  std::vector<double> gains;              // exit less baseline, for placements measured by numbers
};

json::value mean_or_null(const std::vector<double>& v) {
  if (v.empty()) return nullptr;
  double sum = 0;
  for (double x : v) sum += x;
  return model::round1(sum / static_cast<double>(v.size()));
}

json::value deployment(Context& context, const json::object& r) {
  const auto school = school_or_only(context.db, r);
  const int year = model::academic_year_of(context.today);
  const auto from = r.contains("from") ? model::format_date(date_field(r, "from")) : std::to_string(year) + "-08-01";
  const auto to = r.contains("to") ? model::format_date(date_field(r, "to")) : model::format_date(context.today);
  if (to < from) throw InvalidRequest("to", "cannot be before from (" + from + ")");

  // Each TA: the sessions they led, their assigned pupils and the classes they support.
  auto tas = context.db.prepare(
      "SELECT s.id, sc.la || '-' || sc.estab || '/' || s.sourced_id, COALESCE(s.preferred_given_name, s.given_name) || "
      "' ' || s.family_name, (SELECT COUNT(*) FROM ta_assignment a WHERE a.staff_id = s.id), (SELECT COUNT(DISTINCT "
      "m.class_id) FROM class_member m JOIN school_class c ON c.id = m.class_id WHERE m.staff_id = s.id AND m.role = "
      "'aide' AND c.ended_on IS NULL), (SELECT COUNT(*) FROM provision_session ps WHERE ps.staff_id = s.id AND "
      "ps.status = 'delivered' AND ps.session_date BETWEEN ?2 AND ?3), (SELECT COALESCE(SUM(p.minutes_per_session), "
      "0) FROM provision_session ps JOIN provision p ON p.id = ps.provision_id WHERE ps.staff_id = s.id AND ps.status "
      "= 'delivered' AND ps.session_date BETWEEN ?2 AND ?3) FROM staff s JOIN school sc ON sc.id = s.school_id LEFT "
      "JOIN staff_role r ON r.staff_id = s.id WHERE s.school_id = ?1 AND s.left_on IS NULL AND (s.role = 'aide' OR "
      "r.role = 'ta') ORDER BY s.family_name, s.given_name");
  tas.bind(1, school).bind(2, from).bind(3, to);
  std::string basis;
  const double weeks = report::school_weeks(report::school_terms(context.db, school), *model::parse_date(from),
                                            *model::parse_date(to), basis);
  json::array ta_rows;
  while (tas.step()) {
    const double led = tas.real(6);
    ta_rows.push_back({{"staff_id", tas.text(1)},
                       {"name", tas.text(2)},
                       {"pupils_assigned", tas.integer(3)},
                       {"classes_supported", tas.integer(4)},
                       {"sessions_led", tas.integer(5)},
                       {"hours_on_provisions", hours(led)},
                       {"hours_a_week_on_provisions",
                        weeks > 0 ? json::value(model::round1(led / 60.0 / weeks)) : json::value(nullptr)}});
  }
  // Sessions of TA-run provisions that name no member of staff: time no TA is credited with.
  auto unnamed = context.db.prepare(
      "SELECT COUNT(*), COALESCE(SUM(p.minutes_per_session), 0) FROM provision_session ps JOIN provision p ON p.id = "
      "ps.provision_id WHERE p.delivered_by = 'ta' AND ps.status = 'delivered' AND ps.staff_id IS NULL AND "
      "ps.session_date BETWEEN ?1 AND ?2 AND EXISTS (SELECT 1 FROM placement pl JOIN pupil pu ON pu.id = pl.pupil_id "
      "WHERE pl.provision_id = p.id AND pu.school_id = ?3)");
  unnamed.bind(1, from).bind(2, to).bind(3, school);
  unnamed.step();

  // Each register pupil's support minutes by who delivered them, from the sessions they attended.
  std::map<std::int64_t, PupilSupport> pupils;
  for (const auto& [id, p] : report::load_pupil_facts(context.db, context.today)) {
    if (p.school_id != school || !p.on_roll || (p.status != "K" && p.status != "E")) continue;
    pupils[id] = {p.upn, p.forename + " " + p.surname, p.status, {}, {}};
  }
  auto attended = context.db.prepare(
      "SELECT pl.pupil_id, p.delivered_by, SUM(p.minutes_per_session) FROM session_attendance a JOIN provision_session "
      "ps ON ps.id = a.session_id JOIN placement pl ON pl.id = a.placement_id JOIN provision p ON p.id = "
      "ps.provision_id WHERE a.present = 1 AND ps.status = 'delivered' AND ps.session_date BETWEEN ?1 AND ?2 GROUP BY "
      "pl.pupil_id, p.delivered_by");
  attended.bind(1, from).bind(2, to);
  while (attended.step())
    if (auto it = pupils.find(attended.integer(0)); it != pupils.end())
      it->second.minutes[attended.text(1)] += attended.real(2);
  auto measured = context.db.prepare(
      "SELECT pupil_id, baseline, exit_value FROM placement WHERE exit_date BETWEEN ?1 AND ?2 AND baseline IS NOT "
      "NULL AND exit_value IS NOT NULL");
  measured.bind(1, from).bind(2, to);
  while (measured.step()) {
    auto it = pupils.find(measured.integer(0));
    auto before = number_of(measured.text(1)), after = number_of(measured.text(2));
    if (it != pupils.end() && before && after) it->second.gains.push_back(*after - *before);
  }
  json::array pupil_rows;
  struct Band {
    std::size_t pupils = 0;
    std::vector<double> gains;
  };
  Band mostly_ta, mostly_others;
  for (const auto& [id, p] : pupils) {
    double total = 0;
    for (const auto& [who, m] : p.minutes) total += m;
    if (total <= 0) continue;  // no intervention sessions in the period: nothing to share out
    const double ta = p.minutes.count("ta") ? p.minutes.at("ta") : 0;
    const double share = 100.0 * ta / total;
    auto& band = share >= kMostlyTa ? mostly_ta : mostly_others;
    ++band.pupils;
    band.gains.insert(band.gains.end(), p.gains.begin(), p.gains.end());
    json::object hours_by;
    for (const auto& [who, m] : p.minutes) hours_by[who] = hours(m);
    pupil_rows.push_back({{"upn", p.upn},
                          {"pupil", p.name},
                          {"status", p.status},
                          {"support_hours", hours(total)},
                          {"hours_by", std::move(hours_by)},
                          {"ta_share_percent", model::round1(share)},
                          {"measured_gains", p.gains.size()},
                          {"mean_gain", mean_or_null(p.gains)}});
  }
  auto band_json = [](const char* label, const Band& b) {
    return json::object{{"band", label},
                        {"pupils", b.pupils},
                        {"placements_measured", b.gains.size()},
                        {"mean_gain", mean_or_null(b.gains)}};
  };
  return json::object{
      {"from", from},
      {"to", to},
      {"school_weeks", model::round1(weeks)},
      {"tas", std::move(ta_rows)},
      {"sessions_without_staff", {{"sessions", unnamed.integer(0)}, {"hours", hours(unnamed.real(1))}}},
      {"pupils", std::move(pupil_rows)},
      {"by_ta_share", json::array{band_json("Half or more of their support from TAs", mostly_ta),
                                  band_json("Most of their support from teachers or specialists", mostly_others)}},
      {"note",
       "Hours a TA led: delivered sessions that name them (session.record's run_by, or a staff name the MIS "
       "holds). A pupil's support: the intervention sessions they attended, by who delivers the provision. Gains: "
       "exit less baseline of placements measured by numbers that ended in the period"}};
}

}  // namespace

void add_ta_deployment_operations(std::vector<Operation>& out) {
  out.push_back({"report.ta_deployment",
                 "TA deployment: hours each TA leads provisions, pupils assigned, classes supported; each register "
                 "pupil's share of support from TAs against teachers and specialists, set against measured progress",
                 false,
                 {school_field(),
                  {"from", FieldType::date, false, "start of the period (default: 1 August of this school year)"},
                  {"to", FieldType::date, false, "end of the period (default: today)"}},
                 deployment});
}

}  // namespace sm::ops
