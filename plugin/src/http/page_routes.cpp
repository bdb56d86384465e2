#include "http/page_routes.hpp"

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "http/access.hpp"
#include "http/audit_trail.hpp"
#include "http/pages/audit_page.hpp"
#include "http/pages/class_map_page.hpp"
#include "http/pages/provision_page.hpp"
#include "http/pages/pupil_page.hpp"
#include "http/request_fields.hpp"
#include "ops/operation.hpp"
#include "report/class_map_reads.hpp"
#include "report/pupil_record.hpp"
#include "report/table_export.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/settings.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {

constexpr const char* kNotFound = "not found";

ApiResponse html_response(unsigned status, std::string html) {
  return {status, std::move(html), {{"Content-Type", "text/html; charset=utf-8"}}};
}

ApiResponse see_other(const std::string& location) {
  return {303, "", {{"Location", location}}};
}

PageAnswer answer(ApiResponse response, const char* outcome = "allowed") {
  return {std::move(response), outcome, {}, {}, {}};
}
PageAnswer missing() {
  return answer(html_error(404, kNotFound), "refused_or_missing");
}

pages::Frame frame_for(const PageRequest& r) {
  pages::Frame frame{"", r.actor.staff.name, r.session ? r.session->csrf : std::string(), {}};
  if (sees_whole_school(r.actor.role) || r.actor.role == ops::Role::governor ||
      r.actor.role == ops::Role::trust_officer)
    frame.nav.emplace_back("Dashboard", "/dashboard");
  frame.nav.emplace_back("Your calendar", "/calendar");
  return frame;
}

ops::Context context_for(const PageRequest& r) {
  return ops::Context{r.db, r.actor.audit_name(), r.day, store::load_clock_rules(r.db)};
}

// A read through the operations layer (audit-logged there); nullopt when the object is missing.
std::optional<json::value> read(const PageRequest& r, const char* operation, const json::object& fields) {
  auto context = context_for(r);
  auto result = ops::call(context, operation, json::serialize(fields));
  if (result.status != ops::CallResult::Status::ok) return std::nullopt;
  return std::move(result.response);
}

bool allowed(const PageRequest& r, const char* operation, const json::object& fields) {
  return decide(r.db, r.actor, operation, fields, model::format_date(r.day)).verdict == Verdict::allowed;
}

std::string query_value(const PageRequest& r, const char* name) {
  auto it = r.query.find(name);
  return it == r.query.end() ? std::string() : it->second;
}

// What a form just did, from the page's ?recorded= after the form's redirect.
std::string notice_for(const std::string& recorded) {
  if (recorded == "review") return "The review was recorded.";
  if (recorded == "placement") return "The pupil was placed on the provision.";
  if (recorded == "session") return "The session was recorded.";
  return {};
}

// A form's refusal, to show on its page again.
struct FormRefusal {
  json::value errors;
  pages::Submitted submitted;
  std::string form;
};

// ---- the class provision map -------------------------------------------------------------------

PageAnswer class_map(const PageRequest& r) {
  const bool reading = r.route.kind == RouteKind::class_map_read;
  const auto& class_id = r.params.at("class_id");
  // A page's class is one of the signed-in member of staff's school: qualified with it, an id the
  // trust's schools share names this school's class (an API caller qualifies it themselves).
  auto [school, sourced] = ops::split_school_qualified(class_id);
  json::object fields{{"class_id", school.empty() ? r.actor.staff.school + "/" + sourced : class_id}};
  if (reading) fields["staff_id"] = r.actor.staff.reference();  // unique in a trust's database
  auto operation = reading ? "class_map.read" : "report.class_map";
  auto d = decide(r.db, r.actor, operation, fields, model::format_date(r.day));
  PageAnswer out;
  out.operation = operation;
  out.object = d.object;
  auto finish = [&](ApiResponse response, const char* outcome) {
    out.response = std::move(response);
    out.outcome = outcome;
    return out;
  };
  if (d.verdict == Verdict::hidden) return finish(html_error(404, kNotFound), "refused_or_missing");
  if (d.verdict == Verdict::forbidden) return finish(html_error(403, d.why), "forbidden");
  auto context = context_for(r);
  auto result = ops::call(context, operation, json::serialize(fields));
  if (result.status == ops::CallResult::Status::not_found) return finish(html_error(404, kNotFound), "not_found");
  if (result.status != ops::CallResult::Status::ok)
    return finish(html_error(422, "this could not be recorded"), "invalid");
  auto map_url = "/classes/" + pages::url_part(class_id) + "/map";
  if (reading) return finish(see_other(map_url), "allowed");
  if (r.route.kind == RouteKind::class_map_file) {
    const bool excel = r.route.path.ends_with(".xlsx");
    auto table = ops::class_map_table(result.response);
    auto name = "class-map-" + pages::url_part(class_id) + (excel ? ".xlsx" : ".csv");
    return finish({200,
                   excel ? report::xlsx_bytes(table) : report::csv_text(table),
                   {{"Content-Type", excel ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                           : "text/csv; charset=utf-8"},
                    {"Content-Disposition", "attachment; filename=\"" + name + "\""}}},
                  "allowed");
  }
  pages::ClassMapView view;
  view.frame = frame_for(r);
  view.can_record_read = r.session != nullptr;
  auto& klass =
      r.db.cached("SELECT id FROM school_class WHERE sourced_id = ?1 AND school_id = ?2 AND ended_on IS NULL");
  klass.bind(1, sourced).bind(2, r.actor.staff.school_id);
  if (klass.step()) {
    auto read_on = report::last_read_on(r.db, klass.integer(0), r.actor.staff.id);
    if (!read_on.empty()) view.read_on = read_on;
  }
  klass.reset();
  result.response.as_object()["class"].as_object()["id"] = class_id;  // the page's links as the page was asked for
  return finish(html_response(200, pages::class_map_page(result.response.as_object(), view)), "allowed");
}

