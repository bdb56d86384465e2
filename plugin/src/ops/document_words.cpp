#include "ops/document_words.hpp"

#include "model/number_text.hpp"

namespace sm::ops::words {

std::string text(const boost::json::value& v, const std::string& missing) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_bool()) return v.as_bool() ? "yes" : "no";
  if (v.is_number()) return model::decimal_text(v.to_number<double>());
  return missing;
}

std::string money(const boost::json::value& v, const std::string& missing) {
  return v.is_number() ? model::money_text(v.to_number<double>()) : missing;
}

std::string percent(const boost::json::value& v, const std::string& missing) {
  return v.is_number() ? model::percent_text(v.to_number<double>()) : missing;
}

}  // namespace sm::ops::words
