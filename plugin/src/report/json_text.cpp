#include "report/json_text.hpp"

#include <boost/json/serialize.hpp>

#include "model/number_text.hpp"

namespace sm::report {
namespace {

// Boost.JSON writes everything but doubles (its string escaping included); only the walk is ours,
// as its serializer has no option for how doubles are written.
void write(const boost::json::value& v, std::string& out) {
  switch (v.kind()) {
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : v.get_object()) {
        if (!first) out += ',';
        first = false;
        out += boost::json::serialize(key);
        out += ':';
        write(item, out);
      }
      out += '}';
      return;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write(item, out);
      }
      out += ']';
      return;
    }
    case boost::json::kind::double_: {
      auto text = model::round_trip_decimal(v.get_double());
      out += text.empty() ? "null" : text;
      return;
    }
    default:
      out += boost::json::serialize(v);
  }
}

}  // namespace

std::string json_text(const boost::json::value& v) {
  std::string out;
  write(v, out);
  return out;
}

}  // namespace sm::report
