// The SEN register as the SENCO's working list: search and filter at the top (a plain GET form,
// so a filtered list is a link to share or bookmark), the pupils in a table whose headings sort
// it, downloads of the same list for Excel, and pupils off the register a search found.
#pragma once
#include <boost/json/object.hpp>
#include <string>
#include <utility>
#include <vector>

#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"

namespace sm::http::pages {

struct RegisterView {
  Frame frame;
  boost::json::object list;  // register.view's answer
  // The query as asked (field -> text), so the form shows it and the links keep it.
  std::vector<std::pair<std::string, std::string>> query;
  std::vector<Choice> years;  // the school's year groups, in school order
  std::vector<Choice> flags;  // the rules that can be filtered on: id, title
  boost::json::value errors;  // register.view's refusal of the query, shown above the form
};

std::string register_page(const RegisterView& view);

}  // namespace sm::http::pages
