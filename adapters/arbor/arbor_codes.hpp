// Arbor's SEN statuses and need types are records of their own: an assignment refers to one by
// href, and the census code sits on it (DfE items d00229 and d00237, else exportCode, else code).
// Shared by the reader (href -> code) and the writeback target (code -> href).
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "arbor/arbor_api.hpp"

namespace sm::arbor {

class CodeTable {
 public:
  // `res`: resource::sen_statuses or resource::sen_need_types; `dfe_item`: "d00229" or "d00237".
  CodeTable(ArborApi& api, std::string_view res, std::string_view dfe_item)
      : api_(api), res_(res), dfe_item_(dfe_item) {}
  // Fetches (one batch) the hrefs not yet known.
  void learn(const std::vector<std::string>& hrefs);
  std::string code_of(const std::string& href) const;  // empty when unknown
  // Lists the whole (small) resource once; empty when no record has that code.
  std::string href_of_code(std::string_view code);

 private:
  void remember(const boost::json::object& record);
  ArborApi& api_;
  std::string res_, dfe_item_;
  std::map<std::string, std::string> codes_;  // href -> census code
  bool listed_ = false;
};

}  // namespace sm::arbor
