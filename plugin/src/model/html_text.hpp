// Text for HTML: the one escaping rule for every page senmap serves and every document it writes
// (the CLI's subject access page too), so none can differ.
#pragma once
#include <string>
#include <string_view>

namespace sm::model {

// Text for HTML content and quoted attribute values: & < > " ' escaped, and invalid UTF-8 repaired
// (the documents say charset=utf-8).
std::string html_escape(std::string_view text);

}  // namespace sm::model
