#include "http/api.hpp"

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <charconv>
#include <chrono>
#include <iostream>
#include <unordered_set>

#include "http/access.hpp"
#include "http/answer_cache.hpp"
#include "http/audit_trail.hpp"
#include "http/calendar_routes.hpp"
#include "http/page_routes.hpp"
#include "http/pages/assets.hpp"
#include "http/pages/html.hpp"
#include "http/request_fields.hpp"
#include "http/routes.hpp"
#include "http/sessions.hpp"
#include "model/utf8.hpp"
#include "ops/launch_links.hpp"
#include "ops/operation.hpp"
#include "ops/staff_identity.hpp"
#include "report/json_text.hpp"
#include "report/pupil_record.hpp"
#include "report/register_report.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/settings.hpp"

namespace sm::http {
namespace json = boost::json;
namespace urls = boost::urls;
namespace {

// One body for "no such object" and "not yours to see": a refusal must not say the object exists.
constexpr const char* kNotFound = "not found";

model::Date today() {
  return model::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

// The last guard behind the checks at the doors: a JSON answer is UTF-8 whatever the store holds.
// Doubles as plain decimals (15.1, not Boost.JSON's 1.51E1): see report/json_text.hpp.
ApiResponse json_response(unsigned status, const json::value& body) {
  return {status, model::valid_utf8(report::json_text(body)), {}};
}

// What the access log records about one request: never a query string, a body or a token.
struct AccessEntry {
  std::string actor = "anonymous", route, operation, upn, object, outcome = "allowed";
};

// The request's rows for the audit file: its audit rows (taken from the batch) and its access-log row.
store::RequestLog request_log(store::AuditBatch& batch, const ApiRequest& request, const AccessEntry& e,
                              unsigned status) {
  store::RequestLog log;
  log.audit = std::move(batch.rows);
  batch.rows.clear();
  log.access = store::AccessRow{store::utc_timestamp(),
                                e.actor,
                                request.address,
                                request.method,
                                e.route,
                                e.operation,
                                e.upn,
                                e.object,
                                e.outcome,
                                status};
  return log;
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

// The value of one cookie in a Cookie header ("a=1; __Host-senmap=...").
std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto end = header.find(';');
    auto pair = header.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return {};
}

std::string session_cookie(const std::string& value, std::int64_t max_age, bool framed) {
  // __Host-: only over HTTPS, for this host and path /; not readable by scripts. Lax: not sent by other
  // sites' forms; None only when the MIS frames senmap (the CSRF token then guards every change).
  return std::string(kSessionCookie) + "=" + value +
         "; Path=/; Secure; HttpOnly; SameSite=" + (framed ? "None" : "Lax") + "; Max-Age=" + std::to_string(max_age);
}

json::value actor_json(const ops::Actor& actor) {
  return {{"staff_id", actor.staff.reference()},
          {"name", actor.staff.name},
          {"role", ops::role_name(actor.role)},
          {"school", actor.staff.school}};
}

}  // namespace

ApiResponse error_response(unsigned status, const std::string& rule) {
  return json_response(status, {{"errors", json::array{json::object{{"field", ""}, {"rule", rule}}}}});
}

Api::Api(const std::filesystem::path& database, SessionStore& sessions, OriginPolicy origins)
    : db_(std::make_unique<store::Database>(database, false)),
      sessions_(sessions),
      origins_(std::move(origins)),
      cache_(std::make_unique<AnswerCache>()) {}
Api::~Api() = default;

Answer Api::handle(const ApiRequest& request) {
  logged_ = {};
  route_ = "-";
  auto response = answer(request);
  Answer out{std::move(response), std::move(logged_)};
  out.route = route_;
  if (out.log.access) out.actor = out.log.access->actor;
  return out;
}

ApiResponse Api::answer(const ApiRequest& request) {
  // No statement of an earlier request may still hold a read: it would pin this connection to an
  // old snapshot (hiding others' changes from the data version), and a write on a stale snapshot
  // fails with SQLITE_BUSY.
  db_->reset_cached();
  auto target = urls::parse_origin_form(request.target);
  if (!target) return error_response(400, "the request target is not a valid path");
  // HEAD is GET without the body (RFC 9110 9.3.2): the same route, answer and headers; the server
  // leaves the body out. The access log still says HEAD.
  const std::string method = request.method == "HEAD" ? std::string("GET") : request.method;
  bool path_known = false;
  auto match = match_route(method, target->encoded_path(), path_known);
  if (!match) {
    if (!path_known) return error_response(404, "no such route (GET /api/openapi.json lists them)");
    auto r = error_response(405, "this route does not take " + request.method);
    std::string allow;
    bool ignored = false;
    for (const char* m : {"GET", "POST"})
      if (match_route(m, target->encoded_path(), ignored))
        allow += (allow.empty() ? "" : ", ") + std::string(m) + (std::string_view(m) == "GET" ? ", HEAD" : "");
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  const Route& route = *match->route;
  route_ = route.path;
  if (route.kind == RouteKind::openapi) {
    static const std::string document = report::json_text(openapi_document());
    return {200, document, {}};
  }
  if (route.kind == RouteKind::health) return json_response(200, {{"status", "ok"}});
  if (route.kind == RouteKind::asset) {
    auto name = match->params.count("asset") ? match->params.at("asset") : std::string();
    auto file = pages::asset(name);
    if (!file) return error_response(404, kNotFound);
    return {200,
            std::string(file->body),
            {{"Content-Type", std::string(file->content_type)}, {"Cache-Control", "max-age=3600"}}};
  }

  AccessEntry entry;
  entry.route = route.method + " " + route.path;
  entry.operation = route.operation;
  store::AuditBatch batch(*db_);          // the request's audit rows, written with its access-log row
  std::optional<std::string> answer_key;  // set when the answer may be kept (answer_cache.hpp)
  auto finish = [&](ApiResponse response, const char* outcome) {
    entry.outcome = outcome;
    if (answer_key) {
      AnswerCache::KeptAnswer kept{response, entry.operation, entry.upn, entry.object, outcome, {}};
      for (const auto& row : batch.rows) kept.audited.emplace_back(row.action, row.upn);
      cache_->keep_answer(std::move(*answer_key), std::move(kept));
    }
    logged_ = request_log(batch, request, entry, response.status);
    return response;
  };
  auto hidden = [&] { return finish(error_response(404, kNotFound), "refused_or_missing"); };
  auto forbidden = [&](const std::string& why) { return finish(error_response(403, why), "forbidden"); };
  // Another site's page asking for a change is refused before anything else is looked at, even
  // with a valid session and CSRF token; a form's refusal is a page, as its answer would be.
  if (auto why = cross_site_refusal(origins_, request.method, request.origin, request.sec_fetch_site, request.host)) {
    const bool page = is_form_route(route.kind) || route.kind == RouteKind::calendar_feed_create;
    return finish(page ? html_error(403, *why) : error_response(403, *why), "cross_site");
  }
  // The decoded query, for the routes that read it by name (the launch link, the pages).
  auto query_of = [&] {
    std::map<std::string, std::string> query;
    for (const auto& p : target->params()) query[p.key] = p.value;
    return query;
  };

  try {
    if (route.kind == RouteKind::launch) return launch(request, query_of(), batch);
    if (route.kind == RouteKind::calendar_feed) {  // no token or cookie: the secret in its URL is the credential
      auto answer = serve_calendar_feed(*db_, match->params.at("feed"), today());
      entry.actor = answer.actor;
      return finish(std::move(answer.response), answer.outcome);
    }
    // Anything kept from earlier requests is dated by the data version: read it before any lookup.
    cache_->check(db_->data_version());
    auto now = store::utc_timestamp();
    auto token = bearer_token(request.authorization);
    std::optional<ops::Actor> actor;
    if (token) {
      auto key = "token:" + ops::sha256_hex(*token);
      if (const auto* kept = cache_->actor(key)) {
        if (now < kept->expires_at) actor = kept->actor;  // a token that has expired since is refused
      } else {
        std::string expires_at;
        actor = ops::actor_for_token(*db_, *token, now, &expires_at);
        if (actor) cache_->keep_actor(std::move(key), {*actor, expires_at});
      }
    }
    // A browser session instead of a token: a change through it must carry the session's CSRF token.
    std::optional<Session> session;
    auto session_id = token ? std::string() : cookie_value(request.cookie, kSessionCookie);
    if (!session_id.empty() && (session = sessions_.find(session_id))) {
      auto key = "staff:" + std::to_string(session->staff_id);
      if (const auto* kept = cache_->actor(key)) {
        actor = kept->actor;
      } else {
        auto staff = ops::staff_by_id(*db_, session->staff_id);
        if (staff && !staff->left && staff->role) {
          actor = ops::Actor{*staff, *staff->role, ops::schools_of(*db_, *staff, *staff->role)};
          cache_->keep_actor(std::move(key), {*actor, {}});
        }
      }
      // A page's form cannot set a header: its token comes in the form body.
      const bool form = is_form_route(route.kind) || route.kind == RouteKind::calendar_feed_create;
      auto csrf = request.csrf_token.empty() && form ? form_field(request.body, "csrf_token") : request.csrf_token;
      if (actor && method != "GET" && !ops::signatures_match(csrf, session->csrf)) {
        entry.actor = actor->audit_name();
        return forbidden("a change made through a browser session must carry its X-CSRF-Token (GET /api/session)");
      }
    }
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

    // A read answered before on the same data for the same viewer and day: given again, with its
    // audit rows written again for this request.
    answer_key = AnswerCache::key_for(route, *actor, session ? session->csrf : std::string(), day_text, request.target);
    if (answer_key) {
      if (const auto* kept = cache_->answer(*answer_key)) {
        for (const auto& [action, upn] : kept->audited) store::audit(*db_, entry.actor, action, upn);
        entry.operation = kept->operation;
        entry.upn = kept->upn;
        entry.object = kept->object;
        answer_key.reset();  // already kept
        return finish(kept->response, kept->outcome);
      }
    }

    switch (route.kind) {
      case RouteKind::me:
        return finish(json_response(200, actor_json(*actor)), "allowed");
      case RouteKind::session: {
        auto body = actor_json(*actor);
        if (session) {
          body.as_object()["csrf_token"] = session->csrf;
          body.as_object()["idle_timeout_seconds"] = sessions_.settings().idle.count();
        }
        return finish(json_response(200, body), "allowed");
      }
      case RouteKind::logout: {
        if (session) sessions_.close(session_id);
        auto r = json_response(200, {{"signed_out", session.has_value()}});
        r.headers.emplace_back("Set-Cookie", session_cookie("", 0, sessions_.settings().framed_by_mis));
        return finish(std::move(r), "allowed");
      }
      case RouteKind::register_list: {
        if (!sees_whole_school(actor->role))
          return forbidden(std::string("a ") + ops::role_name(actor->role) + " may not read the whole register");
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
      case RouteKind::pupil_audit: {
        const auto& upn = params["upn"];
        auto d = decide_pupil(*db_, *actor, upn, day_text);
        entry.upn = d.upn;
        if (d.verdict != Verdict::allowed) return hidden();
        if (!sees_whole_school(actor->role))
          return forbidden(std::string("a ") + ops::role_name(actor->role) + " may not read the audit log");
        // The three logs of one pupil, newest first: reads, changes, and API requests with their address.
        json::array out;
        for (auto& line : audit_trail(*db_, upn))
          out.push_back({{"at", line.at},
                         {"actor", line.actor},
                         {"kind", line.kind},
                         {"what", line.what},
                         {"address", line.address ? json::value(*line.address) : json::value(nullptr)}});
        return finish(json_response(200, {{"upn", upn}, {"entries", std::move(out)}}), "allowed");
      }
      case RouteKind::class_map_page:
      case RouteKind::class_map_file:
      case RouteKind::class_map_read:
      case RouteKind::dashboard_page:
      case RouteKind::pupil_page:
      case RouteKind::pupil_audit_page:
      case RouteKind::provision_page:
      case RouteKind::page_form: {
        auto query = query_of();
        PageRequest page{*db_, *actor, session ? &*session : nullptr, route, params, query, request.body, day};
        auto served = serve_page(page);
        if (!served.operation.empty()) entry.operation = served.operation;
        entry.upn = served.upn;
        entry.object = served.object;
        return finish(std::move(served.response), served.outcome);
      }
      case RouteKind::logout_form: {
        if (session) sessions_.close(session_id);
        ApiResponse r{
            200,
            pages::page({"Signed out", "", "", {}},
                        "<h1>You have signed out</h1>\n<p>Open senmap again from the MIS when you need it.</p>\n"),
            {{"Content-Type", "text/html; charset=utf-8"}}};
        r.headers.emplace_back("Set-Cookie", session_cookie("", 0, sessions_.settings().framed_by_mis));
        return finish(std::move(r), "allowed");
      }
      case RouteKind::calendar_page:
      case RouteKind::calendar_feed_create: {
        auto answer = calendar_page_answer(*db_, *actor, request.host, session ? session->csrf : std::string(),
                                           route.kind == RouteKind::calendar_feed_create, request.body);
        return finish(std::move(answer.response), answer.outcome);
      }
      case RouteKind::operation:
        break;
      case RouteKind::calendar_feed:
      case RouteKind::openapi:
      case RouteKind::health:
      case RouteKind::asset:
      case RouteKind::launch:
        break;
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
        return finish(
            error_response(400, ec ? "the body is not valid JSON: " + ec.message() : "the body must be a JSON object"),
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
      case Status::invalid:
        return finish(json_response(422, result.response), "invalid");
      case Status::not_found:
        return finish(json_response(404, result.response), "not_found");
      case Status::unknown_operation:
        return finish(error_response(404, "no such route"), "invalid");
    }
    return finish(error_response(500, "internal error"), "failed");
  } catch (const std::exception& e) {
    // The route, and the store's own message (SQLite's words, never a record): other messages could quote one.
    const auto* store_error = dynamic_cast<const store::StoreError*>(&e);
    std::cerr << "senmap serve: " << entry.route << " failed: " << (store_error ? e.what() : "an unexpected error")
              << "\n";
    db_->reset_cached();
    auto response = error_response(500, "internal error: the server's log says where");
    try {
      entry.outcome = "failed";
      logged_ = request_log(batch, request, entry, response.status);
    } catch (...) {
    }
    return response;
  }
}

}  // namespace sm::http

namespace sm::http {

ApiResponse Api::launch(const ApiRequest& request, const std::map<std::string, std::string>& query,
                        store::AuditBatch& batch) {
  AccessEntry entry;
  entry.route = "GET /launch";
  auto field = [&](const char* name) {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  };
  ops::LaunchLink link{field("staff"), field("class"), field("nonce"), 0, 0, field("page")};
  entry.object = "class " + link.class_id;
  auto refuse = [&](const std::string& why) {
    entry.outcome = "refused";
    // A launch link is opened by a browser: the refusal is a page, saying what to do.
    auto r = html_error(403, why);
    logged_ = request_log(batch, request, entry, r.status);
    return r;
  };
  auto number = [](const std::string& text, std::int64_t& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
  };
  auto sig = field("sig");
  const bool to_page = link.page == "dashboard";
  if (link.staff.empty() || (link.class_id.empty() != to_page) || (!link.page.empty() && !to_page) ||
      link.nonce.size() < 16 || sig.empty() || !number(field("iat"), link.issued_at) ||
      !number(field("exp"), link.expires_at))
    return refuse("this launch link is not valid: it needs staff, class (or page=dashboard), iat, exp, nonce and sig");
  auto secret = ops::launch_secret(*db_, false, false);
  if (secret.empty()) return refuse("launch links are not set up here (senmap launch secret)");
  // The signature first: nothing else about a link is believed until the MIS is known to have made it.
  if (!ops::signatures_match(sig, ops::launch_signature(secret, link))) return refuse("this launch link is not valid");
  auto now = ops::unix_now();
  if (link.expires_at - link.issued_at > ops::kLaunchLifetimeMax || link.expires_at <= link.issued_at)
    return refuse("this launch link lives longer than " + std::to_string(ops::kLaunchLifetimeMax) + " seconds");
  if (now >= link.expires_at) return refuse("this launch link has expired: open it again from the MIS");
  if (link.issued_at > now + 60) return refuse("this launch link is not valid yet (is the MIS's clock right?)");
  if (link.issued_at < sessions_.started_at())
    return refuse("this launch link was made before senmap restarted: open it again from the MIS");
  if (!sessions_.first_use(link.nonce, link.expires_at))
    return refuse("this launch link was used already: open it again from the MIS");
  std::optional<ops::StaffMember> staff;
  try {
    staff = ops::find_staff(*db_, link.staff);
  } catch (const std::exception&) {
  }
  if (!staff || staff->left || !staff->role)
    return refuse("the member of staff in this launch link has no senmap role");
  entry.actor = "staff:" + staff->reference();
  auto [id, csrf] = sessions_.open(staff->id);
  ApiResponse r = json_response(303, {{"signed_in", staff->reference()}});
  r.headers.emplace_back(
      "Location", to_page ? std::string("/dashboard")
                          : "/classes/" + boost::urls::encode(link.class_id, boost::urls::unreserved_chars) + "/map");
  r.headers.emplace_back("Set-Cookie",
                         session_cookie(id, sessions_.settings().absolute.count(), sessions_.settings().framed_by_mis));
  logged_ = request_log(batch, request, entry, r.status);
  return r;
}

}  // namespace sm::http
