#include "http/routes.hpp"

#include <cctype>

#include "http/features/features.hpp"

namespace sm::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// A path segment that is a parameter: "{upn}", or "{feed}.ics" with a fixed ending after it.
struct Parameter {
  std::string name, suffix;
};
std::optional<Parameter> parameter(std::string_view segment) {
  auto close = segment.find('}');
  if (segment.size() < 3 || segment.front() != '{' || close == std::string_view::npos || close < 2) return std::nullopt;
  return Parameter{std::string(segment.substr(1, close - 1)), std::string(segment.substr(close + 1))};
}

// What the handler answers for every route of a kind, whatever its row says: the server's own
// refusals before any route is known, a path's bad %-escape, and a change's cross-site and CSRF checks.
void add_handler_answers(Route& route) {
  using B = AnswerBody;
  auto& a = route.answers;
  a.push_back({400, "the request is not well-formed HTTP/1.1 (framing, Host, a line too long)", B::errors});
  a.push_back({413, "the body is larger than the server's limit", B::errors});
  a.push_back({431, "the header is larger than the server's limit", B::errors});
  a.push_back({501, "a transfer coding other than chunked", B::errors});
  a.push_back({503, "the server is starting", B::errors});
  if (route.caller == Caller::signed_in && !route.path_params().empty())
    a.push_back({400, "the path holds a malformed %-escape", B::errors});
  if (route.method != "GET") {
    a.push_back(
        {403, "another site's page asked for the change (Origin, Sec-Fetch-Site)", route.form ? B::html : B::errors});
    a.push_back({403, "a change through a browser session without its CSRF token", B::errors});
  }
}

std::vector<Route> build_routes() {
  std::vector<Route> out;
#define SENMAP_FEATURE(name) \
  for (auto& route : name##_routes()) out.push_back(std::move(route));
#include "http/features/features.def"
#undef SENMAP_FEATURE
  for (auto& route : out) add_handler_answers(route);
  return out;
}

}  // namespace

std::vector<std::string> Route::path_params() const {
  std::vector<std::string> out;
  for (const auto& segment : split_path(path))
    if (auto p = parameter(segment)) out.push_back(p->name);
  return out;
}

std::string Route::operation_id() const {
  std::string out;
  for (char c : method) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char c : path) {
    if (c == '{' || c == '}') continue;
    const bool word = std::isalnum(static_cast<unsigned char>(c));
    if (word)
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (out.back() != '_')
      out += '_';
  }
  while (out.back() == '_') out.pop_back();
  return out;
}

const std::vector<Route>& routes() {
  static const std::vector<Route> all = build_routes();
  return all;
}

std::optional<RouteMatch> match_route(std::string_view method, std::string_view path, bool& path_known) {
  path_known = false;
  if (path.empty() || path.front() != '/') return std::nullopt;
  auto segments = split_path(path);
  for (const auto& route : routes()) {
    auto pattern = split_path(route.path);
    if (pattern.size() != segments.size()) continue;
    RouteMatch m{&route, {}};
    bool same = true;
    for (std::size_t i = 0; same && i < pattern.size(); ++i) {
      const auto& segment = segments[i];
      if (auto p = parameter(pattern[i])) {
        same = segment.size() > p->suffix.size() && segment.ends_with(p->suffix);
        if (same) m.params[p->name] = segment.substr(0, segment.size() - p->suffix.size());
      } else {
        same = pattern[i] == segment;
      }
    }
    if (!same) continue;
    path_known = true;
    if (route.method == method) return m;
  }
  return std::nullopt;
}

}  // namespace sm::http
