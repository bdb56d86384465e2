#include "ctf/ctf_document.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace sm::ctf {
namespace {
std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n";
  auto first = s.find_first_not_of(ws);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(ws) - first + 1);
}
}  // namespace

pugi::xml_node child(pugi::xml_node parent, const char* name) {
  // pugixml's child() calls strcmp on every sibling; checking the first character first
  // skips almost all of those calls (a quarter of a large import's reading time).
  for (auto c = parent.first_child(); c; c = c.next_sibling()) {
    const char* n = c.name();
    if (n[0] == name[0] && std::strcmp(n, name) == 0) return c;
  }
  return {};
}

std::string_view trimmed_value(pugi::xml_node element) {
  return trim(element.child_value());
}

std::string_view child_text(pugi::xml_node parent, const char* name) {
  return trimmed_value(child(parent, name));
}

std::string element_path(pugi::xml_node node, pugi::xml_node anchor, const std::string& anchor_path) {
  std::vector<std::string> parts;
  for (auto n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    if (anchor && n == anchor) {
      parts.push_back(anchor_path);
      break;
    }
    std::string part = n.name();
    // Index only where siblings share the name, so single elements read naturally.
    int index = 1, same = 0;
    for (auto s = n.parent().child(n.name()); s; s = s.next_sibling(n.name())) {
      ++same;
      if (s == n) index = same;
    }
    if (same > 1) part += "[" + std::to_string(index) + "]";
    parts.push_back(std::move(part));
  }
  std::string path;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!path.empty()) path += '/';
    path += *it;
  }
  return path;
}

std::string clip_value(std::string_view value) {
  constexpr std::size_t kMax = 80;
  if (value.size() <= kMax) return std::string(value);
  return std::string(value.substr(0, kMax)) + "...";
}

void ProblemList::add(pugi::xml_node at, std::string_view value, std::string rule) {
  ++count_;
  out_.push_back({{file_, 0, element_path(at, anchor_, anchor_path_), upn_, clip_value(value), std::move(rule), {}},
                  at.offset_debug() + offset_base_});
}

void ProblemList::add_missing(pugi::xml_node parent, const char* child_name, std::string rule) {
  ++count_;
  std::string path = element_path(parent, anchor_, anchor_path_) + "/" + child_name;
  if (rule.empty()) rule = std::string("required element <") + child_name + "> is missing or empty";
  out_.push_back({{file_, 0, std::move(path), upn_, "", std::move(rule), {}}, parent.offset_debug() + offset_base_});
}

}  // namespace sm::ctf
