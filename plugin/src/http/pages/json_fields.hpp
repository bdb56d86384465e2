// Reading the operations' JSON answers in a page: a field that is absent or of another type reads
// as null, an empty array or an empty object, so a page shows "none" instead of failing.
#pragma once
#include <boost/json.hpp>
#include <optional>
#include <string_view>

namespace sm::http::pages {

inline const boost::json::value& at(const boost::json::object& o, std::string_view key) {
  static const boost::json::value null;
  const auto* v = o.if_contains(key);
  return v ? *v : null;
}

inline const boost::json::array& array_at(const boost::json::object& o, std::string_view key) {
  static const boost::json::array empty;
  const auto* v = o.if_contains(key);
  return v && v->is_array() ? v->as_array() : empty;
}

inline const boost::json::object& object_at(const boost::json::object& o, std::string_view key) {
  static const boost::json::object empty;
  const auto* v = o.if_contains(key);
  return v && v->is_object() ? v->as_object() : empty;
}

inline std::optional<double> number_at(const boost::json::object& o, std::string_view key) {
  const auto& v = at(o, key);
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  return std::nullopt;
}

}  // namespace sm::http::pages
