#include "model/html_text.hpp"

#include "model/utf8.hpp"

namespace sm::model {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  // Bytes that are not UTF-8 (a form field typed as %E9) must not reach a page labelled UTF-8.
  return valid_utf8(std::move(out));
}

}  // namespace sm::model
