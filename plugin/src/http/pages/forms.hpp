// The pieces every form on senmap's pages is built from, so each form works without JavaScript,
// labels every control, keeps what was typed when the operation refuses it, and lists the
// refusal's reasons at the top linked to their fields (the pattern screen-reader users expect).
#pragma once
#include <boost/json/fwd.hpp>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sm::http::pages {

// What was submitted to a form, so a refused form shows it again; empty on a fresh page.
using Submitted = std::map<std::string, std::string>;

struct Choice {
  std::string value, label;
};

class FormBuilder {
 public:
  // Each control's id is id_prefix + its name: a page with several forms that share a field name
  // ("note") gives each form its own prefix, so every id stays unique.
  FormBuilder(const std::string& action, const std::string& csrf_token, const Submitted& submitted,
              std::string id_prefix = "f-");
  FormBuilder& hidden(const std::string& name, const std::string& value);
  FormBuilder& date(const std::string& name, const std::string& label, const std::string& value, bool required = true);
  // Whole numbers, or any number (hours a week: 2.5) when `decimal`.
  FormBuilder& number(const std::string& name, const std::string& label, const std::string& hint = "",
                      bool decimal = false);
  FormBuilder& text(const std::string& name, const std::string& label, const std::string& hint = "");
  FormBuilder& textarea(const std::string& name, const std::string& label, const std::string& hint = "");
  FormBuilder& select(const std::string& name, const std::string& label, const std::vector<Choice>& choices,
                      bool required = true);
  FormBuilder& radios(const std::string& name, const std::string& legend, const std::vector<Choice>& choices);
  // On a fresh form each is ticked when `ticked` (what a plan serves: every running placement);
  // a refused form shows what was sent.
  FormBuilder& checkboxes(const std::string& name, const std::string& legend, const std::vector<Choice>& choices,
                          bool ticked = true);
  FormBuilder& raw(const std::string& html);  // an escaped fragment (a fieldset's legend, say)
  std::string finish(const std::string& button);
  // Each field's label, for the error summary's links.
  const std::map<std::string, std::string>& labels() const { return labels_; }

 private:
  std::string value_of(const std::string& name, const std::string& fallback = "") const;
  std::string label(const std::string& name, const std::string& text);
  std::string html_;
  const Submitted& submitted_;
  std::string id_;
  std::map<std::string, std::string> labels_;
};

// One filter of a list's GET form (the register's, the flags page's): a labelled select whose
// first choice, `any`, filters nothing; `current` is the value the list was asked for.
std::string filter_select(const std::string& name, const std::string& label, const std::vector<Choice>& choices,
                          const std::string& current, const std::string& any = "Any");

// The operation's refusal ({"errors":[{"field","rule"}]}) as an error summary; "" when none.
// An error about a field of the form (one `labels` has) names it by its label and links to it;
// one about something the form has no field for (the page's pupil) says only its rule.
std::string error_summary(const boost::json::value& errors, const std::string& form_heading,
                          const std::map<std::string, std::string>& labels = {}, const std::string& id_prefix = "f-");
// A confirmation after a form did its work ("The review was recorded.").
std::string notice(const std::string& text);

}  // namespace sm::http::pages
