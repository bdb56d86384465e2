#include "http/api.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>

#include <charconv>
#include <chrono>
#include <iostream>
#include <unordered_set>

#include "http/access.hpp"
#include "http/identity.hpp"
#include "http/routes.hpp"
#include "ops/operation.hpp"
#include "report/pupil_record.hpp"
#include "report/register_report.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/relaxed_sync.hpp"
#include "store/settings.hpp"

namespace sm::http {
namespace json = boost::json;
namespace urls = boost::urls;
namespace {

// One body for "no such object" and "not yours to see": a refusal must not say the object exists.
constexpr const char* kNotFound = "not found";

model::Date today() { return model::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())}; }

ApiResponse json_response(unsigned status, const json::value& body) { return {status, json::serialize(body), {}}; }

// What the access log records about one request: never a query string, a body or a token.
struct AccessEntry {
  std::string actor = "anonymous", route, operation, upn, object, outcome = "allowed";
};

void log_access(store::Database& db, const ApiRequest& request, const AccessEntry& e, unsigned status) {
  store::RelaxedSync relaxed(db);  // like the audit rows of reads: no fsync per request
  auto& s = db.cached(
      "INSERT INTO api_access_log (at, actor, address, method, route, operation, upn, object, status, outcome) "
      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
  s.bind(1, store::utc_timestamp()).bind(2, e.actor).bind(3, request.address).bind(4, request.method).bind(5, e.route);
  auto optional = [&](int i, const std::string& v) { v.empty() ? s.bind_null(i) : s.bind(i, v); };
  optional(6, e.operation);
  optional(7, e.upn);
  optional(8, e.object);
  s.bind(9, static_cast<std::int64_t>(status)).bind(10, e.outcome).run();
}

// A query or path value as the operation's field type wants it (the operation validates it again).
json::value typed(const ops::Field* field, const std::string& text) {
  using F = ops::FieldType;
  if (!field) return json::value(text);
  if (field->type == F::integer || field->type == F::integer_list) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc{} && end == text.data() + text.size()) return v;
  } else if (field->type == F::number) {
    if (auto v = ops::number_of(text)) return *v;
  } else if (field->type == F::boolean) {
    if (text == "true") return true;
    if (text == "false") return false;
  }
  return json::value(text);
}

void add_field(const ops::Operation& op, json::object& request, const std::string& name, const std::string& value) {
  const ops::Field* field = nullptr;
  for (const auto& f : op.fields)
    if (f.name == name) field = &f;
  auto v = typed(field, value);
  if (field && (field->type == ops::FieldType::string_list || field->type == ops::FieldType::integer_list)) {
    auto& list = request[name];
    if (!list.is_array()) list = json::array{};
    list.as_array().push_back(std::move(v));
  } else {
    request[name] = std::move(v);
  }
}

std::optional<std::string> bearer_token(const std::string& header) {
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() <= kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return std::nullopt;
  auto token = header.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.erase(0, 1);
  return token;
}

json::value actor_json(const Actor& actor) {
  return {{"staff_id", actor.staff.reference()}, {"name", actor.staff.name}, {"role", role_name(actor.role)},
          {"school", actor.staff.school}};
}

}  // namespace

ApiResponse error_response(unsigned status, const std::string& rule) {
  return json_response(status, {{"errors", json::array{json::object{{"field", ""}, {"rule", rule}}}}});
}

Api::Api(const std::filesystem::path& database) : db_(std::make_unique<store::Database>(database, false)) {}
Api::~Api() = default;

