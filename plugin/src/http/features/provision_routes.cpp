// One provision as a page (what it is, who is on it, its sessions) and its form (record a session
// and who came), the catalogue's reads, and one placement's.
#include <boost/json.hpp>
#include <tuple>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/features/page_forms.hpp"
#include "http/pages/provision_page.hpp"
#include "http/route_answers.hpp"
#include "store/audit.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

// Who is on the provision today: only the pupils the viewer may see are named; the others are counted.
void add_pupils(Call& call, std::int64_t id, pages::ProvisionView& view) {
  {
    store::ReadSnapshot snapshot(call.db);  // one moment, and no statement left holding a read before the audit writes
    auto placed = call.db.prepare(
        "SELECT pl.id, p.upn, p.forename || ' ' || p.surname, COALESCE(p.nc_year, '') FROM placement pl JOIN pupil p "
        "ON p.id = pl.pupil_id "
        "WHERE pl.provision_id = ?1 AND pl.start_date <= ?2 AND (pl.end_date IS NULL OR pl.end_date >= ?2) AND "
        "p.left_on IS NULL "
        "ORDER BY p.surname, p.forename");
    placed.bind(1, id).bind(2, view.today);
    std::vector<std::tuple<std::int64_t, std::string, std::string, std::string>> rows;
    while (placed.step()) rows.emplace_back(placed.integer(0), placed.text(1), placed.text(2), placed.text(3));
    for (auto& [placement, upn, name, year] : rows) {
      if (decide_pupil(call.db, *call.actor, upn, view.today).verdict != Verdict::allowed) {
        ++view.hidden_pupils;
        continue;
      }
      view.pupils.push_back({upn, name, year, ops::placement_json(call.db, placement).as_object()});
    }
  }
  for (const auto& p : view.pupils) store::audit(call.db, call.actor->audit_name(), "provision.page", p.upn);
}

// The provision's last ten sessions, with how many came.
void add_sessions(Call& call, std::int64_t id, pages::ProvisionView& view) {
  auto sessions = call.db.prepare(
      "SELECT s.session_date, s.status, COALESCE(s.staff, ''), COALESCE(SUM(a.present), 0), COUNT(a.placement_id) "
      "FROM provision_session s LEFT JOIN session_attendance a ON a.session_id = s.id WHERE s.provision_id = ?1 "
      "GROUP BY s.id ORDER BY s.session_date DESC, s.id DESC LIMIT 10");
  sessions.bind(1, id);
  while (sessions.step())
    view.sessions.push_back(
        {sessions.text(0), sessions.text(1), sessions.text(2), sessions.integer(3), sessions.integer(4)});
}

Response provision_page_with(Call& call, const FormRefusal* refused) {
  const auto& id_text = call.params.at("provision_id");
  std::int64_t id = 0;
  try {
    std::size_t used = 0;
    id = std::stoll(id_text, &used);
    if (used != id_text.size()) return hidden_page();
  } catch (const std::exception&) {
    return hidden_page();
  }
  if (!allowed(call, "provision.get", {{"id", id}})) return hidden_page();
  auto catalogue = read(call, "provision.get", {{"id", id}});
  if (!catalogue) return hidden_page();
  pages::ProvisionView view;
  view.frame = frame_for(call);
  view.provision = std::move(catalogue->as_object());
  view.today = call.today();
  add_pupils(call, id, view);
  add_sessions(call, id, view);
  view.can_record_session = allowed(call, "session.record", {{"provision_id", id}, {"date", view.today}});
  view.notice = notice_for(call.query_value("recorded"));
  if (refused) {
    view.errors = refused->errors;
    view.submitted = refused->submitted;
  }
  auto r =
      with_outcome(html_response(refused ? 422 : 200, pages::provision_page(view)), refused ? "invalid" : "allowed");
  r.object = "provision " + id_text;
  return r;
}

Response show_provision(Call& call) {
  return provision_page_with(call, nullptr);
}

Response session_form(Call& call) {
  return run_form(call,
                  {"/provisions/" + pages::url_part(call.params.at("provision_id")), "session", provision_page_with});
}

}  // namespace

RouteList provision_routes() {
  return {
      {.method = "GET",
       .path = "/provisions/{provision_id}",
       .summary = "One provision as a page: what it is, who is on it, its sessions",
       .handler = show_provision,
       .answers = ok(B::html, "the provision's page") + signed_in() + missing(B::html)},
      {.method = "POST",
       .path = "/provisions/{provision_id}/sessions",
       .summary = "The provision page's form (csrf_token in the form body): record a session and who came; back to "
                  "the provision page",
       .form = true,
       .operation = "session.record",
       .handler = session_form,
       .answers = form("refused: the provision page again, with every field and the rule it breaks")},
      operation_read("/api/provisions", "provision.list"),
      operation_read("/api/provisions/{id}", "provision.get"),
      operation_read("/api/placements/{placement_id}", "placement.get"),
  };
}

}  // namespace sm::http
