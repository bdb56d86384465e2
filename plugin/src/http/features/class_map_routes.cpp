// A class's provision map: the page a launch link opens (printable, no JavaScript needed), the same
// map for Excel (.xlsx, .csv), the teacher's "I have read it" form, and the JSON reads.
#include <boost/json.hpp>

#include "http/access.hpp"
#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/features/page_forms.hpp"
#include "http/pages/class_map_page.hpp"
#include "http/route_answers.hpp"
#include "report/class_map_reads.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

enum class MapAs { page, xlsx, csv, read };

// The map as `as` asks, for the class in the path, under the caller's access decision.
Response class_map(Call& call, MapAs as, const FormRefusal* refused = nullptr) {
  const bool reading = as == MapAs::read;
  const auto& class_id = call.params.at("class_id");
  const auto& actor = *call.actor;
  // A page's class is one of the signed-in member of staff's school: qualified with it, an id the
  // trust's schools share names this school's class (an API caller qualifies it themselves).
  auto [school, sourced] = ops::split_school_qualified(class_id);
  json::object fields{{"class_id", school.empty() ? actor.staff.school + "/" + sourced : class_id}};
  if (reading) fields["staff_id"] = actor.staff.reference();  // unique in a trust's database
  auto operation = reading ? "class_map.read" : "report.class_map";
  auto d = decide(call.db, actor, operation, fields, call.today());
  auto finish = [&](Response r) {
    r.operation = operation;
    r.object = d.object;
    return r;
  };
  if (d.verdict == Verdict::hidden) return finish(hidden_page());
  if (d.verdict == Verdict::forbidden) return finish(forbidden_page(d.why));
  auto context = call.context();
  auto result = ops::call(context, operation, json::serialize(fields));
  if (result.status == ops::CallResult::Status::not_found)
    return finish(with_outcome(html_error(404, kNotFound), "not_found"));
  if (result.status != ops::CallResult::Status::ok)
    return finish(with_outcome(html_error(422, "this could not be recorded"), "invalid"));
  auto map_url = "/classes/" + pages::url_part(class_id) + "/map";
  if (reading) return finish(see_other(map_url));
  if (as != MapAs::page) {
    auto table = ops::class_map_table(result.response);
    return finish(table_download(table, as == MapAs::xlsx, "class-map-" + pages::url_part(class_id)));
  }
  pages::ClassMapView view;
  view.frame = frame_for(call);
  view.can_record_read = call.session != nullptr;
  view.as_of = call.today();
  view.can_contribute = call.session != nullptr;  // a page's form: a browser session, as the read form
  view.notice = notice_for(call.query_value("recorded"));
  if (refused) {
    view.errors = refused->errors;
    view.submitted = refused->submitted;
  }
  auto& klass =
      call.db.cached("SELECT id FROM school_class WHERE sourced_id = ?1 AND school_id = ?2 AND ended_on IS NULL");
  klass.bind(1, sourced).bind(2, actor.staff.school_id);
  if (klass.step()) {
    auto read_on = report::last_read_on(call.db, klass.integer(0), actor.staff.id);
    if (!read_on.empty()) view.read_on = read_on;
  }
  klass.reset();
  result.response.as_object()["class"].as_object()["id"] = class_id;  // the page's links as the page was asked for
  auto page = html_response(refused ? 422 : 200, pages::class_map_page(result.response.as_object(), view));
  return finish(refused ? with_outcome(std::move(page), "invalid") : std::move(page));
}

Response map_again(Call& call, const FormRefusal* refused) {
  return class_map(call, MapAs::page, refused);
}

// A note posted to one class's map must be about a pupil of that class.
bool in_the_class(const Call& call, const json::object& request) {
  const auto* upn = request.if_contains("upn");
  if (!upn || !upn->is_string()) return true;  // the operation refuses it, naming the field
  auto [school, sourced] = ops::split_school_qualified(call.params.at("class_id"));
  auto& s = call.db.cached(
      "SELECT 1 FROM class_member m JOIN school_class c ON c.id = m.class_id JOIN pupil p ON p.id = m.pupil_id "
      "WHERE c.sourced_id = ?1 AND c.school_id = ?2 AND p.upn = ?3");
  s.bind(1, sourced).bind(2, call.actor->staff.school_id).bind(3, std::string(upn->as_string()));
  const bool found = s.step();
  s.reset();
  return found;
}

Response contribute_form(Call& call) {
  PageForm form{"/classes/" + pages::url_part(call.params.at("class_id")) + "/map", "contribution", map_again};
  form.belongs = in_the_class;
  return run_form(call, form);
}

Response show_class_map(Call& call) {
  return class_map(call, MapAs::page);
}
Response xlsx(Call& call) {
  return class_map(call, MapAs::xlsx);
}
Response csv(Call& call) {
  return class_map(call, MapAs::csv);
}
Response read_form(Call& call) {
  return class_map(call, MapAs::read);
}

}  // namespace

RouteList class_map_routes() {
  const auto map_page = [](B body, std::string what) {
    return ok(body, std::move(what)) + signed_in() + role(B::html) + missing(B::html) +
           refused_form("the class provision map could not be made from the request");
  };
  return {
      {.method = "GET",
       .path = "/classes/{class_id}/map",
       .summary = "The class provision map as a page (HTML, printable, usable without JavaScript): the page a "
                  "launch link opens",
       .keep = true,
       .handler = show_class_map,
       .answers = map_page(B::html, "the class provision map")},
      {.method = "GET",
       .path = "/classes/{class_id}/map.xlsx",
       .summary = "The class provision map as an Excel workbook",
       .keep = true,
       .handler = xlsx,
       .answers = map_page(B::xlsx, "the class provision map as an attachment")},
      {.method = "GET",
       .path = "/classes/{class_id}/map.csv",
       .summary = "The class provision map as CSV (UTF-8, for any spreadsheet)",
       .keep = true,
       .handler = csv,
       .answers = map_page(B::csv, "the class provision map as an attachment")},
      {.method = "POST",
       .path = "/classes/{class_id}/map/read",
       .summary = "The page's form (csrf_token in the form body): the signed-in member of staff has read the map; "
                  "back to the map",
       .form = true,
       .handler = read_form,
       .answers = form("the read could not be recorded")},
      {.method = "POST",
       .path = "/classes/{class_id}/map/contribute",
       .summary = "The map's form (csrf_token in the form body): a teacher's views for a pupil's next review, or "
                  "that a strategy worked or did not; back to the map",
       .form = true,
       .operation = "cycle.contribute",
       .handler = contribute_form,
       .answers = form("refused: the map again, with every field and the rule it breaks")},
      operation_read("/api/classes/{class_id}/provision-map", "report.class_map", true),
      operation_read("/api/staff/{teacher_id}/provision-maps", "report.teacher_maps", true),
  };
}

}  // namespace sm::http