ApiResponse Api::handle(const ApiRequest& request) {
  auto target = urls::parse_origin_form(request.target);
  if (!target) return error_response(400, "the request target is not a valid path");
  bool path_known = false;
  auto match = match_route(request.method, target->encoded_path(), path_known);
  if (!match) {
    if (!path_known) return error_response(404, "no such route (GET /api/openapi.json lists them)");
    auto r = error_response(405, "this route does not take " + request.method);
    std::string allow;
    bool ignored = false;
    for (const char* m : {"GET", "POST"})
      if (match_route(m, target->encoded_path(), ignored)) allow += (allow.empty() ? "" : ", ") + std::string(m);
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  const Route& route = *match->route;
  if (route.kind == RouteKind::openapi) {
    static const std::string document = json::serialize(openapi_document());
    return {200, document, {}};
  }
  if (route.kind == RouteKind::health) return json_response(200, {{"status", "ok"}});

  AccessEntry entry;
  entry.route = route.method + " " + route.path;
  entry.operation = route.operation;
  auto finish = [&](ApiResponse response, const char* outcome) {
    entry.outcome = outcome;
    log_access(*db_, request, entry, response.status);
    return response;
  };
  auto hidden = [&] { return finish(error_response(404, kNotFound), "refused_or_missing"); };
  auto forbidden = [&](const std::string& why) { return finish(error_response(403, why), "forbidden"); };

  try {
    auto now = store::utc_timestamp();
    auto token = bearer_token(request.authorization);
    auto actor = token ? actor_for_token(*db_, *token, now) : std::nullopt;
    db_->reset_cached();
    if (!actor) {
      auto r = error_response(401, "a valid API token is needed: Authorization: Bearer <token> (senmap token create)");
      r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"senmap\"");
      return finish(std::move(r), "unauthenticated");
    }
    entry.actor = actor->audit_name();
    auto day = today();
    auto day_text = model::format_date(day);

    std::map<std::string, std::string> params;
    for (const auto& [name, encoded] : match->params) {
      auto pct = urls::make_pct_string_view(encoded);
      if (!pct) return finish(error_response(400, "the path holds a malformed %-escape"), "invalid");
      params[name] = pct->decode();
    }

    switch (route.kind) {
      case RouteKind::me: return finish(json_response(200, actor_json(*actor)), "allowed");
      case RouteKind::register_list: {
        if (!sees_whole_school(actor->role))
          return forbidden(std::string("a ") + role_name(actor->role) + " may not read the whole register");
        std::unordered_set<std::string> school;
        auto s = db_->prepare("SELECT upn FROM pupil WHERE school_id = ?1");
        s.bind(1, actor->staff.school_id);
        while (s.step()) school.insert(s.text(0));
        auto entries = report::load_register(*db_, day);
        std::erase_if(entries, [&](const report::RegisterEntry& e) { return !school.count(e.upn); });
        store::audit(*db_, entry.actor, "register.read");
        return finish(json_response(200, report::register_json(entries)), "allowed");
      }
      case RouteKind::register_summary: {
        auto d = decide_aggregate(*db_, *actor);
        if (d.verdict != Verdict::allowed) return forbidden(d.why);
        auto body = report::register_summary_json(report::load_register(*db_, day), report::load_roll(*db_));
        return finish(json_response(200, body), "allowed");
      }
      case RouteKind::pupil_record: {
        const auto& upn = params["upn"];
        auto d = decide_pupil(*db_, *actor, upn, day_text);
        entry.upn = d.upn;
        if (d.verdict != Verdict::allowed) return hidden();
        auto record = report::pupil_record_json(*db_, upn, day);
        db_->reset_cached();
        if (!record) return hidden();
        store::audit(*db_, entry.actor, "pupil.read", upn);
        return finish(json_response(200, *record), "allowed");
      }
      case RouteKind::operation: break;
      case RouteKind::openapi:
      case RouteKind::health: break;
    }

    const ops::Operation* op = nullptr;
    for (const auto& o : ops::operations())
      if (o.name == route.operation) op = &o;
    if (!op) return finish(error_response(404, "no such route"), "invalid");
    json::object fields;
    if (route.method == "POST") {
      json::error_code ec;
      auto body = json::parse(request.body.empty() ? std::string_view("{}") : std::string_view(request.body), ec);
      if (ec || !body.is_object())
        return finish(error_response(400, ec ? "the body is not valid JSON: " + ec.message() : "the body must be a JSON object"),
                      "invalid");
      fields = std::move(body.as_object());
    } else {
      for (const auto& p : target->params()) add_field(*op, fields, p.key, p.has_value ? p.value : std::string());
    }
    for (const auto& [name, value] : params) add_field(*op, fields, name, value);

    auto d = decide(*db_, *actor, op->name, fields, day_text);
    entry.upn = d.upn;
    entry.object = d.object;
    if (d.verdict == Verdict::hidden) return hidden();
    if (d.verdict == Verdict::forbidden) return forbidden(d.why);

    ops::Context context{*db_, entry.actor, day, store::load_clock_rules(*db_)};
    auto result = ops::call(context, op->name, json::serialize(fields));
    using Status = ops::CallResult::Status;
    switch (result.status) {
      case Status::ok:
        filter_response(op->name, *actor, result.response);
        return finish(json_response(200, result.response), "allowed");
      case Status::invalid: return finish(json_response(422, result.response), "invalid");
      case Status::not_found: return finish(json_response(404, result.response), "not_found");
      case Status::unknown_operation: return finish(error_response(404, "no such route"), "invalid");
    }
    return finish(error_response(500, "internal error"), "failed");
  } catch (const std::exception& e) {
    // The route, and the store's own message (SQLite's words, never a record): other messages could quote one.
    const auto* store_error = dynamic_cast<const store::StoreError*>(&e);
    std::cerr << "senmap serve: " << entry.route << " failed: " << (store_error ? e.what() : "an unexpected error") << "\n";
    db_->reset_cached();
    auto response = error_response(500, "internal error: the server's log says where");
    try {
      entry.outcome = "failed";
      log_access(*db_, request, entry, response.status);
    } catch (...) {
    }
    return response;
  }
}

}  // namespace sm::http
