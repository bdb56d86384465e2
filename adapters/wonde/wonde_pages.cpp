#include "wonde/wonde_pages.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cctype>
#include <set>

#include "wonde/wonde_json.hpp"

namespace sm::wonde {
namespace json = boost::json;
namespace urls = boost::urls;
using live::LiveError;

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The token must never reach a message, even if a server echoes it back.
std::string redacted(std::string text, const std::string& token) {
  if (token.size() >= 4)
    for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at))
      text.replace(at, token.size(), "[token]");
  for (auto& c : text)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  if (text.size() > 300) text = text.substr(0, 300) + "...";
  return text;
}

urls::url parse_absolute(const std::string& text, const char* what) {
  auto parsed = urls::parse_absolute_uri(text);
  if (!parsed || parsed->host().empty())
    throw LiveError(LiveError::Kind::refused_url, std::string(what) + " '" + text + "' is not an absolute URL");
  return urls::url(*parsed);
}

std::string effective_port(const urls::url_view& u) {
  if (u.has_port()) return std::string(u.port());
  return lower(u.scheme()) == "http" ? "80" : "443";
}

bool same_origin(const urls::url_view& a, const urls::url_view& b) {
  return lower(a.scheme()) == lower(b.scheme()) && lower(a.host()) == lower(b.host()) &&
         effective_port(a) == effective_port(b);
}

// Wonde ids are letters and digits: anything else in school_id would change the path.
void check_school_id(const std::string& id) {
  bool ok = !id.empty() &&
            std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  if (!ok)
    throw LiveError(LiveError::Kind::refused_url,
                    "Wonde school_id '" + id + "' is not a Wonde school id (letters and digits, e.g. A1930499544)");
}

std::string first_url(const urls::url& base, const WondeSettings& settings, const ListSpec& list) {
  urls::url u = base;
  std::string path(base.path());
  while (!path.empty() && path.back() == '/') path.pop_back();
  u.set_path(path + "/schools/" + settings.school_id + "/" + list.path);
  u.remove_query();
  u.params().append({"per_page", std::to_string(settings.per_page)});
  for (const auto& [key, value] : list.params) u.params().append({key, value});
  return std::string(u.buffer());
}

// A `next` link on the base URL's host, carrying the parameters the first page was asked with
// (a link that drops `include` or `updated_after` would quietly change what later pages hold).
std::string checked_next(const std::string& next, const urls::url& base, const ListSpec& list) {
  auto parsed = urls::parse_absolute_uri(next);
  if (!parsed)
    throw LiveError(LiveError::Kind::refused_url,
                    "Wonde's " + list.key + " list gave a next page link that is not a URL: '" + next + "'");
  urls::url u(*parsed);
  if (!same_origin(u, base))
    throw LiveError(LiveError::Kind::refused_url,
                    "Wonde's " + list.key + " list pointed its next page at another host (" + std::string(u.scheme()) +
                        "://" + std::string(u.encoded_host_and_port()) + ", not " + std::string(base.scheme()) + "://" +
                        std::string(base.encoded_host_and_port()) +
                        "): refused, so the token is never sent elsewhere; check the url setting");
  for (const auto& [key, value] : list.params)
    if (!u.params().contains(key)) u.params().append({key, value});
  return std::string(u.buffer());
}

struct Page {
  json::array data;
  std::string next;  // empty at the end of the list
};

Page read_page(const live::Response& response, const WondeSettings& settings, const ListSpec& list) {
  if (response.status < 200 || response.status > 299) throw refusal(response, settings, list.key);
  json::error_code ec;
  auto body = json::parse(response.body, ec);
  if (ec || !body.is_object())
    throw LiveError(LiveError::Kind::other, "Wonde's " + list.key + " reply is not JSON (" +
                                                (ec ? ec.message() : std::string("not an object")) +
                                                "): is the url setting Wonde's API base?");
  auto& object = body.get_object();
  const auto* data = member(object, "data");
  if (!data || !data->is_array())
    throw LiveError(LiveError::Kind::other,
                    "Wonde's " + list.key + " reply has no \"data\" list: is the url setting Wonde's API base?");
  Page page{std::move(object["data"].get_array()), {}};  // moved, not copied: the page is most of a read
  const json::object* pagination = nullptr;
  if (const auto* meta = member(object, "meta"); meta && meta->is_object())
    if (const auto* p = member(meta->get_object(), "pagination"); p && p->is_object()) pagination = &p->get_object();
  if (!pagination) return page;  // a list without pagination is one page
  const auto* more = member(*pagination, "more");
  bool ended = more && more->is_bool() && !more->get_bool();
  const auto* next = member(*pagination, "next");
  if (!ended && next && next->is_string() && !next->get_string().empty()) page.next = std::string(next->get_string());
  return page;
}
}  // namespace

