#include "http/message.hpp"

#include <boost/json.hpp>

#include "http/pages/html.hpp"
#include "model/utf8.hpp"
#include "report/json_text.hpp"

namespace sm::http {
namespace json = boost::json;

// The last guard behind the checks at the doors: a JSON answer is UTF-8 whatever the store holds.
// Doubles as plain decimals (15.1, not Boost.JSON's 1.51E1): see report/json_text.hpp.
Response json_response(unsigned status, const json::value& body) {
  Response r;
  r.status = status;
  r.body = model::valid_utf8(report::json_text(body));
  return r;
}

Response error_response(unsigned status, const std::string& rule) {
  return json_response(status, {{"errors", json::array{json::object{{"field", ""}, {"rule", rule}}}}});
}

Response html_response(unsigned status, std::string html) {
  Response r;
  r.status = status;
  r.body = std::move(html);
  r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
  return r;
}

Response html_error(unsigned status, const std::string& why) {
  // The page is drawn once, when it is sent: framed with the caller's navigation where the caller is
  // known (http/api.cpp), bare otherwise (the server, as it writes the answer).
  auto r = html_response(status, {});
  r.error_page = why;
  return r;
}

std::string error_page_html(pages::Frame frame, const std::string& why) {
  frame.title = "Not available";
  return pages::page(frame, "<h1>Not available</h1>\n<p>" + pages::escape(why) + "</p>\n");
}

Response see_other(const std::string& location) {
  Response r;
  r.status = 303;
  r.headers = {{"Location", location}};
  return r;
}

Response with_outcome(Response response, std::string outcome) {
  response.outcome = std::move(outcome);
  return response;
}

}  // namespace sm::http
