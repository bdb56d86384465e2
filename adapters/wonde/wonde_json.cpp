#include "wonde/wonde_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>
#include <charconv>
#include <string>

namespace sm::wonde {
namespace json = boost::json;

namespace {
bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

// "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DD HH:MM:SS.ffffff" (any number of fraction digits).
std::optional<PhpDate> parse_date_text(std::string_view s) {
  PhpDate out;
  if (s.size() == 10) {
    auto day = model::parse_date(s);
    if (!day) return std::nullopt;
    out.date = *day;
    out.moment = std::chrono::sys_days{*day};
    return out;
  }
  if (s.size() < 19 || (s[10] != ' ' && s[10] != 'T')) return std::nullopt;
  if (s.size() > 19 && (s[19] != '.' || !all_digits(s.substr(20)))) return std::nullopt;
  std::string iso(s.substr(0, 19));
  iso[10] = 'T';
  if (!model::is_valid_datetime(iso)) return std::nullopt;
  out.date = *model::parse_date(s.substr(0, 10));
  auto number = [&](std::size_t at) { return (iso[at] - '0') * 10 + (iso[at + 1] - '0'); };
  out.moment = std::chrono::sys_days{out.date} + std::chrono::hours{number(11)} + std::chrono::minutes{number(14)} +
               std::chrono::seconds{number(17)};
  return out;
}
}  // namespace

std::optional<PhpDate> parse_php_date(const json::value& value) {
  if (const auto* s = value.if_string()) return parse_date_text(*s);
  const auto* object = value.if_object();
  if (!object) return std::nullopt;
  const auto* date = member(*object, "date");
  if (!date || !date->is_string()) return std::nullopt;
  auto out = parse_date_text(date->get_string());
  if (out) out->timezone = text(*object, "timezone");
  return out;
}

std::string format_wonde_time(std::chrono::sys_seconds t) {
  auto iso = model::format_utc(t);  // YYYY-MM-DDTHH:MM:SSZ
  iso[10] = ' ';
  iso.pop_back();
  return iso;
}

std::optional<std::chrono::sys_seconds> parse_wonde_time(std::string_view text) {
  if (text.size() != 19) return std::nullopt;
  auto parsed = parse_date_text(text);
  if (!parsed) return std::nullopt;
  return parsed->moment;
}

const json::value* member(const json::object& object, std::string_view key) {
  const auto* found = object.if_contains(key);
  return found && !found->is_null() ? found : nullptr;
}

std::string text(const json::object& object, std::string_view key) {
  const auto* value = member(object, key);
  if (!value) return {};
  if (const auto* s = value->if_string()) return std::string(*s);
  if (const auto* i = value->if_int64()) return std::to_string(*i);
  if (const auto* u = value->if_uint64()) return std::to_string(*u);
  return {};
}

const json::object* included_object(const json::object& object, std::string_view key) {
  const auto* value = member(object, key);
  if (!value || !value->is_object()) return nullptr;
  const auto& wrapper = value->get_object();
  if (const auto* data = member(wrapper, "data")) return data->if_object();
  return &wrapper;
}

const json::array* included_array(const json::object& object, std::string_view key) {
  const auto* value = member(object, key);
  if (!value) return nullptr;
  if (const auto* array = value->if_array()) return array;
  if (const auto* wrapper = value->if_object())
    if (const auto* data = member(*wrapper, "data")) return data->if_array();
  return nullptr;
}

std::optional<long long> lenient_count(const json::value* value) {
  if (!value) return std::nullopt;
  if (const auto* i = value->if_int64()) return *i;
  if (const auto* u = value->if_uint64()) return static_cast<long long>(*u);
  if (const auto* s = value->if_string()) {
    long long out = 0;
    auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec == std::errc{} && ptr == s->data() + s->size()) return out;
  }
  return std::nullopt;
}

model::Problem record_problem(const std::string& endpoint, const std::string& id, const std::string& field,
                              const std::string& value, const std::string& rule) {
  model::Problem p;
  p.file = "Wonde " + endpoint;
  p.path = field;
  p.record = id;
  p.value = value.size() > 80 ? value.substr(0, 80) + "..." : value;
  p.rule = rule;
  return p;
}

}  // namespace sm::wonde