// ---- one pupil -----------------------------------------------------------------------------------

// Who has read or changed the pupil's record: the SENCO's (and senior leaders' and admins') page.
PageAnswer pupil_audit(const PageRequest& r) {
  const auto& upn = r.params.at("upn");
  auto d = decide_pupil(r.db, r.actor, upn, model::format_date(r.day));
  if (d.verdict != Verdict::allowed) return missing();
  PageAnswer out;
  out.upn = d.upn;
  if (!sees_whole_school(r.actor.role)) {
    out.response = html_error(403, std::string("a ") + ops::role_name(r.actor.role) + " may not read the audit log");
    out.outcome = "forbidden";
    return out;
  }
  pages::AuditView view;
  view.frame = frame_for(r);
  view.upn = upn;
  auto& name = r.db.cached("SELECT forename || ' ' || surname FROM pupil WHERE upn = ?1");
  name.bind(1, upn);
  view.name = name.step() ? name.text(0) : upn;
  name.reset();
  view.limit = 1000;
  view.lines = audit_trail(r.db, upn, view.limit);
  out.response = html_response(200, pages::audit_page(view));
  return out;
}

PageAnswer pupil(const PageRequest& r, const FormRefusal* refused = nullptr) {
  const auto& upn = r.params.at("upn");
  auto d = decide_pupil(r.db, r.actor, upn, model::format_date(r.day));
  if (d.verdict != Verdict::allowed) return missing();
  auto record = report::pupil_record_json(r.db, upn, r.day);
  r.db.reset_cached();
  if (!record) return missing();
  store::audit(r.db, r.actor.audit_name(), "pupil.page", upn);

  pages::PupilView view;
  view.frame = frame_for(r);
  view.record = std::move(record->as_object());
  view.today = model::format_date(r.day);
  json::object by_upn{{"upn", upn}};
  if (auto cycles = read(r, "cycle.list", by_upn)) view.cycles = std::move(cycles->as_object()["cycles"].as_array());
  if (auto passport = read(r, "passport.get", by_upn)) view.passport = std::move(passport->as_object());
  if (auto plan = read(r, "ehcp.get", by_upn)) view.ehcp = std::move(plan->as_object());
  {
    store::ReadSnapshot snapshot(r.db);  // one moment, and no statement left holding a read afterwards
    auto placements = r.db.prepare(
        "SELECT pl.id FROM placement pl JOIN pupil p ON p.id = pl.pupil_id WHERE p.upn = ?1 "
        "ORDER BY pl.start_date DESC, pl.id DESC");
    placements.bind(1, upn);
    while (placements.step()) view.placements.push_back(ops::placement_json(r.db, placements.integer(0)));
  }
  for (const auto& c : view.cycles)
    if (c.as_object().at("stage") == "do")
      view.can_review = allowed(r, "cycle.review", {{"cycle_id", c.as_object().at("id")}});
  view.can_place = allowed(r, "placement.start", by_upn);
  view.can_read_audit = sees_whole_school(r.actor.role);
  if (view.can_place)
    if (auto catalogue = read(r, "provision.list", {}))
      view.provisions = std::move(catalogue->as_object()["provisions"].as_array());
  view.notice = notice_for(query_value(r, "recorded"));
  if (refused) {
    view.errors = refused->errors;
    view.submitted = refused->submitted;
    view.failed_form = refused->form;
  }
  PageAnswer out = answer(html_response(refused ? 422 : 200, pages::pupil_page(view)), refused ? "invalid" : "allowed");
  out.upn = upn;
  return out;
}

