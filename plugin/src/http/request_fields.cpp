#include "http/request_fields.hpp"

#include <boost/json.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse_query.hpp>
#include <charconv>

namespace sm::http {
namespace json = boost::json;
namespace {

json::value typed(const ops::Field* field, const std::string& text) {
  using F = ops::FieldType;
  if (!field) return json::value(text);
  if (field->type == F::integer || field->type == F::integer_list) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec == std::errc{} && end == text.data() + text.size()) return v;
  } else if (field->type == F::number) {
    if (auto v = ops::number_of(text)) return *v;
  } else if (field->type == F::boolean) {
    if (text == "true") return true;
    if (text == "false") return false;
  }
  return json::value(text);
}

}  // namespace

const ops::Operation* operation_named(std::string_view name) {
  for (const auto& o : ops::operations())
    if (o.name == name) return &o;
  return nullptr;
}

void add_field(const ops::Operation& op, json::object& request, const std::string& name, const std::string& value) {
  const ops::Field* field = nullptr;
  for (const auto& f : op.fields)
    if (f.name == name) field = &f;
  if (field && field->type == ops::FieldType::string_list) {
    // A page's list is typed one item a line (a passport's strategies): each line is an item, and
    // blank lines are no item (a list left blank stays absent, as an empty field does).
    std::string_view rest = value;
    while (!rest.empty()) {
      auto end = rest.find('\n');
      auto line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      if (line.empty()) continue;
      auto& list = request[name];
      if (!list.is_array()) list = json::array{};
      list.as_array().emplace_back(line);
    }
  } else if (field && field->type == ops::FieldType::integer_list) {
    auto& list = request[name];
    if (!list.is_array()) list = json::array{};
    list.as_array().push_back(typed(field, value));
  } else {
    auto v = typed(field, value);
    request[name] = std::move(v);
  }
}

std::vector<std::pair<std::string, std::string>> form_fields(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  auto params = boost::urls::parse_query(body);
  if (!params) return out;
  // A browser's form encodes a space as '+' (HTML's urlencoded rules), not only as %20.
  boost::urls::encoding_opts form{true};
  for (const auto& p : *params) out.emplace_back(p.key.decode(form), p.value.decode(form));
  return out;
}

std::string form_field(std::string_view body, std::string_view name) {
  for (auto& [key, value] : form_fields(body))
    if (key == name) return value;
  return {};
}

}  // namespace sm::http
