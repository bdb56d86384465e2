#include "http/origin_check.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>
#include <cstdint>
#include <tuple>

namespace sm::http {
namespace {

// An origin as compared: scheme, host and port, the defaults filled in and case folded (RFC 6454 5).
using Triple = std::tuple<std::string, std::string, std::uint16_t>;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::uint16_t port_or_default(bool has_port, std::string_view port, std::uint16_t number, const std::string& scheme) {
  if (has_port && !port.empty()) return number;
  return scheme == "https" ? 443 : scheme == "http" ? 80 : 0;
}

// "https://host[:port]" and nothing more, as browsers send it; "null" and anything else: none.
std::optional<Triple> parse_origin(std::string_view text) {
  auto uri = boost::urls::parse_absolute_uri(text);
  if (!uri || !uri->has_authority() || uri->has_userinfo() || uri->encoded_host().empty() ||
      !uri->encoded_path().empty() || uri->has_query() || uri->has_fragment())
    return std::nullopt;
  auto scheme = lower(uri->scheme());
  return Triple{scheme, lower(uri->encoded_host()),
                port_or_default(uri->has_port(), uri->port(), uri->port_number(), scheme)};
}

}  // namespace

std::optional<std::string> cross_site_refusal(const OriginPolicy& policy, std::string_view method,
                                              std::string_view origin, std::string_view sec_fetch_site,
                                              std::string_view host) {
  if (method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "TRACE") return std::nullopt;
  if (origin.empty()) {
    // A browser that left Origin out still says when another site's page made the request.
    if (sec_fetch_site == "cross-site")
      return "a change is taken only from senmap's own pages: this request was made by another site's page";
    return std::nullopt;
  }
  auto asked = parse_origin(origin);
  if (!asked) return "a change is taken only from senmap's own pages: this request's Origin names no site";
  std::string scheme = policy.https ? "https" : "http";
  if (auto own = boost::urls::parse_authority(host); own && !own->has_userinfo()) {
    Triple mine{scheme, lower(own->encoded_host()),
                port_or_default(own->has_port(), own->port(), own->port_number(), scheme)};
    if (*asked == mine) return std::nullopt;
  }
  for (const auto& trusted : policy.trusted)
    if (auto allowed = parse_origin(trusted); allowed && *asked == *allowed) return std::nullopt;
  return "a change is taken only from senmap's own pages or the MIS that frames them: this request came from "
         "another site's page";
}

}  // namespace sm::http
