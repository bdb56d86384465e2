#include "http/api.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>
#include <chrono>
#include <iostream>
#include <map>

#include "http/access.hpp"
#include "http/answer_cache.hpp"
#include "http/call.hpp"
#include "http/request_fields.hpp"
#include "http/routes.hpp"
#include "http/sessions.hpp"
#include "ops/launch_links.hpp"
#include "ops/staff_identity.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"

// Answering a request, step by step (Api::handle): read the target, match a route, and for a route
// that needs more than its address: refuse another site's change, identify the caller, check a
// session's CSRF token, decode the path, give an answer kept from before, or run the route's handler;
// then write the access log. Each step is one function below.
namespace sm::http {
namespace urls = boost::urls;
namespace {

model::Date today() {
  return model::Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
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

// A path that is no route (404), or a route that does not take the method (405, with Allow).
Response no_route(const std::string& method, std::string_view path, bool path_known) {
  if (!path_known) return error_response(404, "no such route (GET /api/openapi.json lists them)");
  auto r = error_response(405, "this route does not take " + method);
  std::string allow;
  bool ignored = false;
  for (const char* m : {"GET", "POST"})
    if (match_route(m, path, ignored))
      allow += (allow.empty() ? "" : ", ") + std::string(m) + (std::string_view(m) == "GET" ? ", HEAD" : "");
  r.headers.emplace_back("Allow", allow);
  return r;
}

// What the access log records about one request: never a query string, a body or a token.
struct AccessEntry {
  std::string actor = "anonymous", route, operation, upn, object, outcome = "allowed";
};

}  // namespace

// One request on its way through the steps.
struct Api::Exchange {
  Exchange(store::Database& db, const Request& request, const RouteMatch& match, urls::params_view query)
      : request(request), route(*match.route), params(match.params), batch(db) {
    for (const auto& p : query) this->query.emplace_back(p.key, p.value);
    entry.route = route.method + " " + route.path;
    entry.operation = route.operation;
  }