// ---- one provision -------------------------------------------------------------------------------

PageAnswer provision(const PageRequest& r, const FormRefusal* refused = nullptr) {
  const auto& id_text = r.params.at("provision_id");
  std::int64_t id = 0;
  try {
    std::size_t used = 0;
    id = std::stoll(id_text, &used);
    if (used != id_text.size()) return missing();
  } catch (const std::exception&) {
    return missing();
  }
  if (!allowed(r, "provision.get", {{"id", id}})) return missing();
  auto catalogue = read(r, "provision.get", {{"id", id}});
  if (!catalogue) return missing();
  pages::ProvisionView view;
  view.frame = frame_for(r);
  view.provision = std::move(catalogue->as_object());
  view.today = model::format_date(r.day);
  // Only the pupils the viewer may see are named; the others are counted.
  {
    store::ReadSnapshot snapshot(r.db);  // one moment, and no statement left holding a read before the audit writes
    auto placed = r.db.prepare(
        "SELECT pl.id, p.upn, p.forename || ' ' || p.surname, COALESCE(p.nc_year, '') FROM placement pl JOIN pupil p "
        "ON p.id = pl.pupil_id "
        "WHERE pl.provision_id = ?1 AND pl.start_date <= ?2 AND (pl.end_date IS NULL OR pl.end_date >= ?2) AND "
        "p.left_on IS NULL "
        "ORDER BY p.surname, p.forename");
    placed.bind(1, id).bind(2, view.today);
    std::vector<std::tuple<std::int64_t, std::string, std::string, std::string>> rows;
    while (placed.step()) rows.emplace_back(placed.integer(0), placed.text(1), placed.text(2), placed.text(3));
    for (auto& [placement, upn, name, year] : rows) {
      if (decide_pupil(r.db, r.actor, upn, view.today).verdict != Verdict::allowed) {
        ++view.hidden_pupils;
        continue;
      }
      view.pupils.push_back({upn, name, year, ops::placement_json(r.db, placement).as_object()});
    }
  }
  for (const auto& p : view.pupils) store::audit(r.db, r.actor.audit_name(), "provision.page", p.upn);
  auto sessions = r.db.prepare(
      "SELECT s.session_date, s.status, COALESCE(s.staff, ''), COALESCE(SUM(a.present), 0), COUNT(a.placement_id) "
      "FROM provision_session s LEFT JOIN session_attendance a ON a.session_id = s.id WHERE s.provision_id = ?1 "
      "GROUP BY s.id ORDER BY s.session_date DESC, s.id DESC LIMIT 10");
  sessions.bind(1, id);
  while (sessions.step())
    view.sessions.push_back(
        {sessions.text(0), sessions.text(1), sessions.text(2), sessions.integer(3), sessions.integer(4)});
  view.can_record_session = allowed(r, "session.record", {{"provision_id", id}, {"date", view.today}});
  view.notice = notice_for(query_value(r, "recorded"));
  if (refused) {
    view.errors = refused->errors;
    view.submitted = refused->submitted;
  }
  PageAnswer out =
      answer(html_response(refused ? 422 : 200, pages::provision_page(view)), refused ? "invalid" : "allowed");
  out.object = "provision " + id_text;
  return out;
}

// ---- the forms -----------------------------------------------------------------------------------

