#include "arbor/arbor_codes.hpp"

#include <algorithm>

#include "arbor/arbor_json.hpp"

namespace sm::arbor {

void CodeTable::remember(const boost::json::object& record) {
  auto href = text_of(record, "href");
  if (href.empty()) return;
  std::string code;
  for (auto key : {std::string_view(dfe_item_), std::string_view("exportCode"), std::string_view("code")})
    if (code = text_of(record, key); !code.empty()) break;
  codes_[href] = code;
}

void CodeTable::learn(const std::vector<std::string>& hrefs) {
  std::vector<std::string> unknown;
  for (const auto& h : hrefs)
    if (!h.empty() && !codes_.contains(h) && std::find(unknown.begin(), unknown.end(), h) == unknown.end())
      unknown.push_back(h);
  if (unknown.empty()) return;
  for (const auto& record : api_.fetch_all(unknown, "read " + res_)) remember(record);
  for (const auto& h : unknown) codes_.try_emplace(h, std::string());  // asked once, even when gone
}

std::string CodeTable::code_of(const std::string& href) const {
  auto it = codes_.find(href);
  return it == codes_.end() ? std::string() : it->second;
}

std::string CodeTable::href_of_code(std::string_view code) {
  if (!listed_) {
    auto listed = api_.list(res_, "list " + res_);
    learn(listed.hrefs);
    listed_ = true;
  }
  for (const auto& [href, c] : codes_)
    if (c == code) return href;
  return {};
}

}  // namespace sm::arbor
