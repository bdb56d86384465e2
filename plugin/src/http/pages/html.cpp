#include "http/pages/html.hpp"

#include <boost/json.hpp>
#include <cctype>

#include "model/access_kinds.hpp"
#include "model/html_text.hpp"
#include "model/number_text.hpp"
#include "model/reference_data.hpp"
#include "model/utf8.hpp"

namespace sm::http::pages {

std::string escape(std::string_view text) {
  return model::html_escape(text);
}

std::string page(const Frame& frame, const std::string& main_html) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>" +
      escape(frame.title) +
      " - senmap</title>\n"
      "<link rel=\"stylesheet\" href=\"/assets/senmap.css\">\n"
      "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">\n</head>\n<body>\n"
      "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n"
      "<header class=\"site\"><p class=\"brand\">senmap</p>";
  if (!frame.signed_in.empty()) {
    out += "<p class=\"who\">Signed in as " + escape(frame.signed_in) + "</p>";
    if (!frame.csrf_token.empty())
      out +=
          "<form class=\"signout\" method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf_token\" "
          "value=\"" +
          escape(frame.csrf_token) + "\"><button type=\"submit\">Sign out</button></form>";
  }
  if (!frame.nav.empty()) {
    out += "<nav aria-label=\"senmap\"><ul>";
    for (const auto& [label, href] : frame.nav)
      out += "<li><a href=\"" + escape(href) + "\">" + escape(label) + "</a></li>";
    out += "</ul></nav>";
  }
  out += "</header>\n<main id=\"main\">\n" + main_html + "</main>\n</body>\n</html>\n";
  return out;
}

std::string none() {
  return "<span aria-hidden=\"true\">-</span><span class=\"visually-hidden\">none</span>";
}

std::string text_of(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return {};
  if (v.is_double()) return model::decimal_text(v.as_double());  // 98.4, 45, 1.5: not 9.84E1 as JSON may
  return boost::json::serialize(v);
}

std::string value_html(std::string_view text) {
  return text.empty() ? none() : escape(text);
}

std::string value_html(const boost::json::value& v) {
  return value_html(text_of(v));
}

std::string date_html(const boost::json::value& day) {
  auto text = text_of(day);
  return text.empty() ? none() : "<span class=\"date\">" + escape(text) + "</span>";
}

std::string url_part(std::string_view text) {
  std::string out;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
      out += static_cast<char>(c);
    else
      out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

std::string pupil_link(const std::string& upn, const std::string& name) {
  return "<a href=\"/pupils/" + url_part(upn) + "\">" + escape(name) + "</a>";
}

std::string status_name(std::string_view code) {
  if (code == "K") return "SEN support";
  if (code == "E") return "EHC plan";
  return std::string(code);
}

std::string access_kind_name(const std::string& kind) {
  return model::access_kind_name(kind);
}

std::string need_name(std::string_view code) {
  if (const auto* need = model::find_sen_type(code)) return std::string(need->meaning) + " (" + std::string(code) + ")";
  return std::string(code);
}

}  // namespace sm::http::pages