live::LiveError refusal(const live::Response& response, const WondeSettings& settings, const std::string& list) {
  auto status = std::to_string(response.status);
  if (response.status == 401 || response.status == 403)
    return LiveError(LiveError::Kind::http, "Wonde refused the token for school " + settings.school_id + " (HTTP " +
                                                status + " on " + list +
                                                "): check token_file / that the school approved senmap's access");
  if (response.status == 404)
    return LiveError(LiveError::Kind::http, "Wonde has no " + list + " for school " + settings.school_id +
                                                " (HTTP 404): check school_id, and that url names the school's region");
  std::string quoted;
  json::error_code ec;
  auto body = json::parse(response.body, ec);
  if (!ec && body.is_object()) {
    const auto& o = body.get_object();
    for (auto key : {"message", "error_description", "error"}) {
      if (const auto* v = member(o, key); v && v->is_string()) {
        quoted = std::string(v->get_string());
        break;
      } else if (v && v->is_object()) {
        quoted = text(v->get_object(), "message");
        if (!quoted.empty()) break;
      }
    }
    if (const auto* errors = member(o, "errors"); errors && quoted.empty()) quoted = json::serialize(*errors);
  }
  if (quoted.empty()) quoted = response.body;
  std::string what = response.status == 422 ? "refused the request for " : "answered an error for ";
  return LiveError(LiveError::Kind::http, "Wonde " + what + list + " at school " + settings.school_id + " (HTTP " +
                                              status + ")" +
                                              (quoted.empty() ? "" : ": \"" + redacted(quoted, settings.token) + "\""));
}

std::vector<ListPages> read_lists(live::Fetcher& fetcher, const WondeSettings& settings,
                                  const std::vector<ListSpec>& lists) {
  auto base = parse_absolute(settings.url, "Wonde url");
  check_school_id(settings.school_id);
  if (settings.token.empty())
    throw LiveError(LiveError::Kind::other, "no Wonde token for school " + settings.school_id + ": check token_file");
  // A token is one word: a space or line break inside means the file holds something else.
  if (std::any_of(settings.token.begin(), settings.token.end(),
                  [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; }))
    throw LiveError(LiveError::Kind::other,
                    "the Wonde token for school " + settings.school_id +
                        " holds spaces or more than one line: check token_file holds the token alone");

  struct Running {
    std::string url;
    std::set<std::string> seen;
  };
  std::vector<ListPages> out(lists.size());
  std::vector<Running> running(lists.size());
  for (std::size_t i = 0; i < lists.size(); ++i) running[i].url = first_url(base, settings, lists[i]);

  // One page of every unfinished list per round: the lists are independent, so a school's read
  // takes as many rounds as its longest list has pages.
  for (;;) {
    std::vector<std::size_t> which;
    std::vector<live::Request> requests;
    for (std::size_t i = 0; i < lists.size(); ++i) {
      if (running[i].url.empty()) continue;
      const auto cap = lists[i].max_pages ? lists[i].max_pages : settings.max_pages;
      if (out[i].pages >= cap)
        throw LiveError(LiveError::Kind::too_large, "Wonde's " + lists[i].key + " list for school " +
                                                        settings.school_id + " was still going after " +
                                                        std::to_string(cap) +
                                                        " pages: stopped so a looping server cannot hang the sync " +
                                                        "(raise max_pages if the school really holds that many)");
      if (!running[i].seen.insert(running[i].url).second)
        throw LiveError(LiveError::Kind::other, "Wonde's " + lists[i].key + " list for school " + settings.school_id +
                                                    " led back to a page it had already given: stopped");
      live::Request request;
      request.url = running[i].url;
      request.headers = {{"Authorization", "Bearer " + settings.token}, {"Accept", "application/json"}};
      requests.push_back(std::move(request));
      which.push_back(i);
    }
    if (requests.empty()) break;
    auto responses = fetcher.send_all(requests);
    if (responses.size() != requests.size())
      throw LiveError(LiveError::Kind::other, "the HTTPS client answered " + std::to_string(responses.size()) +
                                                  " replies to " + std::to_string(requests.size()) + " requests");
    for (std::size_t r = 0; r < which.size(); ++r) {
      auto i = which[r];
      auto page = read_page(responses[r], settings, lists[i]);
      ++out[i].pages;
      for (auto& item : page.data) {
        if (!item.is_object())
          throw LiveError(LiveError::Kind::other,
                          "Wonde's " + lists[i].key + " list holds an entry that is not an object");
        if (lists[i].take)
          lists[i].take(item.get_object());
        else
          out[i].items.push_back(std::move(item.get_object()));
      }
      running[i].url = page.next.empty() ? std::string() : checked_next(page.next, base, lists[i]);
    }
  }
  return out;
}

}  // namespace sm::wonde
