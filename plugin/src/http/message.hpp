// A request and its answer as every door of the server sees them (the JSON API, the pages, the
// calendar feeds): plain strings, no Beast. server.cpp turns the wire into a Request and a
// Response back into the wire.
#pragma once
#include <boost/json/fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "http/pages/html.hpp"

namespace sm::http {

struct Request {
  std::string method;         // GET, POST, ...
  std::string target;         // origin form: /api/pupils/A123?x=y
  std::string authorization;  // the Authorization header, as sent
  std::string body;
  std::string address;         // the client's IP address, for the access log
  std::string cookie;          // the Cookie header (a browser session)
  std::string csrf_token;      // the X-CSRF-Token header (changes made through a session)
  std::string host;            // the Host header (the calendar page shows its feed's full address)
  std::string origin;          // the Origin header: which site's page made a browser's request
  std::string sec_fetch_site;  // the Sec-Fetch-Site header: same-origin, same-site, cross-site or none
};

// An answer, and what the access log says of it (set by whoever decided it: a handler knows which
// pupil or object a request reached, and whether it was allowed).
struct Response {
  unsigned status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the security headers every answer has

  std::string outcome = "allowed";  // allowed, forbidden, refused_or_missing, not_found, invalid, ...
  std::string operation;            // the operation it ran, when not the route's own
  std::string upn, object;          // the pupil, or the class, placement, feed... it was about
  std::string actor;                // who it acted as, when the route has no signed-in caller (a feed, a launch)
  // An error page's reason (html_error), its body drawn when it is sent: framed with the signed-in
  // member of staff's navigation once they are known (http/api.cpp), so no page leaves them
  // stranded; bare for a caller not known (the server draws it as it writes the answer).
  std::string error_page;
};

// Builders for the answers every route gives.
// A JSON answer: always valid UTF-8 whatever the store holds; doubles as plain decimals.
Response json_response(unsigned status, const boost::json::value& body);
// The error body {"errors": [{"field": "", "rule": rule}]}.
Response error_response(unsigned status, const std::string& rule);
// A page (text/html).
Response html_response(unsigned status, std::string html);
// A page's refusal or failure, as a page: says as little as the API's (never whether an object exists).
// An error page's HTML in the given frame (the signed-in member of staff's, or none).
std::string error_page_html(pages::Frame frame, const std::string& why);
Response html_error(unsigned status, const std::string& why);
// 303 See Other: a form that did its work goes back to its page (a reload does not record it twice).
Response see_other(const std::string& location);
// The same Response with the access log's outcome set.
Response with_outcome(Response response, std::string outcome);

}  // namespace sm::http