// The form's fields as the operation's request: the path's ids, then every field the operation
// takes (empty ones left out, so an optional field stays absent); a review's per-target results.
json::object form_request(const PageRequest& r, const ops::Operation& op, pages::Submitted& submitted) {
  json::object request;
  std::map<std::string, json::object> targets;
  for (const auto& [name, value] : form_fields(r.body)) {
    if (name == "csrf_token") continue;
    auto& kept = submitted[name];
    kept += (kept.empty() ? "" : "\n") + value;
    if (value.empty()) continue;
    if (name.starts_with("result_") || name.starts_with("evidence_")) {
      auto id = name.substr(name.find('_') + 1);
      auto& target = targets[id];
      target["id"] = ops::number_of(id) ? json::value(static_cast<std::int64_t>(*ops::number_of(id))) : json::value(id);
      target[name.starts_with("result_") ? "result" : "evidence"] = value;
    } else {
      for (const auto& f : op.fields)
        if (f.name == name) add_field(op, request, name, value);
    }
  }
  if (!targets.empty()) {
    json::array list;
    for (auto& [id, target] : targets) list.push_back(std::move(target));
    request["targets"] = std::move(list);
  }
  if (r.params.count("upn") && op.name != "cycle.review") request["upn"] = r.params.at("upn");
  if (r.params.count("provision_id")) add_field(op, request, "provision_id", r.params.at("provision_id"));
  // Every present pupil unticked is still a register: an empty list says "nobody came".
  if (op.name == "session.record" && !request.contains("present")) request["present"] = json::array{};
  return request;
}

PageAnswer form(const PageRequest& r) {
  const auto* op = operation_named(r.route.operation);
  if (!op) return missing();
  pages::Submitted submitted;
  auto request = form_request(r, *op, submitted);
  const bool for_pupil = r.params.count("upn") > 0;
  auto d = decide(r.db, r.actor, op->name, request, model::format_date(r.day));
  PageAnswer out;
  auto finish = [&](PageAnswer a) {
    a.operation = op->name;
    if (a.upn.empty()) a.upn = !d.upn.empty() ? d.upn : for_pupil ? r.params.at("upn") : std::string();
    if (a.object.empty()) a.object = d.object;
    return a;
  };
  if (d.verdict == Verdict::hidden) return finish(missing());
  if (d.verdict == Verdict::forbidden) return finish(answer(html_error(403, d.why), "forbidden"));
  // A review posted to one pupil's page must be of that pupil's cycle.
  if (op->name == "cycle.review") {
    auto cycle = request.if_contains("cycle_id");
    auto owner = cycle ? read(r, "cycle.get", {{"cycle_id", *cycle}}) : std::nullopt;
    if (!owner || pages::text_of(owner->as_object().at("upn")) != r.params.at("upn")) return finish(missing());
  }
  auto context = context_for(r);
  auto result = ops::call(context, op->name, json::serialize(request));
  using Status = ops::CallResult::Status;
  if (result.status == Status::not_found) return finish(missing());
  const char* recorded = op->name == "cycle.review"      ? "review"
                         : op->name == "placement.start" ? "placement"
                                                         : "session";
  if (result.status == Status::ok) {
    auto page_url = for_pupil ? "/pupils/" + pages::url_part(r.params.at("upn"))
                              : "/provisions/" + pages::url_part(r.params.at("provision_id"));
    return finish(answer(see_other(page_url + "?recorded=" + recorded)));
  }
  FormRefusal refusal{std::move(result.response), std::move(submitted), recorded};
  return finish(for_pupil ? pupil(r, &refusal) : provision(r, &refusal));
}

}  // namespace

ApiResponse html_error(unsigned status, const std::string& why) {
  return html_response(status, pages::page({"Not available", "", "", {}},
                                           "<h1>Not available</h1>\n<p>" + pages::escape(why) + "</p>\n"));
}

bool is_page_route(RouteKind kind) {
  switch (kind) {
    case RouteKind::class_map_page:
    case RouteKind::class_map_read:
    case RouteKind::class_map_file:
    case RouteKind::dashboard_page:
    case RouteKind::pupil_page:
    case RouteKind::pupil_audit_page:
    case RouteKind::provision_page:
    case RouteKind::page_form:
      return true;
    default:
      return false;
  }
}

bool is_form_route(RouteKind kind) {
  return kind == RouteKind::class_map_read || kind == RouteKind::page_form || kind == RouteKind::logout_form;
}

PageAnswer serve_page(const PageRequest& r) {
  // Cached statements a page steps once (placement_json's) are reset when it is done with them.
  struct ResetAfter {
    store::Database& db;
    ~ResetAfter() { db.reset_cached(); }
  } reset{r.db};
  switch (r.route.kind) {
    case RouteKind::class_map_page:
    case RouteKind::class_map_read:
    case RouteKind::class_map_file:
      return class_map(r);
    case RouteKind::pupil_page:
      return pupil(r);
    case RouteKind::pupil_audit_page:
      return pupil_audit(r);
    case RouteKind::provision_page:
      return provision(r);
    case RouteKind::page_form:
      return form(r);
    case RouteKind::dashboard_page:
      return serve_dashboard(r);
    default:
      return missing();
  }
}

}  // namespace sm::http
