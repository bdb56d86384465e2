// Building server-rendered pages: every text that came from the store goes through escape(), and
// every page shares one frame (language, title, stylesheet, skip link, header, main landmark) so
// pages work without JavaScript, print cleanly and pass an accessibility check as a matter of course.
#pragma once
#include <boost/json/fwd.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sm::http::pages {

// Text for HTML content and quoted attribute values: & < > " ' escaped.
std::string escape(std::string_view text);

struct Frame {
  std::string title;                                     // the page's own title; " - senmap" is added
  std::string signed_in;                                 // who is signed in, shown in the header ("" for none)
  std::string csrf_token;                                // for the sign-out form ("" for none)
  std::vector<std::pair<std::string, std::string>> nav;  // the pages this person may open: label, address
};

// The whole document around `main_html` (which the caller built from escaped parts).
std::string page(const Frame& frame, const std::string& main_html);

// An empty cell or value: a dash on screen, the word "none" for a screen reader.
std::string none();
// A JSON value as text: a string as it is, null as "", anything else serialised.
std::string text_of(const boost::json::value& v);
// Text or a JSON value for a page: escaped, or none() when there is nothing to show.
std::string value_html(std::string_view text);
std::string value_html(const boost::json::value& v);
// A day (YYYY-MM-DD) in <span class="date">, kept on one line; none() when there is none.
std::string date_html(const boost::json::value& day);
// A link to a pupil's page, their name as its text.
std::string pupil_link(const std::string& upn, const std::string& name);
// An id as one segment of a path (OneRoster sourcedIds, UPNs, numbers): other bytes %-escaped.
std::string url_part(std::string_view text);

// "SEN support" for K, "EHC plan" for E, the code itself otherwise.
std::string status_name(std::string_view code);
// "25% extra time" for extra_time_25: an exam access arrangement as staff say it.
std::string access_kind_name(const std::string& kind);
// "Speech, language and communication needs (SLCN)" for SLCN; the code if it is not a census code.
std::string need_name(std::string_view code);

}  // namespace sm::http::pages
