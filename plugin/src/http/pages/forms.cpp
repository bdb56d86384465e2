#include "http/pages/forms.hpp"

#include <boost/json.hpp>

#include "http/pages/html.hpp"

namespace sm::http::pages {
namespace {

std::string hint_html(const std::string& id, const std::string& hint) {
  return hint.empty() ? std::string() : "<span class=\"hint\" id=\"" + id + "-hint\">" + escape(hint) + "</span>";
}
std::string described_by(const std::string& id, const std::string& hint) {
  return hint.empty() ? std::string() : " aria-describedby=\"" + id + "-hint\"";
}
// One radio button or checkbox (type) with its label, appended to html in place.
void append_choice(std::string& html, const char* type, const std::string& id, const std::string& name,
                   const Choice& choice, bool checked) {
  html.append("<div class=\"choice\"><input type=\"")
      .append(type)
      .append("\" id=\"")
      .append(id)
      .append("\" name=\"")
      .append(escape(name))
      .append("\" value=\"")
      .append(escape(choice.value))
      .append("\"")
      .append(checked ? " checked" : "")
      .append("><label for=\"")
      .append(id)
      .append("\">")
      .append(escape(choice.label))
      .append("</label></div>\n");
}

}  // namespace

FormBuilder::FormBuilder(const std::string& action, const std::string& csrf_token, const Submitted& submitted,
                         std::string id_prefix)
    : submitted_(submitted), id_(std::move(id_prefix)) {
  html_ = "<form method=\"post\" action=\"" + escape(action) + "\">\n";
  // A page's form cannot set a header: the session's CSRF token travels in the body.
  if (!csrf_token.empty()) hidden("csrf_token", csrf_token);
}

std::string FormBuilder::label(const std::string& name, const std::string& text) {
  labels_[name] = text;
  return "<label for=\"" + id_ + escape(name) + "\">" + escape(text) + "</label>";
}

std::string FormBuilder::value_of(const std::string& name, const std::string& fallback) const {
  auto it = submitted_.find(name);
  return it == submitted_.end() ? fallback : it->second;
}

FormBuilder& FormBuilder::hidden(const std::string& name, const std::string& value) {
  html_ += "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">\n";
  return *this;
}

FormBuilder& FormBuilder::date(const std::string& name, const std::string& text, const std::string& value,
                               bool required) {
  html_ += label(name, text) + "<input type=\"date\" id=\"" + id_ + escape(name) + "\" name=\"" + escape(name) +
           "\" value=\"" + escape(value_of(name, value)) + "\"" + (required ? " required" : "") + ">\n";
  return *this;
}

FormBuilder& FormBuilder::number(const std::string& name, const std::string& text, const std::string& hint,
                                 bool decimal) {
  auto id = id_ + escape(name);
  html_ += label(name, text) + hint_html(id, hint) + "<input type=\"number\" min=\"0\"" +
           (decimal ? " step=\"any\"" : "") + " id=\"" + id + "\" name=\"" + escape(name) + "\" value=\"" +
           escape(value_of(name)) + "\"" + described_by(id, hint) + ">\n";
  return *this;
}

FormBuilder& FormBuilder::text(const std::string& name, const std::string& text, const std::string& hint) {
  auto id = id_ + escape(name);
  html_ += label(name, text) + hint_html(id, hint) + "<input type=\"text\" id=\"" + id + "\" name=\"" + escape(name) +
           "\" value=\"" + escape(value_of(name)) + "\"" + described_by(id, hint) + ">\n";
  return *this;
}

FormBuilder& FormBuilder::textarea(const std::string& name, const std::string& text, const std::string& hint) {
  auto id = id_ + escape(name);
  html_ += label(name, text) + hint_html(id, hint) + "<textarea rows=\"3\" id=\"" + id + "\" name=\"" + escape(name) +
           "\"" + described_by(id, hint) + ">" + escape(value_of(name)) + "</textarea>\n";
  return *this;
}

FormBuilder& FormBuilder::select(const std::string& name, const std::string& text, const std::vector<Choice>& choices,
                                 bool required) {
  auto id = id_ + escape(name);
  auto chosen = value_of(name);
  html_ += label(name, text) + "<select id=\"" + id + "\" name=\"" + escape(name) + "\"" +
           (required ? " required" : "") + ">\n<option value=\"\">Choose</option>\n";
  for (const auto& c : choices)
    html_ += "<option value=\"" + escape(c.value) + "\"" + (c.value == chosen ? " selected" : "") + ">" +
             escape(c.label) + "</option>\n";
  html_ += "</select>\n";
  return *this;
}

FormBuilder& FormBuilder::radios(const std::string& name, const std::string& legend,
                                 const std::vector<Choice>& choices) {
  auto chosen = value_of(name, choices.empty() ? "" : choices.front().value);
  labels_[name] = legend;
  html_ += "<fieldset id=\"" + id_ + escape(name) + "\"><legend>" + escape(legend) + "</legend>\n";
  for (const auto& c : choices) {
    auto id = id_ + escape(name) + "-" + escape(c.value);
    append_choice(html_, "radio", id, name, c, c.value == chosen);
  }
  html_ += "</fieldset>\n";
  return *this;
}

FormBuilder& FormBuilder::checkboxes(const std::string& name, const std::string& legend,
                                     const std::vector<Choice>& choices, bool ticked_fresh) {
  // Submitted lists are kept one value a line.
  auto sent = "\n" + value_of(name) + "\n";
  labels_[name] = legend;
  html_ += "<fieldset id=\"" + id_ + escape(name) + "\"><legend>" + escape(legend) + "</legend>\n";
  for (const auto& c : choices) {
    auto id = id_ + escape(name) + "-" + escape(c.value);
    bool ticked = submitted_.empty() ? ticked_fresh : sent.find("\n" + c.value + "\n") != std::string::npos;
    append_choice(html_, "checkbox", id, name, c, ticked);
  }
  html_ += "</fieldset>\n";
  return *this;
}

FormBuilder& FormBuilder::raw(const std::string& html) {
  html_ += html;
  return *this;
}

std::string FormBuilder::finish(const std::string& button) {
  return html_ + "<button type=\"submit\">" + escape(button) + "</button>\n</form>\n";
}

std::string filter_select(const std::string& name, const std::string& label, const std::vector<Choice>& choices,
                          const std::string& current, const std::string& any) {
  std::string out = "<div class=\"filter\"><label for=\"f-" + escape(name) + "\">" + escape(label) +
                    "</label><select id=\"f-" + escape(name) + "\" name=\"" + escape(name) + "\"><option value=\"\">" +
                    escape(any) + "</option>";
  for (const auto& c : choices)
    out += "<option value=\"" + escape(c.value) + "\"" + (c.value == current ? " selected" : "") + ">" +
           escape(c.label) + "</option>";
  return out + "</select></div>\n";
}

std::string error_summary(const boost::json::value& errors, const std::string& form_heading,
                          const std::map<std::string, std::string>& labels, const std::string& id_prefix) {
  const auto* list = errors.is_object() ? errors.as_object().if_contains("errors") : nullptr;
  if (!list || !list->is_array() || list->as_array().empty()) return {};
  std::string out =
      // Focused as the page loads (autofocus, no script): a keyboard or screen-reader user starts at
      // the reasons, each a link to its field.
      "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus aria-labelledby=\"error-heading\">\n"
      "<h2 id=\"error-heading\">" +
      escape(form_heading) + ": nothing was recorded</h2>\n<ul>\n";
  for (const auto& e : list->as_array()) {
    const auto& o = e.as_object();
    auto field = o.contains("field") ? text_of(o.at("field")) : std::string();
    auto rule = o.contains("rule") ? text_of(o.at("rule")) : std::string();
    auto named = labels.find(field);
    if (named == labels.end()) {
      out += "<li>" + escape(rule) + "</li>\n";
      continue;
    }
    out += "<li><a href=\"#" + escape(id_prefix) + escape(field) + "\">" + escape(named->second + ": " + rule) +
           "</a></li>\n";
  }
  return out + "</ul>\n</div>\n";
}

std::string notice(const std::string& text) {
  return "<div class=\"notice\" role=\"status\"><p>" + escape(text) + "</p></div>\n";
}

}  // namespace sm::http::pages
