// Where a change may be asked for from (issue 14): a browser says in Origin, and in Sec-Fetch-Site,
// which site's page made a request. A change is taken only from senmap's own pages or from the MIS
// allowed to frame it, so another site's page cannot make one even with a valid session and CSRF
// token. Requests with neither header (API clients with a token, curl) are not browsers' and go on.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sm::http {

struct OriginPolicy {
  bool https = true;                 // senmap's own scheme (plain HTTP only on loopback, for development)
  std::vector<std::string> trusted;  // other origins that may ask for changes: the MIS frame ancestors
};

// Why a request is refused as made by another site's page, or nothing when it may go on. Only a
// method that changes something (not GET, HEAD, OPTIONS or TRACE) is checked. senmap's own origin
// is its scheme with the request's Host header (the address the browser reached it at).
std::optional<std::string> cross_site_refusal(const OriginPolicy& policy, std::string_view method,
                                              std::string_view origin, std::string_view sec_fetch_site,
                                              std::string_view host);

}  // namespace sm::http
