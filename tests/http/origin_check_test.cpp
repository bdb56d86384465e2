// Which pages may ask senmap for a change (issue 14): its own, reached at the request's Host, and
// the MIS that frames it; requests that are no browser's (no Origin) go on.
#include "http/origin_check.hpp"

#include <catch2/catch.hpp>

using namespace sm::http;

TEST_CASE("a change is taken from senmap's own origin and the MIS that frames it, not another site", "[http]") {
  OriginPolicy policy{true, {"https://mis.example.org", "https://mis2.example.org:8443"}};
  auto refused = [&](std::string_view method, std::string_view origin, std::string_view site = "",
                     std::string_view host = "senmap.school.org") {
    return cross_site_refusal(policy, method, origin, site, host).has_value();
  };
  // Its own origin: the Host with https, a default port written or not, case folded.
  CHECK_FALSE(refused("POST", "https://senmap.school.org"));
  CHECK_FALSE(refused("POST", "https://SENMAP.school.org:443"));
  CHECK_FALSE(refused("POST", "https://127.0.0.1:8443", "same-origin", "127.0.0.1:8443"));
  CHECK_FALSE(refused("POST", "https://[::1]:8443", "", "[::1]:8443"));
  // The MIS frame ancestors, port and all.
  CHECK_FALSE(refused("POST", "https://mis.example.org", "cross-site"));
  CHECK_FALSE(refused("DELETE", "https://mis2.example.org:8443"));
  // Another site, another scheme or port, no site at all, or something that is no origin.
  for (auto origin : {"https://evil.example", "http://senmap.school.org", "https://senmap.school.org:8443",
                      "https://mis2.example.org", "https://senmap.school.org.evil.example", "null",
                      "https://senmap.school.org/path", "https://user@senmap.school.org", "senmap.school.org"}) {
    INFO(origin);
    for (auto method : {"POST", "PUT", "PATCH", "DELETE"}) CHECK(refused(method, origin));
    CHECK(refused("POST", origin, "same-origin"));  // Origin is believed over Sec-Fetch-Site
  }
  // No Origin: an API client or curl, unless the browser says another site's page made it.
  CHECK_FALSE(refused("POST", ""));
  CHECK_FALSE(refused("POST", "", "same-origin"));
  CHECK_FALSE(refused("POST", "", "none"));
  CHECK(refused("POST", "", "cross-site"));
  // Reads are not checked: another site cannot read the answer without CORS, which senmap never grants.
  CHECK_FALSE(refused("GET", "https://evil.example", "cross-site"));
  CHECK_FALSE(refused("HEAD", "https://evil.example", "cross-site"));
  // A plain-HTTP development server on loopback is its own origin with http.
  OriginPolicy plain{false, {}};
  CHECK_FALSE(cross_site_refusal(plain, "POST", "http://127.0.0.1:8080", "", "127.0.0.1:8080"));
  CHECK(cross_site_refusal(plain, "POST", "https://127.0.0.1:8080", "", "127.0.0.1:8080"));
  // No Host to compare with: only the MIS may.
  CHECK(cross_site_refusal(policy, "POST", "https://senmap.school.org", "", ""));
}
