#include "store/ehc_plans.hpp"

namespace sm::store {
namespace {

// The last held review's row (lr) and the meeting scheduled next (sr) come with each plan.
constexpr const char* kOpenPlans =
    "SELECT e.id, e.pupil_id, p.upn, p.forename, p.surname, COALESCE(p.nc_year, ''), e.la, e.request_date, "
    "e.decision, e.decision_date, e.issue_date, lr.meeting_date, e.recorded_existing, sr.meeting_date, "
    "lr.recorded_existing, lr.report_sent_on, lr.la_decided_on, lr.la_decision, "
    "EXISTS (SELECT 1 FROM ehc_review_invitation i WHERE i.plan_id = e.id AND i.meeting_date = sr.meeting_date "
    "AND i.role = 'parent'), "
    "lr.recommendation, lr.amendment_notice_on, lr.parents_responded_on, lr.amended_plan_issued_on "
    "FROM ehc_plan e JOIN pupil p ON p.id = e.pupil_id "
    "LEFT JOIN ehc_review lr ON lr.plan_id = e.id AND lr.meeting_date = "
    "(SELECT MAX(meeting_date) FROM ehc_review r WHERE r.plan_id = e.id) "
    "LEFT JOIN ehc_review_scheduled sr ON sr.plan_id = e.id "
    "WHERE e.ceased_date IS NULL ";

std::optional<model::Date> date_column(const Statement& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return model::parse_date(s.text(column));
}

OpenEhcPlan read_plan(const Statement& s) {
  OpenEhcPlan plan;
  plan.id = s.integer(0);
  plan.pupil_id = s.integer(1);
  plan.upn = s.text(2);
  plan.forename = s.text(3);
  plan.surname = s.text(4);
  plan.nc_year = s.text(5);
  plan.la = s.text(6);
  // A plan recorded as already held has no request here: request_date holds its issue date only
  // because the column cannot be empty, and no deadline is counted from it.
  plan.recorded_existing = s.integer(12) != 0;
  if (!plan.recorded_existing) plan.request = model::parse_date(s.text(7));
  plan.decision = s.optional_text(8);
  plan.decision_date = date_column(s, 9);
  plan.issue = date_column(s, 10);
  plan.last_review_meeting = date_column(s, 11);
  plan.scheduled_review_meeting = date_column(s, 13);
  plan.parent_invited = s.integer(18) != 0;
  if (plan.last_review_meeting) {
    plan.last_review.recorded_existing = s.integer(14) != 0;
    plan.last_review.report_sent = date_column(s, 15);
    plan.last_review.la_decided = date_column(s, 16);
    plan.last_review.la_decision = s.optional_text(17);
    plan.last_review.recommendation = s.optional_text(19);
    plan.last_review.amendment_notice = date_column(s, 20);
    plan.last_review.parents_responded = date_column(s, 21);
    plan.last_review.amended_plan_issued = date_column(s, 22);
  }
  return plan;
}

}  // namespace

model::EhcEvents OpenEhcPlan::events(model::Date today) const {
  model::EhcEvents out;
  out.request = request;
  out.issue = issue;
  out.last_review_meeting = last_review_meeting;
  out.scheduled_review_meeting = scheduled_review_meeting;
  if (!last_review.amended_plan_issued) out.amendment_notice = last_review.amendment_notice;  // its clock is done
  out.nc_year = nc_year;
  out.today = today;
  return out;
}

std::vector<OpenEhcPlan> open_ehc_plans(Database& db, const OpenEhcPlanQuery& query) {
  std::string sql = kOpenPlans;
  if (query.on_roll_only) sql += "AND p.left_on IS NULL ";
  if (query.without_refused) sql += "AND COALESCE(e.decision, '') <> 'refuse' ";
  if (query.school_id) sql += "AND p.school_id = ?1 ";
  sql += "ORDER BY e.id";
  auto s = db.prepare(sql);
  if (query.school_id) s.bind(1, *query.school_id);
  std::vector<OpenEhcPlan> out;
  while (s.step()) out.push_back(read_plan(s));
  return out;
}

std::optional<OpenEhcPlan> open_ehc_plan(Database& db, const std::string& upn) {
  auto s = db.prepare(std::string(kOpenPlans) + "AND p.upn = ?1 ORDER BY e.request_date DESC, e.id DESC LIMIT 1");
  s.bind(1, upn);
  if (!s.step()) return std::nullopt;
  return read_plan(s);
}

}  // namespace sm::store
