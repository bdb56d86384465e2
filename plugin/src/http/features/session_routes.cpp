// Who is asking, and their browser session: an MIS launch link opens a session (its signature is
// its credential), the caller reads who they are and the session's CSRF token, and signs out.
#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <charconv>

#include "http/call.hpp"
#include "http/features/features.hpp"
#include "http/pages/html.hpp"
#include "http/route_answers.hpp"
#include "ops/launch_links.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {
using namespace answers;

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

bool whole_number(const std::string& text, std::int64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

// GET /launch: checks an MIS launch link against the signature ops/launch_links makes and opens a session.
Response launch(Call& call) {
  ops::LaunchLink link{call.query_value("staff"), call.query_value("class"), call.query_value("nonce"), 0, 0,
                       call.query_value("page")};
  // A launch link is opened by a browser: a refusal is a page, saying what to do.
  auto refuse = [&](const std::string& why) {
    auto r = with_outcome(html_error(403, why), "refused");
    r.object = "class " + link.class_id;
    return r;
  };
  auto sig = call.query_value("sig");
  const bool to_page = link.page == "dashboard";
  if (link.staff.empty() || (link.class_id.empty() != to_page) || (!link.page.empty() && !to_page) ||
      link.nonce.size() < 16 || sig.empty() || !whole_number(call.query_value("iat"), link.issued_at) ||
      !whole_number(call.query_value("exp"), link.expires_at))
    return refuse("this launch link is not valid: it needs staff, class (or page=dashboard), iat, exp, nonce and sig");
  auto secret = ops::launch_secret(call.db, false, false);
  if (secret.empty()) return refuse("launch links are not set up here (senmap launch secret)");
  // The signature first: nothing else about a link is believed until the MIS is known to have made it.
  if (!ops::signatures_match(sig, ops::launch_signature(secret, link))) return refuse("this launch link is not valid");
  auto now = ops::unix_now();
  if (link.expires_at - link.issued_at > ops::kLaunchLifetimeMax || link.expires_at <= link.issued_at)
    return refuse("this launch link lives longer than " + std::to_string(ops::kLaunchLifetimeMax) + " seconds");
  if (now >= link.expires_at) return refuse("this launch link has expired: open it again from the MIS");
  if (link.issued_at > now + 60) return refuse("this launch link is not valid yet (is the MIS's clock right?)");
  if (link.issued_at < call.sessions.started_at())
    return refuse("this launch link was made before senmap restarted: open it again from the MIS");
  if (!call.sessions.first_use(link.nonce, link.expires_at))
    return refuse("this launch link was used already: open it again from the MIS");
  std::optional<ops::StaffMember> staff;
  try {
    staff = ops::find_staff(call.db, link.staff);
  } catch (const std::exception&) {
  }
  if (!staff || staff->left || !staff->role)
    return refuse("the member of staff in this launch link has no senmap role");
  auto [id, csrf] = call.sessions.open(staff->id);
  auto r = json_response(303, {{"signed_in", staff->reference()}});
  r.headers.emplace_back(
      "Location", to_page ? std::string("/dashboard")
                          : "/classes/" + boost::urls::encode(link.class_id, boost::urls::unreserved_chars) + "/map");
  const auto& settings = call.sessions.settings();
  r.headers.emplace_back("Set-Cookie", session_cookie(id, settings.absolute.count(), settings.framed_by_mis));
  r.object = "class " + link.class_id;
  r.actor = "staff:" + staff->reference();
  return r;
}

Response me(Call& call) {
  return json_response(200, actor_json(*call.actor));
}

Response session(Call& call) {
  auto body = actor_json(*call.actor);
  if (call.session) {
    body.as_object()["csrf_token"] = call.session->csrf;
    body.as_object()["idle_timeout_seconds"] = call.sessions.settings().idle.count();
  }
  return json_response(200, body);
}

// Ends the caller's browser session (if they came with one) and clears its cookie.
void sign_out(Call& call, Response& r) {
  if (call.session) call.sessions.close(call.session_id);
  r.headers.emplace_back("Set-Cookie", session_cookie("", 0, call.sessions.settings().framed_by_mis));
}

Response logout(Call& call) {
  auto r = json_response(200, {{"signed_out", call.session != nullptr}});
  sign_out(call, r);
  return r;
}

Response logout_form(Call& call) {
  auto r = html_response(200, pages::page({"Signed out", "", "", {}},
                                          "<h1>You have signed out</h1>\n<p>Open senmap again from the MIS when you "
                                          "need it.</p>\n"));
  sign_out(call, r);
  return r;
}

}  // namespace

RouteList session_routes() {
  return {
      {.method = "GET",
       .path = "/api/me",
       .summary = "The member of staff the token belongs to, their role and school",
       .handler = me,
       .answers = ok(B::json, "who the caller is: staff, role, schools") + signed_in()},
      {.method = "GET",
       .path = "/launch",
       .summary = "An MIS launch link (signed by the MIS, short-lived, used once): opens a session and the class "
                  "provision map",
       .caller = Caller::link_holder,
       .handler = launch,
       .answers = {{303, "signed in: the session cookie is set; Location is the class provision map, or the dashboard",
                    B::json},
                   {403,
                    "tampered with, expired, used before, not set up here, or unknown staff: a page saying what "
                    "to do",
                    B::html},
                   {500, "internal error (the server's log says where)", B::errors}},
       .params = {{"staff", true, true, "the member of staff's MIS id"},
                  {"class", true, false, "the class's MIS id (empty with page=dashboard)"},
                  {"iat", true, true, "issued at (Unix seconds)"},
                  {"exp", true, true, "expires at (Unix seconds, at most 5 minutes later)"},
                  {"nonce", true, true, "random, once only"},
                  {"sig", true, true,
                   "hex HMAC-SHA256 with the launch secret of "
                   "\"senmap-launch-v1\\nstaff=...\\nclass=...\\niat=...\\nexp=...\\nnonce=...\", "
                   "then \"\\npage=...\" when a page is named"},
                  {"page",
                   true,
                   false,
                   "dashboard: open the SENCO's dashboard instead of a class's map (signed)",
                   {"dashboard"}}}},
      {.method = "GET",
       .path = "/api/session",
       .summary = "The caller's browser session: who, and the CSRF token changes must carry",
       .handler = session,
       .answers = ok(B::json, "who the caller is, and the session's CSRF token") + signed_in()},
      {.method = "POST",
       .path = "/api/logout",
       .summary = "End the browser session",
       .handler = logout,
       .answers = ok(B::json, "signed out: the session cookie is cleared") + signed_in()},
      {.method = "POST",
       .path = "/logout",
       .summary = "The pages' sign-out button (csrf_token in the form body)",
       .form = true,
       .handler = logout_form,
       .answers = ok(B::html, "signed out: the session cookie is cleared") + signed_in()},
  };
}

}  // namespace sm::http
