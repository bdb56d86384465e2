#include "report/problem_json.hpp"

#include <boost/json.hpp>

namespace sm::report {

boost::json::array problems_json(const std::vector<model::Problem>& problems) {
  boost::json::array out;
  for (const auto& p : problems)
    out.push_back({{"file", p.file},
                   {"line", p.line},
                   {"path", p.path},
                   {"upn", p.upn},
                   {"value", p.value},
                   {"rule", p.rule},
                   {"record", p.record}});
  return out;
}

}  // namespace sm::report
