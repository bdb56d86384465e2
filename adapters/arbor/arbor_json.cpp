#include "arbor/arbor_json.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <utility>

namespace sm::arbor {
namespace json = boost::json;

std::string href_of(const json::value* v) {
  if (!v || !v->is_object()) return {};
  const auto* href = v->as_object().if_contains("href");
  return href && href->is_string() ? std::string(href->as_string()) : std::string();
}

std::string id_of_href(std::string_view href) {
  while (!href.empty() && href.back() == '/') href.remove_suffix(1);
  auto slash = href.rfind('/');
  return std::string(slash == std::string_view::npos ? href : href.substr(slash + 1));
}

json::object reference(std::string_view entity_type, std::string_view href) {
  return json::object{{"entityType", entity_type}, {"href", href}};
}

std::optional<model::Date> date_of(const json::value* v) {
  if (!v) return std::nullopt;
  std::string_view text;
  if (v->is_string()) {
    text = v->as_string();
  } else if (v->is_object()) {
    const auto* d = v->as_object().if_contains("date");
    if (!d || !d->is_string()) return std::nullopt;
    text = d->as_string();
  } else {
    return std::nullopt;
  }
  if (text.size() < 10) return std::nullopt;
  return model::parse_date(text.substr(0, 10));
}

std::string arbor_date(model::Date d) {
  return model::format_date(d);
}

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  if (v->is_bool()) return v->as_bool() ? "true" : "false";
  return {};
}

std::optional<bool> bool_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_bool()) return v->as_bool();
  if (v->is_int64()) return v->as_int64() != 0;
  if (v->is_string()) {
    auto s = v->as_string();
    if (s == "true" || s == "1") return true;
    if (s == "false" || s == "0") return false;
  }
  return std::nullopt;
}

std::optional<long long> integer_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<long long>(v->as_uint64());
  if (v->is_double()) return static_cast<long long>(v->as_double());
  if (v->is_string()) {
    auto s = v->as_string();
    long long out = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc{} && p == s.data() + s.size()) return out;
  }
  return std::nullopt;
}

const json::object* single_object(const json::value& body) {
  if (!body.is_object()) return nullptr;
  for (const auto& [key, value] : body.as_object())
    if (key != "response" && value.is_object()) return &value.as_object();
  return nullptr;
}

json::object* single_object(json::value& body) {
  return const_cast<json::object*>(single_object(std::as_const(body)));  // body is the caller's own
}

std::vector<std::string> list_hrefs(const json::value& body) {
  std::vector<std::string> out;
  if (!body.is_object()) return out;
  for (const auto& [key, value] : body.as_object()) {
    if (!value.is_array()) continue;
    for (const auto& item : value.as_array())
      if (auto href = href_of(&item); !href.empty()) out.push_back(std::move(href));
    break;
  }
  return out;
}

ArborStatus status_of(int http_status, const json::value* body) {
  ArborStatus out;
  out.code = http_status;
  const json::object* response = nullptr;
  if (body && body->is_object())
    if (const auto* r = body->as_object().if_contains("response"); r && r->is_object()) response = &r->as_object();
  if (!response) return out;
  if (auto code = integer_of(*response, "code")) out.code = static_cast<int>(*code);
  out.reason = text_of(*response, "reason");
  if (const auto* errors = response->if_contains("errors"); errors && errors->is_array())
    for (const auto& e : errors->as_array()) {
      if (!e.is_object()) continue;
      auto message = text_of(e.as_object(), "message");
      if (message.empty()) continue;
      if (!out.message.empty()) out.message += "; ";
      out.message += message;
    }
  if (out.message.empty()) out.message = out.reason;
  return out;
}

json::object create_body(std::string_view type, json::object fields) {
  json::object inner;
  inner[type] = std::move(fields);
  return json::object{{"request", std::move(inner)}};
}

}  // namespace sm::arbor
