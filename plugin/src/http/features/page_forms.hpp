// What every page's form does (the pupil page's and the provision page's): run the route's
// operation with the form's fields under the caller's access decision, then go back to the page
// (303, so a reload does not record it twice) or show the page again with the refusal and what was typed.
#pragma once
#include <boost/json/value.hpp>
#include <string>

#include "http/call.hpp"
#include "http/pages/forms.hpp"

namespace sm::http {

// A form's refusal, to show on its page again.
struct FormRefusal {
  boost::json::value errors;
  pages::Submitted submitted;
  std::string form;  // which form: the page's ?recorded= word for it
};

struct PageForm {
  std::string page;      // the page it belongs to ("/pupils/A123"): back there when done
  const char* recorded;  // the word the page's notice says it by ("review": ?recorded=review)
  // The page again, with the refusal.
  Response (*page_again)(Call&, const FormRefusal*);
  // A further check once the caller may run the operation: false answers as missing (a review posted
  // to one pupil's page must be of that pupil's cycle).
  bool (*belongs)(const Call&, const boost::json::object& request) = nullptr;
};

Response run_form(Call& call, const PageForm& form);

// A page holding a form, in the caller's frame: 200, or 422 when it shows the form's refusal.
Response framed_form_page(const Call& call, const std::string& title, const std::string& main_html,
                          const std::string& object, const FormRefusal* refused);

// What a form just did, from the page's ?recorded= after the form's redirect.
std::string notice_for(const std::string& recorded);

// The flag rules as a filter's choices (id, title), for the pages that filter by rule.
std::vector<pages::Choice> rule_choices();

}  // namespace sm::http