  const Request& request;
  const Route& route;
  std::map<std::string, std::string> params;  // as matched: still %-encoded until the caller is known
  std::vector<std::pair<std::string, std::string>> query;
  model::Date day = today();
  store::AuditBatch batch;  // the request's audit rows, written with its access-log row
  AccessEntry entry;
  std::optional<ops::Actor> actor;
  std::optional<Session> session;
  std::string session_id;
  std::optional<std::string> answer_key;  // set when the answer may be kept (answer_cache.hpp)
};

Api::Api(const std::filesystem::path& database, SessionStore& sessions, OriginPolicy origins)
    : db_(std::make_unique<store::Database>(database, false)),
      sessions_(sessions),
      origins_(std::move(origins)),
      cache_(std::make_unique<AnswerCache>()) {}
Api::~Api() = default;

Answer Api::handle(const Request& request) {
  // No statement of an earlier request may still hold a read: it would pin this connection to an
  // old snapshot (hiding others' changes from the data version), and a write on a stale snapshot
  // fails with SQLITE_BUSY.
  db_->reset_cached();
  auto target = urls::parse_origin_form(request.target);
  if (!target) return {error_response(400, "the request target is not a valid path")};
  // HEAD is GET without the body (RFC 9110 9.3.2): the same route, answer and headers; the server
  // leaves the body out. The access log still says HEAD.
  const std::string method = request.method == "HEAD" ? std::string("GET") : request.method;
  bool path_known = false;
  auto match = match_route(method, target->encoded_path(), path_known);
  if (!match) return {no_route(request.method, target->encoded_path(), path_known)};
  const Route& route = *match->route;
  if (route.caller == Caller::anyone) {  // nothing about anyone: neither credential nor log
    Call call{*db_, request, route, sessions_, match->params};
    return {route.handler(call), {}, route.path};
  }
  Exchange x(*db_, request, *match, target->params());
  try {
    return logged(x, answer_route(x));
  } catch (const std::exception& e) {
    // The route, and the store's own message (SQLite's words, never a record): other messages could quote one.
    const auto* store_error = dynamic_cast<const store::StoreError*>(&e);
    std::cerr << "senmap serve: " << x.entry.route << " failed: " << (store_error ? e.what() : "an unexpected error")
              << "\n";
    db_->reset_cached();
    auto failed = with_outcome(error_response(500, "internal error: the server's log says where"), "failed");
    x.answer_key.reset();
    try {
      return logged(x, std::move(failed));
    } catch (...) {
      return {error_response(500, "internal error: the server's log says where"), {}, route.path};
    }
  }
}

Response Api::answer_route(Exchange& x) {
  const auto& request = x.request;
  // Another site's page asking for a change is refused before anything else is looked at, even
  // with a valid session and CSRF token; a form's refusal is a page, as its answer would be.
  if (auto why = cross_site_refusal(origins_, request.method, request.origin, request.sec_fetch_site, request.host))
    return with_outcome(x.route.form ? html_error(403, *why) : error_response(403, *why), "cross_site");
  if (x.route.caller == Caller::link_holder) {  // its address is its credential: the handler checks it
    Call call{*db_, request, x.route, sessions_, x.params, x.query};
    call.day = x.day;
    return x.route.handler(call);
  }
  return answer_signed_in(x);
}

Response Api::answer_signed_in(Exchange& x) {
  if (auto refused = identify(x)) return std::move(*refused);
  std::map<std::string, std::string> params;
  for (const auto& [name, encoded] : x.params) {
    auto pct = urls::make_pct_string_view(encoded);
    if (!pct) return with_outcome(error_response(400, "the path holds a malformed %-escape"), "invalid");
    params[name] = pct->decode();
  }
  if (auto kept = kept_answer(x)) return std::move(*kept);
  Call call{*db_,
            x.request,
            x.route,
            sessions_,
            std::move(params),
            x.query,
            &*x.actor,
            x.session ? &*x.session : nullptr,
            x.session_id,
            x.day};
  auto response = x.route.handler(call);
  if (!response.error_page.empty()) response.body = error_page_html(frame_for(call), response.error_page);
  // Cached statements a handler steps once (placement_json's) are reset when it is done with them.
  db_->reset_cached();
  return response;
}

// Who is asking: an API token's member of staff, or a browser session's; a change through a
// session must carry its CSRF token. The refusal when neither (401) or without the token (403).
std::optional<Response> Api::identify(Exchange& x) {
  const auto& request = x.request;
  // Anything kept from earlier requests is dated by the data version: read it before any lookup.
  cache_->check(db_->data_version());
  auto now = store::utc_timestamp();
  auto token = bearer_token(request.authorization);
  if (token) {
    auto key = "token:" + ops::sha256_hex(*token);
    if (const auto* kept = cache_->actor(key)) {
      if (now < kept->expires_at) x.actor = kept->actor;  // a token that has expired since is refused
    } else {
      std::string expires_at;
      x.actor = ops::actor_for_token(*db_, *token, now, &expires_at);
      if (x.actor) cache_->keep_actor(std::move(key), {*x.actor, expires_at});
    }
  }
  x.session_id = token ? std::string() : cookie_value(request.cookie, kSessionCookie);
  if (!x.session_id.empty() && (x.session = sessions_.find(x.session_id))) {
    auto key = "staff:" + std::to_string(x.session->staff_id);
    if (const auto* kept = cache_->actor(key)) {
      x.actor = kept->actor;
    } else {
      auto staff = ops::staff_by_id(*db_, x.session->staff_id);
      if (staff && (x.actor = ops::actor_of(*db_, *staff))) cache_->keep_actor(std::move(key), {*x.actor, {}});
    }
    // A page's form cannot set a header: its token comes in the form body.
    auto csrf =
        request.csrf_token.empty() && x.route.form ? form_field(request.body, "csrf_token") : request.csrf_token;
    if (x.actor && x.route.method != "GET" && !ops::signatures_match(csrf, x.session->csrf)) {
      x.entry.actor = x.actor->audit_name();
      return forbidden_json("a change made through a browser session must carry its X-CSRF-Token (GET /api/session)");
    }
  }
  db_->reset_cached();
  if (!x.actor) {
    auto r = error_response(401, "a valid API token is needed: Authorization: Bearer <token> (senmap token create)");
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"senmap\"");
    return with_outcome(std::move(r), "unauthenticated");
  }
  x.entry.actor = x.actor->audit_name();
  return std::nullopt;
}

// A read answered before on the same data for the same viewer and day: given again, with its audit
// rows written again for this request. Otherwise, when the route's answer may be kept, its key.
std::optional<Response> Api::kept_answer(Exchange& x) {
  x.answer_key = AnswerCache::key_for(x.route, *x.actor, x.session ? x.session->csrf : std::string(),
                                      model::format_date(x.day), x.request.target);
  if (!x.answer_key) return std::nullopt;
  const auto* kept = cache_->answer(*x.answer_key);
  if (!kept) return std::nullopt;
  for (const auto& [action, upn] : kept->audited) store::audit(*db_, x.entry.actor, action, upn);
  x.answer_key.reset();  // already kept
  return kept->response;
}

// The access log's row for the answer, with the request's audit rows; and the answer kept when it may be.
Answer Api::logged(Exchange& x, Response response) {
  auto& e = x.entry;
  if (!response.operation.empty()) e.operation = response.operation;
  if (!response.actor.empty()) e.actor = response.actor;
  e.upn = response.upn;
  e.object = response.object;
  e.outcome = response.outcome;
  if (x.answer_key) {
    AnswerCache::KeptAnswer kept{response, {}};
    kept.response.operation = e.operation;
    for (const auto& row : x.batch.rows) kept.audited.emplace_back(row.action, row.upn);
    cache_->keep_answer(std::move(*x.answer_key), std::move(kept));
    x.answer_key.reset();
  }
  Answer out{std::move(response), {}, x.route.path, e.actor};
  out.log.audit = std::move(x.batch.rows);
  x.batch.rows.clear();
  out.log.access = store::AccessRow{store::utc_timestamp(),
                                    e.actor,
                                    x.request.address,
                                    x.request.method,
                                    e.route,
                                    e.operation,
                                    e.upn,
                                    e.object,
                                    e.outcome,
                                    out.response.status};
  return out;
}

}  // namespace sm::http
