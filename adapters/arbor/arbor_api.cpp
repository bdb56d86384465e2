#include "arbor/arbor_api.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <map>

#include "arbor/arbor_json.hpp"

namespace sm::arbor {
namespace json = boost::json;
namespace {

// Requests handed to send_all at once: the client keeps max_in_flight of them open.
constexpr std::size_t kBatch = 64;

std::string base64(std::string_view text) {
  std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace

bool Change::deleted() const {
  std::string t = type;
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return t.rfind("delet", 0) == 0 || t == "remove" || t == "removed";
}

std::string filter(std::string_view property, std::string_view op, std::string_view value) {
  return "filters." + std::string(property) + "." + std::string(op) + "=" +
         boost::urls::encode(value, boost::urls::unreserved_chars);
}

std::string tag_filter(std::string_view name, std::string_view value) {
  return "filters.tags." + std::string(name) + "=" + boost::urls::encode(value, boost::urls::unreserved_chars);
}

std::string ArborApi::url_of(std::string_view path) const {
  std::string base = settings_.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (path.starts_with("/")) return base + std::string(path);
  return base + "/rest-v2/" + std::string(path);
}

live::Request ArborApi::request(std::string method, std::string_view path, std::string body) const {
  live::Request r;
  r.method = std::move(method);
  r.url = url_of(path);
  r.headers.emplace_back("Authorization", "Basic " + base64(settings_.user + ":" + settings_.password));
  r.headers.emplace_back("Accept", "application/json");
  if (!settings_.application_id.empty()) r.headers.emplace_back("x-mis-application-id", settings_.application_id);
  if (!body.empty()) r.headers.emplace_back("Content-Type", "application/json");
  r.body = std::move(body);
  r.idempotent = r.method == "GET";
  return r;
}

json::value ArborApi::checked(const live::Response& response, std::string_view what) const {
  json::error_code ec;
  json::value body = response.body.empty() ? json::value() : json::parse(response.body, ec);
  if (ec) body = nullptr;
  auto status = status_of(response.status, body.is_null() ? nullptr : &body);
  const std::string where = " (Arbor at " + settings_.url + ")";
  const std::string said = status.message.empty() ? std::string() : ": " + status.message;
  using K = ArborFailure::Kind;
  if (status.code == 401)
    throw ArborFailure(K::credentials, 401,
                       "Arbor at " + settings_.url + " did not accept the user name '" + settings_.user +
                           "' with the configured password (401) while trying to " + std::string(what) +
                           ": check the application's credentials in Arbor and the password file");
  if (status.code == 403)
    throw ArborFailure(K::permission, 403,
                       "Arbor at " + settings_.url + " did not let the application user '" + settings_.user + "' " +
                           std::string(what) + " (403 permission refused" + said +
                           "): the school's Arbor administrator must grant the application that permission");
  if (status.code == 422) throw ArborFailure(K::invalid, 422, "Arbor refused to " + std::string(what) + said + where);
  if (status.code == 404)
    throw ArborFailure(K::not_found, 404,
                       "Arbor has no such record (404) while trying to " + std::string(what) + where);
  if (!status.ok())
    throw ArborFailure(K::server, status.code,
                       "Arbor answered " + std::to_string(status.code) +
                           (status.reason.empty() ? "" : " " + status.reason) + " while trying to " +
                           std::string(what) + said + where);
  if (body.is_null() && !response.body.empty())
    throw ArborFailure(K::bad_reply, status.code,
                       "Arbor's answer while trying to " + std::string(what) + " is not JSON" + where);
  return body;
}

json::value ArborApi::get(std::string_view path, std::string_view what) {
  return checked(fetcher_.send(request("GET", path)), what);
}

Listed ArborApi::list(std::string_view res, std::string_view what, std::string_view filters) {
  Listed out;
  const std::size_t size = std::max<std::size_t>(1, settings_.page_size);
  for (std::size_t page = 1;; ++page) {
    if (out.pages >= settings_.max_pages) {
      out.complete = false;  // every page was full up to the cap: the list may go on
      break;
    }
    std::string path = std::string(res) + "?";
    if (!filters.empty()) path += std::string(filters) + "&";
    path += "page-number=" + std::to_string(page) + "&page-size=" + std::to_string(size);
    auto hrefs = list_hrefs(get(path, what));
    ++out.pages;
    out.hrefs.insert(out.hrefs.end(), hrefs.begin(), hrefs.end());
    if (hrefs.size() < size) break;  // a short (or empty) page ends the list
  }
  return out;
}

std::vector<json::object> ArborApi::fetch_all(const std::vector<std::string>& hrefs, std::string_view what) {
  std::vector<json::object> out;
  out.reserve(hrefs.size());
  for (std::size_t from = 0; from < hrefs.size(); from += kBatch) {
    std::vector<live::Request> batch;
    for (std::size_t i = from; i < std::min(hrefs.size(), from + kBatch); ++i)
      batch.push_back(request("GET", hrefs[i]));
    auto replies = fetcher_.send_all(batch);
    for (const auto& reply : replies) {
      json::value body;
      try {
        body = checked(reply, what);
      } catch (const ArborFailure& e) {
        if (e.kind() == ArborFailure::Kind::not_found) continue;  // gone since it was listed
        throw;
      }
      if (auto* o = single_object(body)) out.push_back(std::move(*o));  // moved: one per record read
    }
  }
  return out;
}

std::vector<Change> ArborApi::changelog(std::string_view res, std::string_view from_revision, std::string_view what) {
  auto body = get(std::string(res) + "/changelog?from-revision=" + std::string(from_revision), what);
  std::vector<Change> out;
  const auto* changes = body.is_object() ? body.as_object().if_contains("changes") : nullptr;
  if (!changes || !changes->is_array()) return out;
  for (const auto& c : changes->as_array()) {
    if (!c.is_object()) continue;
    const auto& o = c.as_object();
    Change change;
    const auto* object = o.if_contains("changedObject");
    change.href = href_of(object);
    if (object && object->is_object()) change.object = object->as_object();
    change.type = text_of(o, "changeType");
    change.to_revision = integer_of(o, "toRevision").value_or(0);
    if (!change.href.empty()) out.push_back(std::move(change));
  }
  return out;
}

json::object ArborApi::create(std::string_view res, std::string_view type, json::object fields, std::string_view what) {
  auto body = json::serialize(create_body(type, std::move(fields)));
  auto answer = checked(fetcher_.send(request("POST", res, std::move(body))), what);
  const auto* o = single_object(answer);
  return o ? *o : json::object{};
}

json::object ArborApi::update(std::string_view href, std::string_view type, json::object fields,
                              std::string_view what) {
  auto body = json::serialize(create_body(type, std::move(fields)));
  auto r = request("PUT", href, std::move(body));
  r.idempotent = true;  // setting the same fields twice changes nothing
  auto answer = checked(fetcher_.send(r), what);
  const auto* o = single_object(answer);
  return o ? *o : json::object{};
}

ResourceRead read_resource(ArborApi& api, std::string_view res, bool delta, const std::string& held) {
  ResourceRead out;
  long long top = 0;
  std::string what = "read " + std::string(res);
  if (delta) {
    auto changes = api.changelog(res, held.empty() ? "0" : held, "read the changes to " + std::string(res));
    out.changes = changes.size();
    std::vector<std::string> hrefs;
    // The last change to a record decides: a record created then deleted is deleted.
    std::map<std::string, const Change*> last;
    for (const auto& c : changes) {
      top = std::max(top, c.to_revision);
      last[c.href] = &c;
    }
    for (const auto& c : changes) {
      auto it = last.find(c.href);
      if (it == last.end() || it->second != &c) continue;
      if (c.deleted())
        out.deleted.push_back(c);
      else
        hrefs.push_back(c.href);
    }
    out.records = api.fetch_all(hrefs, what);
  } else {
    auto listed = api.list(res, "list " + std::string(res));
    out.capped = !listed.complete;
    if (out.capped) return out;
    out.records = api.fetch_all(listed.hrefs, what);
    for (const auto& r : out.records) top = std::max(top, integer_of(r, "revisionId").value_or(0));
  }
  out.cursor = top > 0 ? std::to_string(top) : (held.empty() ? "0" : held);
  return out;
}

}  // namespace sm::arbor
